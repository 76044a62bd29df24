package org.shanzhi.identity;

import org.shanzhi.common.Masking;

/** An account as the API shows it (phone masked). */
public record Account(long id, String username, String displayName, Role role, String countyCode, String scopeCode,
        Long gridId, Long householdId, String department, String phone, boolean locked) {

    static Account masked(Account a) {
        return new Account(a.id, a.username, a.displayName, a.role, a.countyCode, a.scopeCode, a.gridId, a.householdId,
                a.department, Masking.phone(a.phone), a.locked);
    }
}
