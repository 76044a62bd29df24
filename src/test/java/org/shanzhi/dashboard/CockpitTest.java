package org.shanzhi.dashboard;

import org.shanzhi.support.StoredScores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.cases.CaseDesk;
import org.shanzhi.cases.ReportCase;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Ids;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.identity.internal.AccountPrincipal;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.NewHousehold;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.ConsoleLogin;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The cockpit's figures equal what the test counts itself from the data it creates in a township of its own
 * (长征镇, no demo data), at township and village level; and the cockpit keeps to the viewer's scope.
 */
@IntegrationTest
class CockpitTest {

    static final String COUNTY = "469030";
    static final String TOWNSHIP = "469030104";
    static final java.time.Instant START = java.time.Instant.parse("2026-03-03T01:00:00Z");

    @Autowired
    Cockpit cockpit;
    @Autowired
    Territory territory;
    @Autowired
    Registry registry;
    @Autowired
    CaseDesk desk;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    MutableClock clock;

    String v1;
    String v2;
    List<Household> h1 = new ArrayList<>();
    List<Household> h2 = new ArrayList<>();

    @BeforeEach
    void world() {
        List<Division> villages = territory.children(TOWNSHIP).stream().filter(d -> d.code().length() == 12).toList();
        v1 = villages.get(0).code();
        v2 = villages.get(1).code();
        // the test owns the township: start from nothing there (a re-run in the same database counts again)
        for (String t : List.of("points_ledger", "points_scores", "rewards_redemptions", "rewards_budgets", "case_visits", "monitoring_cases",
                "monitoring_branch_stars", "cases", "persons", "households")) {
            jdbc.update("delete from " + t + " where county_code = ? and village_code like ?", COUNTY, TOWNSHIP + "%");
        }
        ScopeGuard.asSystem(COUNTY, () -> {
            for (int i = 0; i < 4; i++) {
                h1.add(household(v1));
            }
            for (int i = 0; i < 3; i++) {
                h2.add(household(v2));
            }
            return null;
        });
    }

    @AfterEach
    void clockBack() {
        clock.set(START);
        SecurityContextHolder.clearContext();
    }

    private Household household(String village) {
        return registry.createHousehold(new NewHousehold(village, null, null, "CK" + Ids.next(), "长征镇测试地址", null, List.of(), Map.of()));
    }

    private void ledger(Household h, String month, long points, String kind) {
        jdbc.update("""
                insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, group_code, year_no,
                    period_month, points, kind, event_id, reverses_id, reason, created_by_name, created_at, idempotency_key)
                values (?, ?, 'HOUSEHOLD', ?, ?, ?, null, 2026, ?, ?, ?, null, null, '测试', '测试', ?, ?)""",
                COUNTY, Ids.next(), h.id(), h.id(), h.villageCode(), month, points, kind, LocalDateTime.of(2026, 3, 1, 9, 0),
                "cockpit-test:" + Ids.next());
        StoredScores.add(jdbc, COUNTY, h.villageCode(), month, h.id(), points, kind);
    }

    private static Actor actor(String role, String scope) {
        long id = Ids.next();
        return new Actor(id, "ck" + id, "驾驶舱" + id % 100, role, COUNTY, scope, null, Set.of(), "AUDITOR".equals(role));
    }

    private static <T> T as(Actor a, java.util.function.Supplier<T> work) {
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(new AccountPrincipal(a, "", false, true), null, List.of()));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void figuresEqualWhatTheTestCounts() throws Exception {
        Household a = h1.get(0);
        Household b = h1.get(1);
        Household c = h2.get(0);
        ledger(a, "2026-01", 10, "CREDIT");
        ledger(a, "2026-02", 5, "CREDIT");
        ledger(b, "2026-02", 3, "CREDIT");
        ledger(b, "2026-02", -3, "REVERSAL");
        ledger(c, "2026-03", 25, "CREDIT");
        ledger(c, "2026-01", 7, "REDEMPTION"); // spending is not earning: not counted
        for (Object[] r : new Object[][] {{a, "USED", 30L, 300L}, {b, "ISSUED", 20L, 200L}, {c, "USED", 10L, 100L}}) {
            Household h = (Household) r[0];
            jdbc.update("""
                    insert into rewards_redemptions (county_code, id, code, village_code, household_id, merchant_id, goods_id, goods_name,
                        quantity, points, value_fen, status, issued_by_name, issued_at, expires_at)
                    values (?, ?, ?, ?, ?, 1, 1, '肥皂', 1, ?, ?, ?, '测试', ?, ?)""", COUNTY, Ids.next(),
                    Long.toString(Ids.next() % 100_000_000L), h.villageCode(), h.id(), r[2], r[3], r[1], LocalDateTime.of(2026, 2, 1, 9, 0),
                    LocalDateTime.of(2026, 4, 1, 9, 0));
        }
        jdbc.update("""
                insert into rewards_budgets (county_code, village_code, year_no, amount_fen, used_fen, fen_per_point, updated_by_name, updated_at)
                values (?, ?, 2026, 100000, 2500, 100, '测试', ?)""", COUNTY, v1, LocalDateTime.of(2026, 1, 1, 9, 0));
        for (Object[] r : new Object[][] {{a, 10}, {a, 20}, {h1.get(2), 21}, {c, 2}}) {
            Household h = (Household) r[0];
            jdbc.update("insert into case_visits (county_code, id, village_code, household_id, visited_on, created_at) values (?, ?, ?, ?, ?, ?)",
                    COUNTY, Ids.next(), h.villageCode(), h.id(), java.time.LocalDate.of(2026, 2, (Integer) r[1]), LocalDateTime.of(2026, 2, 1, 9, 0));
        }
        jdbc.update("""
                insert into monitoring_cases (county_code, id, household_id, village_code, location_code, channel, kind, reason, status,
                    opened_by, opened_at, updated_at) values (?, ?, ?, ?, ?, 'VISIT', '边缘易致贫户', '测试', 'MONITORED', '测试', ?, ?)""",
                COUNTY, Ids.next(), c.id(), v2, v2, LocalDateTime.of(2026, 1, 5, 9, 0), LocalDateTime.of(2026, 1, 5, 9, 0));
        jdbc.update("""
                insert into monitoring_branch_stars (county_code, village_code, star_year, stars, weak_lax, rated_by, rated_at)
                values (?, ?, 2026, 4, false, '测试', ?)""", COUNTY, v1, LocalDateTime.of(2026, 1, 5, 9, 0));
        Actor cadre = actor("VILLAGE_CADRE", v1);
        as(cadre, () -> desk.report(new ReportCase("ENV", null, null, "村道垃圾堆放", null, v1, null, "村口", null, null, null, false,
                null, null, null, null)));

        Cockpit.View t = as(actor("TOWNSHIP_ADMIN", TOWNSHIP), () -> cockpit.view(null, null));
        assertThat(t.division()).isEqualTo(TOWNSHIP);
        assertThat(t.households()).isEqualTo(7);
        assertThat(t.participating()).isEqualTo(3); // a, b (credited, then reversed) and c
        assertThat(t.participationRate()).isEqualTo(3 / 7.0);
        assertThat(t.points()).isEqualTo(10 + 5 + 3 - 3 + 25);
        assertThat(t.months()).extracting(m -> m.month() + "=" + m.points() + "/" + m.households())
                .containsExactly("2026-01=10/1", "2026-02=5/2", "2026-03=25/1");
        // a: 15, b: 0, c: 25
        assertThat(t.distribution()).extracting(b2 -> b2.label() + ":" + b2.households())
                .containsExactly("<0:0", "0–9:1", "10–19:1", "20–49:1", "50–99:0", "≥100:0");
        assertThat(t.topHouseholds()).extracting(Cockpit.HouseholdRow::id).startsWith(c.id(), a.id(), b.id());
        assertThat(t.topHouseholds()).extracting(Cockpit.HouseholdRow::points).startsWith(25L, 15L, 0L);
        assertThat(t.areas()).filteredOn(r -> r.code().equals(v1)).singleElement()
                .satisfies(r -> assertThat(List.of(r.households(), r.participating(), r.points(), r.cases())).containsExactly(4L, 2L, 15L, 1L));
        assertThat(t.areas()).filteredOn(r -> r.code().equals(v2)).singleElement()
                .satisfies(r -> assertThat(List.of(r.households(), r.participating(), r.points())).containsExactly(3L, 1L, 25L));
        assertThat(t.topVillages()).extracting(Cockpit.AreaRow::code).first().isEqualTo(v2); // 25/3 > 15/4
        assertThat(t.rewards().redemptions()).isEqualTo(3);
        assertThat(t.rewards().used()).isEqualTo(2);
        assertThat(t.rewards().points()).isEqualTo(60);
        assertThat(t.rewards().budgetFen()).isEqualTo(100000);
        assertThat(t.rewards().budgetUsedFen()).isEqualTo(2500);
        assertThat(t.visits().visits()).isEqualTo(4);
        assertThat(t.visits().householdsVisited()).isEqualTo(3);
        assertThat(t.visitCoverage()).isEqualTo(3 / 7.0);
        assertThat(t.cases().reported()).isEqualTo(1);
        assertThat(t.lights().open()).isEqualTo(1);
        assertThat(t.lights().red()).isZero();
        assertThat(t.monitoring().cases()).extracting(k -> k.kind() + "/" + k.label() + "=" + k.cases()).containsExactly("边缘易致贫户/监测帮扶中=1");
        assertThat(t.monitoring().stars()).extracting(s -> s.stars() + "=" + s.villages()).containsExactly("4=1");

        // the village's own cockpit counts the village only
        Cockpit.View v = as(cadre, () -> cockpit.view(null, null));
        assertThat(List.of(v.households(), v.participating(), v.points(), v.rewards().redemptions(), v.visits().householdsVisited()))
                .containsExactly(4L, 2L, 15L, 2L, 2L);
        assertThat(v.monitoring().cases()).isEmpty();

        // a month later the open case has passed every deadline: its light is red
        clock.advance(Duration.ofDays(30));
        assertThat(as(cadre, () -> cockpit.view(null, null)).lights().red()).isEqualTo(1);

        // the page shows the same figures as text, each linking to its list
        String html = mvc.perform(get("/cockpit").param("division", TOWNSHIP).with(user(new AccountPrincipal(actor("COUNTY_ADMIN", COUNTY), "", false, true))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"fig-households\">7<").contains("id=\"fig-points\">40<").contains("42.9%")
                .contains("href=\"/households?division=" + TOWNSHIP + "\"").contains("/cockpit?division=" + v1)
                .contains("/monitoring?division=" + TOWNSHIP + "&amp;status=MONITORED").doesNotContain("<script>");
    }

    @Test
    void aViewerSeesTheirOwnScopeOnly() throws Exception {
        Actor cadre = actor("VILLAGE_CADRE", v1);
        assertThatThrownBy(() -> as(cadre, () -> cockpit.view(v2, null))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(cadre, () -> cockpit.view(TOWNSHIP, null))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(actor("TOWNSHIP_ADMIN", TOWNSHIP), () -> cockpit.view("469030202", null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(actor("DEPARTMENT_STAFF", COUNTY), () -> cockpit.view(null, null))).isInstanceOf(NotFoundException.class);
        // the county admin drills down to a village
        assertThat(as(actor("AUDITOR", COUNTY), () -> cockpit.view(v1, null)).households()).isEqualTo(4);

        var cookie = ConsoleLogin.login(mvc, "village_cadre"); // 便文村 469030202200
        assertThat(mvc.perform(get("/cockpit").cookie(cookie)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/cockpit").param("division", "469030202201").cookie(cookie)).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get("/cockpit/data").param("division", "469030202201").cookie(cookie)).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        var villager = ConsoleLogin.login(mvc, "villager");
        assertThat(mvc.perform(get("/cockpit").cookie(villager)).andReturn().getResponse().getStatus()).isEqualTo(404);
    }
}
