package org.shanzhi.deliberation;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/** A matter and the steps of 四议两公开 recorded so far; {@code nextStep} is the only step that may come next. */
public record Matter(long id, String countyCode, String villageCode, String title, String description, String matterType,
        BigDecimal amountYuan, boolean requiresProcedure, Long proposalId, MatterStatus status, ProcedureStep nextStep,
        List<Step> steps, String createdByName, LocalDateTime createdAt, LocalDateTime resolvedAt,
        LocalDateTime resolutionPublishedAt, String resolutionNoticeRef, LocalDateTime resultPublishedAt,
        String resultNoticeRef) {

    /** One recorded step: when, who attended, the minutes (or the published text), the outcome. */
    public record Step(ProcedureStep step, String label, int seq, java.time.LocalDate heldOn, Integer present,
            Integer expected, String minutes, String publishedText, String outcome, Long meetingId, Long voteId,
            String recordedByName, LocalDateTime recordedAt) {
    }

    public String nextStepLabel() {
        return nextStep == null ? null : nextStep.label();
    }
}
