package org.shanzhi.points;

import java.time.LocalDate;

/**
 * The recorded decision adopting a scheme version (村民会议或村民代表会议通过): when, which meeting, the votes, and the
 * day the version applies from. Events keep the points they were scored with under an earlier version.
 */
public record Decision(LocalDate decisionDate, String meeting, Integer votesFor, Integer votesAgainst, LocalDate effectiveFrom) {
}
