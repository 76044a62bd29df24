package org.shanzhi.rewards.internal;

import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Located;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;

/**
 * Who may do what with rewards. Out of sight is 404; in sight but not this role's business is 403.
 *
 * <ul>
 * <li>The catalogue of a village is public to everyone whose scope covers the village.</li>
 * <li>A villager redeems for their own household only; a merchant confirms codes at their own counter only.</li>
 * <li>Village cadres manage counters, goods, budgets and dividend runs of their village; the county admin sets the
 * forbidden categories and the credit rules and alone sees the bank list.</li>
 * <li>Budgets, settlements, dividend runs and ratings are read by cadres, admins, supervisors and auditors (and a
 * merchant reads the settlement of their own counter); others find nothing there.</li>
 * </ul>
 */
public final class RewardsPolicy {

    public static final String SYSTEM = "SYSTEM";
    public static final String COUNTY_ADMIN = "COUNTY_ADMIN";
    public static final String VILLAGE_CADRE = "VILLAGE_CADRE";
    public static final String VILLAGER = "VILLAGER";
    public static final String MERCHANT = "MERCHANT";

    private static final Set<String> MANAGERS = Set.of(SYSTEM, VILLAGE_CADRE);
    private static final Set<String> READERS = Set.of(SYSTEM, COUNTY_ADMIN, "AUDITOR", "TOWNSHIP_ADMIN", VILLAGE_CADRE, "VILLAGE_SUPERVISOR");

    private RewardsPolicy() {
    }

    /** The village lies on the caller's path (their scope is the village or above it). */
    public static boolean visible(Actor a, String county, String village) {
        return a.countyCode() != null && a.countyCode().equals(county) && village != null && village.startsWith(a.scopeCode());
    }

    public static Actor requireVisible(String county, String village) {
        Actor a = ScopeGuard.actor();
        if (!visible(a, county, village)) {
            throw new NotFoundException("未找到 / not found");
        }
        return a;
    }

    /** Counters, goods, budgets and dividend runs: the village cadre (or the system). */
    public static Actor requireManager(String county, String village) {
        Actor a = requireVisible(county, village);
        if (!MANAGERS.contains(a.role())) {
            throw new ForbiddenException("只有村干部可以管理积分超市与分红 / only the village cadre manages rewards");
        }
        ScopeGuard.writable(new Located(county, village, null, null));
        return a;
    }

    /** Budgets, settlements, runs and ratings: staff who read the village's books. */
    public static Actor requireReader(String county, String village) {
        Actor a = ScopeGuard.actor();
        if (!READERS.contains(a.role()) || !visible(a, county, village)) {
            throw new NotFoundException("未找到 / not found");
        }
        return a;
    }

    /** The settlement of a counter: the readers above, or the counter's own merchant. */
    public static Actor requireSettlementReader(String county, String village, long merchantAccountId) {
        Actor a = ScopeGuard.actor();
        if (MERCHANT.equals(a.role()) && a.accountId() == merchantAccountId && visible(a, county, village)) {
            return a;
        }
        return requireReader(county, village);
    }

    /** Asking for a code: a villager for their own household (the system for any). */
    public static Actor requireRedeemer(String county, String village, long householdId) {
        Actor a = requireVisible(county, village);
        if (SYSTEM.equals(a.role())) {
            return a;
        }
        if (!VILLAGER.equals(a.role())) {
            throw new ForbiddenException("只有本户村民可以兑换 / only the household's villager redeems");
        }
        if (!a.householdIds().contains(householdId)) {
            throw new NotFoundException("未找到 / not found");
        }
        return a;
    }

    /** Confirming a code: the merchant of the code's counter (the system for any). */
    public static Actor requireConfirmer(String county, String village, long merchantAccountId) {
        Actor a = requireVisible(county, village);
        if (SYSTEM.equals(a.role())) {
            return a;
        }
        if (!MERCHANT.equals(a.role())) {
            throw new ForbiddenException("只有商户可以核销兑换码 / only a merchant confirms codes");
        }
        if (a.accountId() != merchantAccountId) {
            throw new ForbiddenException("只能核销本柜台的兑换码 / a merchant confirms codes of their own counter only");
        }
        return a;
    }

    /** County rules (forbidden categories, credit rules) and the bank list. */
    public static Actor requireCountyAdmin(String what) {
        Actor a = ScopeGuard.actor();
        if (!Set.of(SYSTEM, COUNTY_ADMIN).contains(a.role())) {
            throw new ForbiddenException("只有县级管理员可以" + what);
        }
        return a;
    }

    /** Consent to banks: the household's own villager or the village cadre records it. */
    public static Actor requireConsentRecorder(Located household) {
        Actor a = ScopeGuard.actor();
        if (!ScopeGuard.covers(a, household) && !SYSTEM.equals(a.role())) {
            throw new NotFoundException("未找到 / not found");
        }
        if (!Set.of(SYSTEM, VILLAGER, VILLAGE_CADRE).contains(a.role())) {
            throw new ForbiddenException("只有本户村民或村干部可以登记授权 / only the household or the village cadre records consent");
        }
        ScopeGuard.writable(household);
        return a;
    }

    private static final Set<String> BANK_MANAGERS = Set.of(SYSTEM, COUNTY_ADMIN, "TOWNSHIP_ADMIN", VILLAGE_CADRE);

    /**
     * 文明银行: a head office (township) or a branch and its services (village) are set up by the county or township
     * admin, or the village cadre for their village.
     */
    public static Actor requireBankManager(String county, String division) {
        Actor a = requireVisible(county, division);
        if (!BANK_MANAGERS.contains(a.role())) {
            throw new ForbiddenException("只有乡镇管理员或村干部可以管理文明银行 / only the township admin or the village cadre runs the bank");
        }
        ScopeGuard.writable(new Located(county, division, null, null));
        return a;
    }

    /** 张三丰 -> 张**. */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String n = name.trim();
        return n.charAt(0) + "*".repeat(Math.max(1, n.length() - 1));
    }
}
