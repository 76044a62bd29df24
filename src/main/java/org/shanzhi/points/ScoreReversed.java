package org.shanzhi.points;

/** A credited score event was corrected by a reversing entry of {@code -points}. */
public record ScoreReversed(String countyCode, long eventId, String subjectType, long subjectId, Long householdId, String villageCode,
        String periodMonth, long points, String reason) {
}
