package org.shanzhi.points.internal;

import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Located;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;

/**
 * Who may do what in the points system. Out of scope is 404 and a read-only role changing something is 403
 * (both from {@link ScopeGuard}); then each action names the roles that may take it.
 *
 * <ul>
 * <li>Villagers declare for their own household (自荐) and nominate others of their village (群众评荐); party-member
 * central households record for their linked households (as a group leader would); grid workers for their grid;
 * village cadres for their village.</li>
 * <li>Cadres and grid workers verify; only a cadre of the village reviews, publishes the period notice, draws the
 * lists and checks them for privacy; whoever recorded or verified an event never reviews it (maker ≠ checker).</li>
 * <li>Supervisors and auditors read; township and county admins read and manage schemes in their scope; only the
 * county admin publishes the county's template.</li>
 * <li>Department staff and merchants have no business with score events or results (404); schemes are public.</li>
 * </ul>
 */
public final class PointsPolicy {

    public static final String SYSTEM = "SYSTEM";
    public static final String COUNTY_ADMIN = "COUNTY_ADMIN";
    public static final String TOWNSHIP_ADMIN = "TOWNSHIP_ADMIN";
    public static final String VILLAGE_CADRE = "VILLAGE_CADRE";
    public static final String GRID_WORKER = "GRID_WORKER";
    public static final String PARTY_CENTER = "PARTY_CENTER";
    public static final String VILLAGER = "VILLAGER";

    /** Recorder kinds an item may allow (who may record it). */
    public static final Set<String> RECORDER_KINDS = Set.of("SELF", "OTHERS", "ORGANISATION", "GROUP_LEADER", "GRID_WORKER", "CADRE");

    private static final Set<String> NO_POINTS = Set.of("DEPARTMENT_STAFF", "MERCHANT");
    private static final Set<String> VERIFIERS = Set.of(SYSTEM, VILLAGE_CADRE, GRID_WORKER);
    private static final Set<String> REVIEWERS = Set.of(SYSTEM, VILLAGE_CADRE);
    private static final Set<String> CORRECTORS = Set.of(SYSTEM, VILLAGE_CADRE, TOWNSHIP_ADMIN, COUNTY_ADMIN);
    private static final Set<String> RECTIFIERS = Set.of(SYSTEM, VILLAGE_CADRE, GRID_WORKER);
    private static final Set<String> SETTLERS = Set.of(SYSTEM, VILLAGE_CADRE, TOWNSHIP_ADMIN, COUNTY_ADMIN);
    private static final Set<String> SCHEME_MANAGERS = Set.of(SYSTEM, VILLAGE_CADRE, TOWNSHIP_ADMIN, COUNTY_ADMIN);

    private PointsPolicy() {
    }

    /** Anyone with business in the points system; department staff and merchants get 404. */
    public static Actor participant() {
        Actor a = ScopeGuard.actor();
        if (NO_POINTS.contains(a.role())) {
            throw new NotFoundException("未找到 / not found");
        }
        return a;
    }

    /** Reading a household's or person's events and ledger. */
    public static Actor requireRead(Located where) {
        Actor a = participant();
        ScopeGuard.readable(where, where);
        return a;
    }

    /**
     * Results of a village (rankings, lists, group results) are public within it: anyone whose scope is the
     * village or above — a villager, grid worker or party-member household included — reads them.
     */
    public static boolean villagePublic(Actor a, String countyCode, String divisionCode) {
        return a.countyCode() != null && a.countyCode().equals(countyCode) && divisionCode != null
                && divisionCode.startsWith(a.scopeCode());
    }

    public static Actor requireVillageRead(String countyCode, String divisionCode) {
        Actor a = participant();
        if (!villagePublic(a, countyCode, divisionCode)) {
            throw new NotFoundException("未找到 / not found");
        }
        return a;
    }

    /**
     * Who records an event for this subject, and as what kind of recorder ({@code SELF}, {@code OTHERS},
     * {@code GROUP_LEADER}, {@code GRID_WORKER}, {@code CADRE}, {@code ORGANISATION}): the item must allow that kind.
     *
     * @param nominated the villager says this is a nomination of another household (群众评荐), not 自荐
     */
    public static String recorderKind(Located where, String villageCode, boolean nominated, boolean organisation) {
        Actor a = participant();
        if (VILLAGER.equals(a.role()) && nominated) {
            // 群众评荐: any villager names a household of their own village
            if (!a.countyCode().equals(where.countyCode()) || !villageCode.equals(a.scopeCode())) {
                throw new NotFoundException("未找到 / not found");
            }
            return "OTHERS";
        }
        ScopeGuard.writable(where);
        return switch (a.role()) {
            case VILLAGER -> "SELF";
            case PARTY_CENTER -> "GROUP_LEADER";
            case GRID_WORKER -> "GRID_WORKER";
            case VILLAGE_CADRE, SYSTEM -> organisation ? "ORGANISATION" : "CADRE";
            default -> throw new ForbiddenException("该角色不能记录积分,由村干部、网格员或村民申报 / this role does not record points");
        };
    }

    public static void requireVerifier(Located where) {
        require(VERIFIERS, where, "核实积分 / verify points");
    }

    public static Actor requireReviewer(Located village) {
        return require(REVIEWERS, village, "审核积分 / review points");
    }

    /** Maker ≠ checker: whoever recorded or verified an event never reviews it. */
    public static void requireNotMaker(Actor a, long recordedBy, Long verifiedBy, long eventId) {
        if (SYSTEM.equals(a.role())) {
            return;
        }
        if (a.accountId() == recordedBy || (verifiedBy != null && a.accountId() == verifiedBy)) {
            throw new ForbiddenException("记录或核实该积分的人不能再审核它(" + eventId + ") / whoever recorded or verified an event cannot review it");
        }
    }

    public static boolean isMaker(Actor a, long recordedBy, Long verifiedBy) {
        return !SYSTEM.equals(a.role()) && (a.accountId() == recordedBy || (verifiedBy != null && a.accountId() == verifiedBy));
    }

    public static Actor requireCorrector(Located where) {
        return require(CORRECTORS, where, "冲正积分 / reverse points");
    }

    public static Actor requireRectifier(Located where) {
        return require(RECTIFIERS, where, "登记整改 / record a rectification");
    }

    public static Actor requireSettler(Located village) {
        return require(SETTLERS, village, "年度核算 / settle a year");
    }

    /** Lists and nominations belong to the village: its cadre draws, checks and nominates. */
    public static Actor requireCadre(Located village) {
        return require(REVIEWERS, village, "管理红黑榜与评选 / manage lists and nominations");
    }

    /** A black-list entry is lifted on the household's own application, or a cadre files it for them. */
    public static Actor requireLiftApplicant(Located where) {
        return require(Set.of(SYSTEM, VILLAGE_CADRE, VILLAGER), where, "申请撤榜,由本户或村干部申请 / apply: the household itself or a cadre");
    }

    /** Schemes are public rules: anyone reads those on their own path (county template, township, village). */
    public static Actor requireSchemeRead(String countyCode, String ownerCode) {
        Actor a = ScopeGuard.actor();
        if (!a.countyCode().equals(countyCode) || !(ownerCode.startsWith(a.scopeCode()) || a.scopeCode().startsWith(ownerCode))) {
            throw new NotFoundException("积分方案不存在 / no such scheme");
        }
        return a;
    }

    /**
     * Drafting a scheme or adopting one: in scope (the owner node lies in the actor's scope); the county's own
     * template only by the county admin.
     */
    public static Actor requireSchemeManager(String countyCode, String ownerCode) {
        Actor a = requireSchemeRead(countyCode, ownerCode);
        if (!SCHEME_MANAGERS.contains(a.role())) {
            throw new ForbiddenException("该角色不能管理积分方案 / this role cannot manage points schemes");
        }
        ScopeGuard.writable(new Located(countyCode, ownerCode, null, null));
        if (ownerCode.length() == 6 && !Set.of(SYSTEM, COUNTY_ADMIN).contains(a.role())) {
            throw new ForbiddenException("县级方案和模板由县级管理员发布 / the county admin manages the county's template");
        }
        return a;
    }

    /**
     * A role outside {@code roles} that can see the thing gets 403 (it may look, not act); one that cannot see
     * it gets 404. A role inside still needs the thing in its writable scope.
     */
    private static Actor require(Set<String> roles, Located where, String what) {
        Actor a = participant();
        if (!roles.contains(a.role())) {
            boolean visible = where.householdId() == null && where.gridId() == null
                    ? villagePublic(a, where.countyCode(), where.divisionCode()) : ScopeGuard.covers(a, where);
            if (!visible) {
                throw new NotFoundException("未找到 / not found");
            }
            throw new ForbiddenException("该角色不能" + what);
        }
        ScopeGuard.writable(where);
        return a;
    }

    /** 张三丰 -> 张**: names on pages and notices show the surname only. */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String n = name.trim();
        return n.charAt(0) + "*".repeat(Math.max(1, n.length() - 1));
    }
}
