package org.shanzhi.points;

import java.util.List;

/**
 * One scoring item (积分事项) of a scheme.
 *
 * @param sign           {@code +} adds, {@code -} deducts
 * @param points         the size, always positive; events keep the signed value they were scored with
 * @param recorders      who may record it: SELF (自荐), OTHERS (群众评荐), ORGANISATION (组织推荐), GROUP_LEADER,
 *                       GRID_WORKER, CADRE
 * @param capPerPeriod   at most this many points from this item per subject and month; null means no cap
 * @param veto           一票否决: a credited event of this item vetoes the subject for the period
 * @param affectsSubsidy the item is tied to government subsidies or collective income; refused on deductions
 */
public record SchemeItem(long id, long schemeId, int position, String category, String name, String sign, long points,
        boolean evidenceRequired, List<String> recorders, Long capPerPeriod, boolean veto, boolean affectsSubsidy) {

    /** The signed value an event of this item scores. */
    public long signedPoints() {
        return "-".equals(sign) ? -points : points;
    }
}
