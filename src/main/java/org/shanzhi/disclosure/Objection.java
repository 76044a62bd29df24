package org.shanzhi.disclosure;

import java.time.LocalDateTime;

/**
 * A villager's objection (异议) to a notice or one of its items, and the cadre's answer.
 *
 * @param objectorName masked for display; the objector's account id stays in the database
 * @param status       {@code PENDING}, {@code UPHELD} (the item does not stand) or {@code DISMISSED}
 */
public record Objection(long id, long noticeId, String itemRef, String objectorName, String reason, LocalDateTime createdAt,
        String status, String answer, String answeredByName, LocalDateTime answeredAt) {

    public static final String PENDING = "PENDING";
    public static final String UPHELD = "UPHELD";
    public static final String DISMISSED = "DISMISSED";

    public boolean pending() {
        return PENDING.equals(status);
    }
}
