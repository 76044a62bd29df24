package org.shanzhi.cases;

import java.time.LocalDateTime;

/** One step of a case: who, when, from which state to which, at which level, and the note. Append-only. */
public record CaseLogEntry(long id, long caseId, int seq, LocalDateTime at, Long actorId, String actorName,
        String action, CaseStatus fromStatus, CaseStatus toStatus, CaseLevel level, String note) {
}
