package org.shanzhi.monitoring.internal;

import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;

/**
 * Who may do what in the monitoring module. A monitored household's file is for the roles that work on it
 * (county and township admins, the village's cadres, the household's grid worker); for anyone else it does
 * not exist (404). A role that may read but not do a step gets 403.
 */
public final class MonitoringPolicy {

    public static final String SYSTEM = "SYSTEM";
    public static final String CA = "COUNTY_ADMIN";
    public static final String TA = "TOWNSHIP_ADMIN";
    public static final String VC = "VILLAGE_CADRE";
    public static final String GW = "GRID_WORKER";
    public static final String VI = "VILLAGER";

    /** Roles that work on monitored households. */
    private static final Set<String> CASE_WORKERS = Set.of(SYSTEM, CA, TA, VC, GW);
    /** Staff who see campaigns, templates and reviews (no personal facts there). */
    private static final Set<String> STAFF = Set.of(SYSTEM, CA, "AUDITOR", "DEPARTMENT_STAFF", TA, VC, "VILLAGE_SUPERVISOR", GW);

    private MonitoringPolicy() {
    }

    /** The caller, when their role works on monitored households; anyone else finds nothing (404). */
    public static Actor requireCaseWorker() {
        Actor a = ScopeGuard.actor();
        if (!CASE_WORKERS.contains(a.role())) {
            throw new NotFoundException("未找到 / not found");
        }
        return a;
    }

    /** The caller, when a staff role (campaigns, templates, reviews); villagers and merchants find nothing. */
    public static Actor requireStaff() {
        Actor a = ScopeGuard.actor();
        if (!STAFF.contains(a.role())) {
            throw new NotFoundException("未找到 / not found");
        }
        return a;
    }

    /** Throws 403 unless the caller's role is one of {@code roles} (the system may do everything). */
    public static Actor requireRole(Set<String> roles, String what) {
        Actor a = ScopeGuard.actor();
        if (a.readOnly() || !(SYSTEM.equals(a.role()) || roles.contains(a.role()))) {
            throw new ForbiddenException("该角色不能" + what + " / this role may not do this: " + what);
        }
        return a;
    }

    public static boolean is(Actor a, String role) {
        return role.equals(a.role());
    }
}
