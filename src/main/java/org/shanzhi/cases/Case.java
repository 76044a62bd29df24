package org.shanzhi.cases;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.shanzhi.common.Located;

/**
 * A case as the API and pages show it (the reporter's phone masked), with its SLA light at the time it was
 * read. Times are Asia/Shanghai.
 *
 * @param dueAt      deadline at the current level while the level's clock runs; null once handled
 * @param overdue    whether the case ever passed a deadline (escalated or overdue at the top level)
 * @param reopenCount 重办 count: at most 1
 */
public record Case(long id, String countyCode, CaseKind kind, String categoryCode, String categoryName, String title,
        String description, Channel channel, CaseStatus status, CaseLevel level, String villageCode, String groupCode,
        Long gridId, Long householdId, String address, BigDecimal lat, BigDecimal lon, String mediaUrl, boolean urgent,
        Long reporterAccountId, String reporterName, String reporterPhone, Long handlerAccountId, String handlerName,
        String handlerDepartment, Long volunteerHouseholdId, LocalDateTime reportedAt, LocalDateTime responseDueAt,
        LocalDateTime respondedAt, LocalDateTime acceptedAt, LocalDateTime levelStartedAt, LocalDateTime dueAt,
        LocalDateTime handledAt, LocalDateTime feedbackAt, Rating rating, LocalDateTime ratedAt, LocalDateTime closedAt,
        boolean overdue, int escalations, int reopenCount, int version, LocalDateTime updatedAt, Light light) {

    public Located located() {
        return new Located(countyCode, groupCode != null ? groupCode : villageCode, gridId, householdId);
    }
}
