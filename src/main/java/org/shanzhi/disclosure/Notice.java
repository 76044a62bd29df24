package org.shanzhi.disclosure;

import java.time.LocalDateTime;
import java.util.List;

/** A public notice (公示) as pages and the API show it. {@code status} is {@code OPEN} until it closes. */
public record Notice(long id, String countyCode, String villageCode, String villageName, String kind, String sourceType,
        String sourceId, String title, String body, int windowDays, LocalDateTime publishedAt, LocalDateTime windowEnd,
        String status, LocalDateTime closedAt, String publishedByName, List<NoticeItem> items, List<Objection> objections) {

    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    public boolean open() {
        return OPEN.equals(status);
    }

    public long pendingObjections() {
        return objections.stream().filter(Objection::pending).count();
    }
}
