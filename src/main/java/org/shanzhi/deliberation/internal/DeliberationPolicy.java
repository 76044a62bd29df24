package org.shanzhi.deliberation.internal;

import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;

/**
 * Who may do what in deliberation. A village's proposals, procedures, meetings, votes and registers are public
 * to the village (村务公开), so every role whose scope node covers the village reads them, including villagers,
 * grid workers and party-member central households (whose data scope is otherwise households or a grid).
 * Merchants have no business here (404). Villagers raise and support proposals and vote where they are members;
 * cadres run procedures, meetings and votes in their village; supervisors and auditors read only;
 * township and county admins read in scope and configure rule caps; the county admin configures county-wide
 * matter types, settings and the power list.
 */
public final class DeliberationPolicy {

    public static final String SYSTEM = "SYSTEM";
    private static final Set<String> PARTICIPANTS = Set.of(SYSTEM, "VILLAGER", "PARTY_CENTER", "GRID_WORKER", "VILLAGE_CADRE");
    private static final Set<String> CADRES = Set.of(SYSTEM, "VILLAGE_CADRE");
    private static final Set<String> RULE_ADMINS = Set.of(SYSTEM, "COUNTY_ADMIN", "TOWNSHIP_ADMIN");
    private static final Set<String> COUNTY_ADMINS = Set.of(SYSTEM, "COUNTY_ADMIN");
    private static final Set<String> BANQUET_REGISTRARS = Set.of(SYSTEM, "VILLAGE_CADRE", "VILLAGER");
    /** Roles a power-list step may name: they sign, so never a read-only role. */
    public static final Set<String> SIGNING_ROLES = Set.of("VILLAGER", "PARTY_CENTER", "GRID_WORKER", "VILLAGE_CADRE",
            "TOWNSHIP_ADMIN", "DEPARTMENT_STAFF", "COUNTY_ADMIN");

    private DeliberationPolicy() {
    }

    /** Any deliberation access at all. */
    public static Actor requireAccess() {
        Actor a = ScopeGuard.actor();
        if ("MERCHANT".equals(a.role())) {
            throw new NotFoundException("未找到 / not found");
        }
        return a;
    }

    /** Reading a village's records: its code must lie under the caller's scope node. */
    public static Actor requireRead(String villageCode) {
        Actor a = requireAccess();
        ScopeGuard.narrow(villageCode);
        return a;
    }

    /** A list: the requested node narrowed to the caller's scope. */
    public static String requireList(String division) {
        requireAccess();
        String code = ScopeGuard.narrow(division);
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException("division", "区划代码应为数字 / a division code is digits");
        }
        return code;
    }

    /** County-wide configuration and catalogues (matter types, power list): readable in the own county. */
    public static Actor requireCounty(String countyCode) {
        Actor a = requireAccess();
        if (a.countyCode() == null || !a.countyCode().equals(countyCode)) {
            throw new NotFoundException("未找到 / not found");
        }
        return a;
    }

    private static Actor writer(String villageCode) {
        Actor a = requireRead(villageCode);
        if (a.readOnly()) {
            throw new ForbiddenException("只读角色不能修改 / this role reads only");
        }
        return a;
    }

    public static Actor requireParticipant(String villageCode) {
        Actor a = writer(villageCode);
        if (!PARTICIPANTS.contains(a.role())) {
            throw new ForbiddenException("该角色不能提出或附议提议 / this role cannot raise or support proposals");
        }
        return a;
    }

    public static Actor requireCadre(String villageCode) {
        Actor a = writer(villageCode);
        if (!CADRES.contains(a.role())) {
            throw new ForbiddenException("只有本村两委干部可以办理 / only the village's cadres may do this");
        }
        return a;
    }

    /** Voting and power-list sign-offs: any writer in scope; membership or the step's role is checked after. */
    public static Actor requireWriter(String villageCode) {
        return writer(villageCode);
    }

    public static Actor requireRuleAdmin(String villageCode) {
        Actor a = writer(villageCode);
        if (!RULE_ADMINS.contains(a.role())) {
            throw new ForbiddenException("村规民约限额由乡镇或县管理员设置 / rule caps are set by township or county admins");
        }
        return a;
    }

    public static Actor requireCountyAdmin(String countyCode) {
        Actor a = requireCounty(countyCode);
        if (a.readOnly() || !COUNTY_ADMINS.contains(a.role())) {
            throw new ForbiddenException("只有县级管理员可以配置 / only the county admin configures this");
        }
        return a;
    }

    /** Registering a banquet: the household must be writable by the caller (registry scope), by role. */
    public static void requireBanquetRegistrar(Actor a) {
        if (!BANQUET_REGISTRARS.contains(a.role())) {
            throw new ForbiddenException("红白喜事由本户或村干部申报 / a banquet is registered by the household or a cadre");
        }
    }

    /** For pages: whether to offer the proposal and support buttons. */
    public static boolean mayRaise(Actor a) {
        return !a.readOnly() && PARTICIPANTS.contains(a.role());
    }

    /** For pages: whether to offer the cadres' forms (procedure steps, answers). */
    public static boolean isCadre(Actor a) {
        return !a.readOnly() && CADRES.contains(a.role());
    }

    /** For pages: whether to offer the banquet form. */
    public static boolean mayRegisterBanquets(Actor a) {
        return BANQUET_REGISTRARS.contains(a.role());
    }

    /** Whether the actor holds the role a power-list step names (the system signs any step, for imports). */
    public static boolean holds(Actor a, String role) {
        return SYSTEM.equals(a.role()) || role.equals(a.role());
    }
}
