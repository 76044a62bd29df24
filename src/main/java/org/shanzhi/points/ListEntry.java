package org.shanzhi.points;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * An entry of the red or black list (红黑榜) of a period. Red entries are published at once; a black entry waits
 * for a cadre's privacy check (PENDING_CHECK → PUBLISHED or WITHHELD) and is LIFTED on the household's
 * application once its probation has passed.
 */
public record ListEntry(long id, String villageCode, String period, String listType, String subjectType, long subjectId,
        Long householdId, String label, long score, Integer rank, String status, LocalDate probationUntil, String checkedByName,
        LocalDateTime checkedAt, String liftReason, LocalDateTime liftedAt) {
}
