package org.shanzhi.points;

import java.time.LocalDateTime;

/**
 * One entry of the append-only ledger: CREDIT (an event passed its notice), REVERSAL (a correction pointing at the
 * credit) or SETTLEMENT (a score carried into the next year). With the event's who and what, for the villager.
 */
public record LedgerEntry(long id, String subjectType, long subjectId, String subjectLabel, int year, String periodMonth, long points,
        String kind, Long eventId, Long reversesId, String reason, String recordedByName, String reviewedByName, String createdByName,
        LocalDateTime createdAt) {
}
