package org.shanzhi.deliberation;

import java.time.LocalDateTime;

/**
 * A vote closed with its counts and outcome (PASSED, FAILED, NO_QUORUM); never who voted what. Its
 * {@link #noticeText()} is the text of the public notice of the result.
 */
public record VoteClosed(String countyCode, String villageCode, long voteId, Long matterId, String bodyName, String motion,
        boolean secret, int members, int present, int inFavour, int against, int abstained, String outcome,
        LocalDateTime closedAt) {

    public String title() {
        return bodyName + "表决结果:" + motion;
    }

    public String noticeText() {
        String result = switch (outcome) {
            case "PASSED" -> "通过";
            case "FAILED" -> "未通过";
            default -> "未达到法定人数,表决无效";
        };
        return String.format("%s就「%s」进行%s表决。应到 %d 人,实到 %d 人;赞成 %d 票,反对 %d 票,弃权 %d 票。结果:%s。",
                bodyName, motion, secret ? "无记名" : "公开", members, present, inFavour, against, abstained, result);
    }
}
