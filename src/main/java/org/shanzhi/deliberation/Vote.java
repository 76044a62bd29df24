package org.shanzhi.deliberation;

import java.time.LocalDateTime;

/**
 * A vote of a body. The counts are shown once the vote is closed (null while it is open, so early counts do
 * not sway the rest). {@code youMayVote}/{@code youHaveVoted} describe the caller.
 */
public record Vote(long id, String countyCode, String villageCode, long bodyId, String bodyName, Long matterId, String motion,
        boolean secret, String state, int members, String ruleText, int ballotsCast, Integer inFavour, Integer against,
        Integer abstained, Integer present, String outcome, String outcomeLabel, LocalDateTime openedAt,
        LocalDateTime closedAt, boolean youMayVote, boolean youHaveVoted, String noticeRef) {
}
