package org.shanzhi.common;

/**
 * Where a county-owned record sits in the territory: what a data scope is checked against.
 *
 * @param divisionCode the deepest division it belongs to (village or villager group code)
 * @param gridId       its grid, if any
 * @param householdId  its household, if it belongs to one
 */
public record Located(String countyCode, String divisionCode, Long gridId, Long householdId) {
}
