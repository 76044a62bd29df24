package org.shanzhi.points;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A version of a points scheme (积分方案). {@code status} is DRAFT (editable), ADOPTED (applies from
 * {@code decision.effectiveFrom}) or RETIRED.
 *
 * @param lineageId           versions of one scheme share it
 * @param mandatoryCategories the categories this template locks for schemes that extend it
 * @param requiredCategories  the categories this scheme must keep: those locked by its templates
 */
public record Scheme(long id, String countyCode, long lineageId, int version, String ownerCode, boolean template, Long parentId,
        String name, String status, SchemeSettings settings, Decision decision, LocalDateTime adoptedAt, String adoptedByName,
        List<String> mandatoryCategories, List<String> requiredCategories, List<SchemeItem> items) {

    public static final String DRAFT = "DRAFT";
    public static final String ADOPTED = "ADOPTED";

    public boolean draft() {
        return DRAFT.equals(status);
    }
}
