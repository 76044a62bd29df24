package org.shanzhi.disclosure;

import java.time.LocalDateTime;

/** A notice in a list: no items, just the counts. */
public record NoticeSummary(long id, String villageCode, String kind, String title, LocalDateTime publishedAt,
        LocalDateTime windowEnd, String status, int items, int pendingObjections) {
}
