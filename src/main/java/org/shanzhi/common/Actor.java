package org.shanzhi.common;

import java.util.Set;

/**
 * Who is calling and what part of the county they act within. Built by the identity module at login;
 * every other module reads it through {@link ScopeGuard}.
 *
 * @param role         the account's role name (identity's {@code Role})
 * @param scopeCode    the territory node the account acts within (county, township or village code)
 * @param gridId       for a grid worker: their grid
 * @param householdIds for a villager: their household; for a party-member central household: its own
 *                     and the linked households (联户)
 * @param readOnly     supervisors and auditors read but never change
 */
public record Actor(long accountId, String username, String displayName, String role, String countyCode,
        String scopeCode, Long gridId, Set<Long> householdIds, boolean readOnly) implements java.io.Serializable {

    /** Whether this actor's scope is a whole territory node (not a grid or a set of households). */
    public boolean territorial() {
        return gridId == null && householdIds.isEmpty();
    }
}
