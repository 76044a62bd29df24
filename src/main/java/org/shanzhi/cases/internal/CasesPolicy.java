package org.shanzhi.cases.internal;

import java.util.Map;
import java.util.Set;
import org.shanzhi.cases.Case;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;

/**
 * Who may do what with cases. Villagers report, follow and rate their own cases; grid workers report and
 * handle in their grid; party-member central households report for their linked households; village cadres
 * accept, dispatch and handle in their village; township admins also whistle and supervise; department staff
 * see and answer cases whistled or dispatched to their department, county-wide; supervisors and auditors read
 * only; merchants have no business here (404). Outside scope is 404, a role that may not act is 403.
 */
public final class CasesPolicy {

    /** accept, refuse, dispatch, close, reopen */
    private static final Set<String> DESK = Set.of("SYSTEM", "COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE");
    private static final Set<String> REPORTERS = Set.of("SYSTEM", "COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE",
            "GRID_WORKER", "PARTY_CENTER", "VILLAGER");
    private static final Set<String> WHISTLERS = Set.of("SYSTEM", "COUNTY_ADMIN", "TOWNSHIP_ADMIN");
    private static final Set<String> VISITORS = Set.of("SYSTEM", "COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE",
            "GRID_WORKER", "PARTY_CENTER");
    private static final Set<String> CONFIGURERS = Set.of("SYSTEM", "COUNTY_ADMIN");
    private static final Set<String> TERRITORIAL_READERS = Set.of("COUNTY_ADMIN", "AUDITOR", "TOWNSHIP_ADMIN",
            "VILLAGE_CADRE", "VILLAGE_SUPERVISOR");
    /** Staff that hand out work: they may name any staff account as a handler, and the list of staff. */
    private static final Set<String> HANDLER_ROLES = Set.of("COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE",
            "GRID_WORKER", "PARTY_CENTER", "DEPARTMENT_STAFF");

    private CasesPolicy() {
    }

    /** The caller; {@code department} is set for department staff (their account's department). */
    public record Caller(Actor actor, String department) {

        public boolean is(String role) {
            return role.equals(actor.role());
        }

        boolean named(Long accountId) {
            return accountId != null && accountId == actor.accountId() && !"SYSTEM".equals(actor.role());
        }
    }

    /** Merchants have no business with cases: everything answers 404 (as in the registry). */
    public static void requireCasesUser(Actor a) {
        if ("MERCHANT".equals(a.role())) {
            throw new NotFoundException("未找到 / not found");
        }
    }

    /**
     * Whether the caller may see the case. {@code whistledToDepartment} is asked only for department staff.
     */
    public static boolean canRead(Caller c, Case k, java.util.function.BooleanSupplier whistledToDepartment) {
        Actor a = c.actor();
        if (!a.countyCode().equals(k.countyCode()) || "MERCHANT".equals(a.role())) {
            return false;
        }
        if ("SYSTEM".equals(a.role()) || c.named(k.reporterAccountId()) || c.named(k.handlerAccountId())) {
            return true;
        }
        if (c.is("DEPARTMENT_STAFF")) {
            return c.department() != null
                    && (c.department().equals(k.handlerDepartment()) || whistledToDepartment.getAsBoolean());
        }
        return ScopeGuard.covers(a, k.located());
    }

    public static void requireRead(Caller c, Case k, java.util.function.BooleanSupplier whistledToDepartment) {
        if (!canRead(c, k, whistledToDepartment)) {
            throw new NotFoundException("案件不存在 / no such case");
        }
    }

    /** The SQL condition (on alias {@code c}) that selects the cases the caller may see, besides the county. */
    public static String readFilter(Caller c, Map<String, Object> params) {
        Actor a = c.actor();
        requireCasesUser(a);
        params.put("me", a.accountId());
        switch (a.role()) {
            case "SYSTEM":
                return "1 = 1";
            case "GRID_WORKER":
                params.put("myGrid", a.gridId());
                return "(c.grid_id = :myGrid or c.handler_account_id = :me or c.reporter_account_id = :me)";
            case "VILLAGER":
            case "PARTY_CENTER":
                params.put("myHouseholds", a.householdIds().isEmpty() ? Set.of(-1L) : a.householdIds());
                return "(c.household_id in (:myHouseholds) or c.handler_account_id = :me or c.reporter_account_id = :me)";
            case "DEPARTMENT_STAFF":
                params.put("myDepartment", c.department() == null ? "" : c.department());
                return "(c.handler_department = :myDepartment or c.handler_account_id = :me or exists (select 1 from case_whistle_calls w "
                        + "where w.county_code = c.county_code and w.case_id = c.id and w.department = :myDepartment))";
            default:
                if (!TERRITORIAL_READERS.contains(a.role())) {
                    throw new NotFoundException("未找到 / not found");
                }
                params.put("myScope", a.scopeCode() + "%");
                return "c.village_code like :myScope";
        }
    }

    private static void requireWriter(Actor a) {
        if (a.readOnly()) {
            throw new ForbiddenException("只读角色不能修改 / this role reads only");
        }
    }

    private static boolean desk(Caller c, Case k) {
        return DESK.contains(c.actor().role()) && ScopeGuard.covers(c.actor(), k.located());
    }

    public static void requireReporter(Actor a) {
        requireWriter(a);
        if (!REPORTERS.contains(a.role())) {
            throw new ForbiddenException("该角色不能上报案件 / this role does not report cases");
        }
    }

    /** Staff roles that may pick the starting level of a case they report. */
    public static boolean mayChooseLevel(Actor a) {
        return DESK.contains(a.role()) || "GRID_WORKER".equals(a.role());
    }

    /** 立案, 不予立案, 派遣, 结案: the village cadre, township or county in scope. */
    public static void requireDesk(Caller c, Case k) {
        requireWriter(c.actor());
        if (!desk(c, k)) {
            throw new ForbiddenException("该角色不能受理或派遣此案件 / this role may not accept, dispatch or close this case");
        }
    }

    /** 办结 and 反馈: the desk, the grid worker of the grid, the named handler, or the department it was sent to. */
    public static boolean mayHandle(Caller c, Case k) {
        if (c.actor().readOnly()) {
            return false;
        }
        if (desk(c, k) || c.named(k.handlerAccountId())) {
            return true;
        }
        if (c.is("GRID_WORKER")) {
            return ScopeGuard.covers(c.actor(), k.located());
        }
        return c.is("DEPARTMENT_STAFF") && c.department() != null && c.department().equals(k.handlerDepartment());
    }

    public static void requireHandle(Caller c, Case k) {
        requireWriter(c.actor());
        if (!mayHandle(c, k)) {
            throw new ForbiddenException("该角色不能办理此案件 / this role may not handle this case");
        }
    }

    /** The reporter, or a villager of the household the case is about. */
    public static boolean isReporterSide(Caller c, Case k) {
        return c.named(k.reporterAccountId())
                || (c.is("VILLAGER") && k.householdId() != null && c.actor().householdIds().contains(k.householdId()));
    }

    public static void requireRate(Caller c, Case k) {
        requireWriter(c.actor());
        if (!isReporterSide(c, k) && !c.is("SYSTEM")) {
            throw new ForbiddenException("只有报告人可以评价 / only the reporter rates a case");
        }
    }

    /** 重办: the reporter after "not satisfied", or the desk. */
    public static void requireReopen(Caller c, Case k) {
        requireWriter(c.actor());
        if (!isReporterSide(c, k) && !desk(c, k)) {
            throw new ForbiddenException("该角色不能重办此案件 / this role may not reopen this case");
        }
    }

    public static void requireWhistle(Caller c, Case k) {
        requireWriter(c.actor());
        if (!WHISTLERS.contains(c.actor().role()) || !ScopeGuard.covers(c.actor(), k.located())) {
            throw new ForbiddenException("只有乡镇或县可以吹哨 / only a township or the county blows the whistle");
        }
    }

    public static void requireRespond(Caller c) {
        requireWriter(c.actor());
        if (!c.is("DEPARTMENT_STAFF") || c.department() == null) {
            throw new ForbiddenException("只有被吹哨的县直部门报到 / only a whistled county department responds");
        }
    }

    /** Dispute steps (sessions, agreement, referral, follow-up): whoever may handle the case. */
    public static void requireMediate(Caller c, Case k) {
        requireHandle(c, k);
    }

    /** Choosing the mediator: the handlers, or the parties themselves (当事人可选择调解员). */
    public static void requireChooseMediator(Caller c, Case k) {
        requireWriter(c.actor());
        if (!mayHandle(c, k) && !isReporterSide(c, k)) {
            throw new ForbiddenException("该角色不能选择调解员 / this role may not choose the mediator");
        }
    }

    /** Photos: the reporter side or the handlers. */
    public static void requireAddPhoto(Caller c, Case k) {
        requireWriter(c.actor());
        if (!mayHandle(c, k) && !isReporterSide(c, k)) {
            throw new ForbiddenException("该角色不能补充照片 / this role may not add photos");
        }
    }

    public static void requireVisitor(Actor a) {
        requireWriter(a);
        if (!VISITORS.contains(a.role())) {
            throw new ForbiddenException("该角色不记录走访 / this role does not log visits");
        }
    }

    /** Categories, departments and level limits are the county's configuration. */
    public static void requireConfigurer(Actor a) {
        requireWriter(a);
        if (!CONFIGURERS.contains(a.role())) {
            throw new ForbiddenException("只有县级管理员可以配置 / only the county admin configures cases");
        }
    }

    /** Mediators are kept by the village, township or county desk in its scope. */
    public static void requireMediatorKeeper(Actor a) {
        requireWriter(a);
        if (!DESK.contains(a.role())) {
            throw new ForbiddenException("该角色不能维护调解员名单 / this role may not keep the mediator list");
        }
    }

    /** Whether an account of this role can be named as a handler. */
    public static boolean handlerRole(String role) {
        return HANDLER_ROLES.contains(role);
    }

    /** Measures: staff and readers; grid workers see their grid, department staff their department. */
    public static void requireMeasures(Actor a) {
        if (Set.of("VILLAGER", "PARTY_CENTER", "MERCHANT").contains(a.role())) {
            throw new NotFoundException("未找到 / not found");
        }
    }
}
