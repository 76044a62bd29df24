package org.shanzhi.points;

/**
 * One subject's result for a period: score = base + the period's credited points (capped if the scheme caps),
 * its rank in its group, village and township (competition ranking: equal scores share a rank), its stars.
 * A vetoed subject (一票否决) is marked; by the scheme it is not ranked at all, or ranked after everyone else.
 */
public record RankingRow(String subjectType, long subjectId, Long householdId, String villageCode, String groupCode, String groupName,
        String label, long points, long score, Integer groupRank, Integer villageRank, Integer townshipRank, int stars, boolean vetoed) {
}
