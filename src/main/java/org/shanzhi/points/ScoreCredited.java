package org.shanzhi.points;

/**
 * A score event was credited to the ledger after its notice passed (公示无异议). For modules that react to
 * points (rewards), published in the crediting transaction.
 */
public record ScoreCredited(String countyCode, long eventId, String subjectType, long subjectId, Long householdId, String villageCode,
        String periodMonth, long points) {
}
