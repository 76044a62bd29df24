package org.shanzhi.audit;

import java.time.LocalDateTime;

/** One entry of the audit trail. */
public record AuditEntry(long id, String countyCode, long seq, LocalDateTime at, Long actorId, String actorName,
        String action, String entityType, String entityId, Long subjectPersonId, String before, String after,
        String prevHash, String hash) {
}
