package org.shanzhi.cases;

/**
 * Command: record the handling result (办结).
 *
 * @param volunteerHouseholdId a household that volunteered to help; its help is announced when the case closes
 */
public record HandleCase(String note, Long volunteerHouseholdId) {
}
