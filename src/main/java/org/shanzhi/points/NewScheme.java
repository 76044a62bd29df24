package org.shanzhi.points;

import java.util.List;

/**
 * Command: draft a scheme for a county, township or village. A template (county or township) may lock mandatory
 * categories ("6+X"); a scheme that extends it starts with the template's settings and items.
 *
 * @param parentId the published template this scheme extends, if any
 */
public record NewScheme(String ownerCode, String name, Boolean template, Long parentId, List<String> mandatoryCategories,
        SchemeSettings settings) {
}
