package org.shanzhi.audit;

import java.time.LocalDateTime;

/** One entry of the audit trail; seq, prevHash and hash are null until the chaining job has chained it. */
public record AuditEntry(long id, String countyCode, Long seq, LocalDateTime at, Long actorId, String actorName,
        String action, String entityType, String entityId, Long subjectPersonId, String before, String after,
        String prevHash, String hash) {
}
