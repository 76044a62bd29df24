package org.shanzhi.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.identity.Accounts;
import org.shanzhi.identity.NewAccount;
import org.shanzhi.identity.Role;
import org.shanzhi.identity.internal.AccountPrincipal;
import org.shanzhi.registry.IdNumber;
import org.shanzhi.registry.NewHousehold;
import org.shanzhi.registry.NewPerson;
import org.shanzhi.registry.Registry;
import org.shanzhi.territory.Grid;
import org.shanzhi.territory.Territory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A village of its own under 什运乡 for one test class (all integration tests share one database): two grids,
 * households in each, and one account per role, all with fresh names. Runs code as any of them.
 */
final class CaseWorld {

    static final String COUNTY = "469030";
    static final String TOWNSHIP = "469030202";
    static final String PASSWORD = "test2026ab";
    /** The start of the shared MutableClock (2026-03-03 09:00 Asia/Shanghai). */
    static final Instant START = Instant.parse("2026-03-03T01:00:00Z");

    final String uniq;
    final String village;
    final String group;
    final Grid gridA;
    final Grid gridB;
    final List<Long> householdsA = new ArrayList<>();
    final List<Long> householdsB = new ArrayList<>();
    final String department;
    final String cadre;
    final String gridWorker;
    final String villager;
    final String partyCenter;
    final String supervisor;
    final String deptStaff;
    /** the central household (householdsA[1]) links householdsA[2] and [3] */
    final long center;

    private final Accounts accounts;
    private final Map<String, Actor> actors = new HashMap<>();
    private final java.util.Set<String> own = new java.util.HashSet<>();

    CaseWorld(JdbcTemplate jdbc, Territory territory, Registry registry, Accounts accounts, CaseCatalog catalog, int inA, int inB) {
        this.accounts = accounts;
        this.uniq = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        int n = 600 + ThreadLocalRandom.current().nextInt(390);
        while (jdbc.queryForObject("select count(*) from divisions where code = ?", Long.class, TOWNSHIP + n) > 0) {
            n = 600 + (n - 599) % 390;
        }
        this.village = TOWNSHIP + n;
        jdbc.update("insert into divisions (code, name, level, parent_code, county_code) values (?, ?, 'VILLAGE', ?, ?)",
                village, "测试村" + uniq, TOWNSHIP, COUNTY);
        this.department = "测试局" + uniq;
        Map<String, Object> made = system(() -> {
            Map<String, Object> m = new HashMap<>();
            m.put("group", territory.createGroup(village, 1, "第一组").code());
            m.put("a", territory.createGrid(village, "测试网格A" + uniq));
            m.put("b", territory.createGrid(village, "测试网格B" + uniq));
            catalog.defineDepartment(department);
            return m;
        });
        this.group = (String) made.get("group");
        this.gridA = (Grid) made.get("a");
        this.gridB = (Grid) made.get("b");
        system(() -> {
            for (int i = 0; i < Math.max(inA, 4); i++) { // the central household links [2] and [3]
                householdsA.add(registry.createHousehold(new NewHousehold(village, group, gridA.id(), "T" + uniq + "-A" + i,
                        "测试地址A" + i, null, List.of(), Map.of())).id());
            }
            for (int i = 0; i < inB; i++) {
                householdsB.add(registry.createHousehold(new NewHousehold(village, group, gridB.id(), "T" + uniq + "-B" + i,
                        "测试地址B" + i, null, List.of(), Map.of())).id());
            }
            return null;
        });
        this.center = householdsA.get(1);
        system(() -> {
            LocalDate born = LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
            registry.addPerson(center, new NewPerson("党员" + uniq, "男", born,
                    IdNumber.of(COUNTY, born, 1 + 2 * ThreadLocalRandom.current().nextInt(400)), null, "户主", List.of("党员")));
            // a mutable list: Registry.link asks householdIds.contains(null), which List.of refuses with an NPE
            registry.link(center, new java.util.ArrayList<>(List.of(householdsA.get(2), householdsA.get(3))));
            return null;
        });
        this.cadre = account("c", Role.VILLAGE_CADRE, village, null, null, null);
        this.gridWorker = account("g", Role.GRID_WORKER, village, gridA.id(), null, null);
        this.villager = account("v", Role.VILLAGER, village, null, householdsA.get(0), null);
        this.partyCenter = account("p", Role.PARTY_CENTER, village, null, center, null);
        this.supervisor = account("s", Role.VILLAGE_SUPERVISOR, village, null, null, null);
        this.deptStaff = account("d", Role.DEPARTMENT_STAFF, COUNTY, null, null, department);
    }

    private String account(String prefix, Role role, String scope, Long grid, Long household, String dept) {
        String username = "t" + prefix + uniq;
        own.add(username);
        system(() -> accounts.create(new NewAccount(username, role.label() + uniq, PASSWORD, role, scope, grid, household, dept, null)));
        return username;
    }

    /** Another department staff account of a new department (whistle tests need several). */
    String departmentStaff(CaseCatalog catalog, String name) {
        system(() -> catalog.defineDepartment(name));
        String username = "td" + Integer.toHexString(name.hashCode() & 0xfffff) + uniq;
        own.add(username);
        system(() -> accounts.create(new NewAccount(username, name, PASSWORD, Role.DEPARTMENT_STAFF, COUNTY, null, null, name, null)));
        return username;
    }

    Actor actor(String username) {
        return actors.computeIfAbsent(username, u -> accounts.login(u, own.contains(u) ? PASSWORD : "shanzhi2026"));
    }

    /** Runs {@code work} as the account, as a request of that account would. */
    <T> T as(String username, Supplier<T> work) {
        Actor a = actor(username);
        AccountPrincipal principal = new AccountPrincipal(a, "", false, true);
        SecurityContext ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(ctx);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }

    static <T> T system(Supplier<T> work) {
        return ScopeGuard.asSystem(COUNTY, work);
    }

    /** A report at village level in grid A (no household), by the system. */
    static ReportCase villageReport(String category, String text, String village, Long grid) {
        return new ReportCase(category, null, null, text, null, village, grid, null, null, null, null, false, null, "测试", null, null);
    }
}
