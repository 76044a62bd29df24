package org.shanzhi.identity;

/** Command: create an account with a role inside the creator's scope. */
public record NewAccount(String username, String displayName, String password, Role role, String scopeCode,
        Long gridId, Long householdId, String department, String phone) {
}
