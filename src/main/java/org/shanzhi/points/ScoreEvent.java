package org.shanzhi.points;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.shanzhi.common.Located;

/**
 * A score event (积分事件): something a subject did, scored by an item of the scheme in force, on its way
 * {@code DECLARED → VERIFIED → REVIEWED → IN_NOTICE → CREDITED}, or {@code REJECTED}, {@code OBJECTION_UPHELD},
 * {@code WAIVED} (a deduction rectified in time) or {@code REVERSED} (credited, then corrected).
 *
 * @param points       the signed value it was scored with (kept when the scheme changes later)
 * @param subjectLabel the subject as pages show it: masked name, household number
 * @param source       SELF (自荐), NOMINATED (群众评荐), ORGANISATION (组织推荐) or RECORDED (by a group leader, grid
 *                     worker or cadre)
 */
public record ScoreEvent(long id, String countyCode, String villageCode, String groupCode, Long gridId, Long householdId,
        String subjectType, long subjectId, String subjectLabel, long schemeId, long itemId, String category, String itemName,
        long points, boolean veto, LocalDate occurredOn, String periodMonth, String source, String organisation, String description,
        String evidenceText, List<String> evidenceRefs, String status, String recordedByName, LocalDateTime recordedAt,
        String verifiedByName, LocalDateTime verifiedAt, String reviewedByName, LocalDateTime reviewedAt, String rejectedReason,
        Long noticeId, LocalDateTime creditedAt, LocalDateTime reversedAt, String reversalReason) {

    public static final String DECLARED = "DECLARED";
    public static final String VERIFIED = "VERIFIED";
    public static final String REVIEWED = "REVIEWED";
    public static final String IN_NOTICE = "IN_NOTICE";
    public static final String CREDITED = "CREDITED";
    public static final String REJECTED = "REJECTED";
    public static final String OBJECTION_UPHELD = "OBJECTION_UPHELD";
    public static final String WAIVED = "WAIVED";
    public static final String REVERSED = "REVERSED";

    /** The ids of the photos declared with the event (evidence refs {@code photo:<id>}). */
    public List<Long> photoIds() {
        return evidenceRefs == null ? List.of() : evidenceRefs.stream().filter(r -> r.matches("photo:\\d{1,18}"))
                .map(r -> Long.parseLong(r.substring(6))).toList();
    }

    public Located located() {
        return new Located(countyCode, groupCode != null ? groupCode : villageCode, gridId, householdId);
    }
}
