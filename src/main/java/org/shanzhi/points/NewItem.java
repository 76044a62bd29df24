package org.shanzhi.points;

import java.util.List;

/** Command: add an item to a draft scheme. See {@link SchemeItem}. */
public record NewItem(String category, String name, String sign, Long points, Boolean evidenceRequired, List<String> recorders,
        Long capPerPeriod, Boolean veto, Boolean affectsSubsidy) {
}
