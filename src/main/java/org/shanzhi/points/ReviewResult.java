package org.shanzhi.points;

import java.util.List;

/**
 * What a batch review did: the events reviewed, those left for another reviewer (maker ≠ checker), and how many of
 * the period's events are still waiting to be verified or rectified.
 */
public record ReviewResult(String period, List<Long> reviewed, List<Skipped> skipped, long unverified, long inRectification) {

    public record Skipped(long eventId, String reason) {
    }
}
