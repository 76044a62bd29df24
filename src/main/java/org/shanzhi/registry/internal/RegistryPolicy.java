package org.shanzhi.registry.internal;

import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Located;
import org.shanzhi.common.ScopeGuard;

/** Who may change the registry and who may see ID numbers and phones in clear. */
public final class RegistryPolicy {

    private static final Set<String> WRITERS = Set.of("SYSTEM", "COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE");
    private static final Set<String> REVEALERS = Set.of("SYSTEM", "COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE");
    private static final Set<String> NO_REGISTRY = Set.of("MERCHANT", "DEPARTMENT_STAFF");

    private RegistryPolicy() {
    }

    public static void requireWrite(Located where) {
        ScopeGuard.writable(where);
        if (!WRITERS.contains(ScopeGuard.actor().role())) {
            throw new ForbiddenException("该角色不能修改户籍信息 / this role cannot change the registry");
        }
    }

    /** The caller, when their role may change the registry at all (imports check each row's village too). */
    public static Actor requireWriterRole() {
        Actor a = ScopeGuard.actor();
        if (!WRITERS.contains(a.role()) || a.readOnly()) {
            throw new ForbiddenException("该角色不能修改户籍信息 / this role cannot change the registry");
        }
        return a;
    }

    /** Reading the registry at all: merchants and department staff have no business there (404). */
    public static Actor requireRead() {
        Actor a = ScopeGuard.actor();
        if (NO_REGISTRY.contains(a.role())) {
            throw new org.shanzhi.common.NotFoundException("未找到 / not found");
        }
        return a;
    }

    /** A villager sees their own household's data in clear; staff roles in scope may too. */
    public static boolean mayReveal(Actor a, long householdId) {
        return REVEALERS.contains(a.role()) || ("VILLAGER".equals(a.role()) && a.householdIds().contains(householdId));
    }
}
