package org.shanzhi.deliberation;

import java.time.LocalDateTime;

/** A proposal (提议) raised in a village, its supports and the cadres' answer. */
public record Proposal(long id, String countyCode, String villageCode, String title, String body, String category,
        String authorName, String state, String stateLabel, long supports, boolean youSupported, String answer,
        String answeredByName, LocalDateTime answeredAt, Long matterId, LocalDateTime createdAt) {
}
