package org.shanzhi.deliberation;

import java.time.LocalDateTime;

/**
 * One elector of a vote: whether they voted and, for an open (non-secret) vote only, what. A secret vote's
 * choice is never stored next to the elector, so it cannot be returned.
 */
public record Ballot(long memberId, String name, boolean voted, LocalDateTime votedAt, String choice) {
}
