package org.shanzhi.cases;

import java.math.BigDecimal;
import java.util.List;

/**
 * Command: report a problem. Where it is: a household (a villager's own by default), or a village/group code
 * and optionally a grid (staff). {@code level} lets staff start a case above the category's level.
 *
 * @param parties for a dispute: the parties (at least two)
 */
public record ReportCase(String categoryCode, CaseKind kind, String title, String description, Long householdId,
        String divisionCode, Long gridId, String address, BigDecimal lat, BigDecimal lon, String mediaUrl,
        Boolean urgent, CaseLevel level, String reporterName, String reporterPhone, List<Party> parties) {

    /** A party to a dispute; the household, when given, must be of the county. */
    public record Party(String name, Long householdId, String phone) {
    }
}
