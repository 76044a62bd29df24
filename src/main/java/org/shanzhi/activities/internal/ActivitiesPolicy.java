package org.shanzhi.activities.internal;

import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Located;
import org.shanzhi.common.ScopeGuard;

/**
 * Who may do what in the activities module. Out of scope is 404 and a read-only role changing something 403 (from
 * {@link ScopeGuard}); then: organisers (county/township admins, village cadres, party-member central households for
 * the party branch) post activities and confirm attendance; a household signs up and checks in its own members (staff
 * in scope may do it for them); cadres and admins keep the collective's contracts, the passbooks and the catalogue.
 */
public final class ActivitiesPolicy {

    static final Set<String> ORGANISERS = Set.of("SYSTEM", "COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE", "PARTY_CENTER");
    static final Set<String> KEEPERS = Set.of("SYSTEM", "COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE");
    static final Set<String> PARTICIPANTS = Set.of("SYSTEM", "COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE", "GRID_WORKER",
            "PARTY_CENTER", "VILLAGER");
    static final Set<String> READERS = Set.of("SYSTEM", "COUNTY_ADMIN", "AUDITOR", "TOWNSHIP_ADMIN", "VILLAGE_CADRE",
            "VILLAGE_SUPERVISOR", "GRID_WORKER", "PARTY_CENTER", "VILLAGER");

    private ActivitiesPolicy() {
    }

    /** Anyone of the territory who may read activities (not department staff or merchants): else 404. */
    public static Actor reader() {
        Actor a = ScopeGuard.actor();
        if (!READERS.contains(a.role())) {
            throw new org.shanzhi.common.NotFoundException("未找到 / not found");
        }
        return a;
    }

    /** Reads a village's record: the village must lie in the caller's territory (households and grids read their village). */
    public static void readVillage(Actor a, String countyCode, String villageCode) {
        if (!a.countyCode().equals(countyCode) || villageCode == null) {
            throw new org.shanzhi.common.NotFoundException("未找到 / not found");
        }
        boolean ok = a.territorial() ? villageCode.startsWith(a.scopeCode()) : villageCode.equals(a.scopeCode());
        if (!ok) {
            throw new org.shanzhi.common.NotFoundException("未找到 / not found");
        }
    }

    /** Posts or confirms an activity of the village. */
    public static Actor organise(String countyCode, String villageCode) {
        Actor a = reader();
        readVillage(a, countyCode, villageCode);
        if (a.readOnly() || !ORGANISERS.contains(a.role())) {
            throw new ForbiddenException("只有村干部、党支部(党员中心户)和乡镇可以组织活动 / only cadres, the party branch and admins organise");
        }
        return a;
    }

    /** Keeps the village's contracts, passbooks and catalogue. */
    public static Actor keep(String countyCode, String villageCode) {
        Actor a = reader();
        readVillage(a, countyCode, villageCode);
        if (a.readOnly() || !KEEPERS.contains(a.role())) {
            throw new ForbiddenException("只有村干部和管理员可以办理 / only cadres and admins do this");
        }
        return a;
    }

    /** Signs up or checks in a person of a household: the household's own account, or staff in scope. */
    public static Actor participate(Located household) {
        Actor a = reader();
        if (!ScopeGuard.covers(a, household)) {
            throw new org.shanzhi.common.NotFoundException("未找到 / not found");
        }
        if (a.readOnly() || !PARTICIPANTS.contains(a.role())) {
            throw new ForbiddenException("该角色不能报名 / this role cannot sign up");
        }
        return a;
    }

    /** Whether the caller sees an activity's check-in token. */
    public static boolean seesToken(Actor a) {
        return !a.readOnly() && ORGANISERS.contains(a.role());
    }
}
