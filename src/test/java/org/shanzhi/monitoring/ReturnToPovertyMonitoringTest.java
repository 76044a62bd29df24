package org.shanzhi.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.NewHousehold;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.Api;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
@RecordApplicationEvents
class ReturnToPovertyMonitoringTest {

    static final String COUNTY = "469030";
    static final String VILLAGE = "469030202200";
    static final Instant START = Instant.parse("2026-03-03T01:00:00Z");
    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 10_000));

    @Autowired
    MockMvc mvc;
    @Autowired
    Monitoring monitoring;
    @Autowired
    Registry registry;
    @Autowired
    Territory territory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    ApplicationEvents events;

    Monitoring.IncomeLine line;

    @BeforeEach
    void incomeLine() {
        line = ScopeGuard.asSystem(COUNTY, () -> monitoring.incomeLine(2026)
                .orElseGet(() -> monitoring.setIncomeLine(2026, new BigDecimal("7400"), 6)));
    }

    @AfterEach
    void restoreClock() {
        clock.set(START);
    }

    /** A fresh villager group of 便文村 with one household whose income per person is below the line. */
    private Household poorHouseholdInOwnGroup() {
        return ScopeGuard.asSystem(COUNTY, () -> {
            String group = territory.createGroup(VILLAGE, null, "监测测试组" + SEQ.incrementAndGet()).code();
            BigDecimal below = line.lineYuan().subtract(new BigDecimal("500"));
            return registry.createHousehold(new NewHousehold(VILLAGE, group, null, "MON-" + SEQ.incrementAndGet(), "便文村监测路1号",
                    null, List.of(), Map.of("income_per_capita", below.toPlainString(), "water_safe", "是")));
        });
    }

    private String step(String user, long caseId, String body, int expected) throws Exception {
        return mvc.perform(post("/api/v1/monitoring/cases/" + caseId + "/steps").header("Authorization", Api.bearer(Api.token(mvc, user)))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aRegistryRuleFlagsAHouseholdAndOpensACaseButOnlyTheCountyDecisionAfterTheVillageNoticeMakesItMonitored() throws Exception {
        Household h = poorHouseholdInOwnGroup();
        String township = Api.token(mvc, "township_admin");
        mvc.perform(post("/api/v1/monitoring/rule-runs").header("Authorization", Api.bearer(township))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"division\":\"" + h.groupCode() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scanned").value(1))
                .andExpect(jsonPath("$.flagged").value(1))
                .andExpect(jsonPath("$.opened").value(1));
        long caseId = jdbc.queryForObject("select id from monitoring_cases where household_id = ?", Long.class, h.id());
        assertThat(jdbc.queryForObject("select status from monitoring_cases where id = ?", String.class, caseId)).isEqualTo("OPEN");
        assertThat(jdbc.queryForObject("select channel from monitoring_cases where id = ?", String.class, caseId)).isEqualTo("RULE");

        // a second run does not open a second case: the flag opened one, it decides nothing
        mvc.perform(post("/api/v1/monitoring/rule-runs").header("Authorization", Api.bearer(township))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"division\":\"" + h.groupCode() + "\"}"))
                .andExpect(jsonPath("$.opened").value(0));

        // skipping steps is refused: neither the township nor the county may act before the village
        step("county_admin", caseId, "{\"step\":\"COUNTY_DECISION\",\"approved\":true,\"kind\":\"边缘易致贫户\"}", 409);
        step("township_admin", caseId, "{\"step\":\"TOWNSHIP_CHECK\",\"approved\":true}", 409);
        // a role that may not take the step
        step("township_admin", caseId, "{\"step\":\"VILLAGE_REVIEW\",\"approved\":true}", 403);

        step("village_cadre", caseId, "{\"step\":\"VILLAGE_REVIEW\",\"approved\":true,\"note\":\"村两委评议通过\"}", 200);
        assertThat(events.stream(MonitoringNoticeRequested.class)
                .filter(e -> e.subjectId().equals(String.valueOf(caseId)))).hasSize(1);
        // still not decidable: the village notice has not passed
        step("county_admin", caseId, "{\"step\":\"COUNTY_DECISION\",\"approved\":true,\"kind\":\"边缘易致贫户\"}", 409);
        step("township_admin", caseId, "{\"step\":\"TOWNSHIP_CHECK\",\"approved\":true}", 409);

        // the notice ends (the disclosure module will make this call)
        ScopeGuard.asSystem(COUNTY, () -> monitoring.recordNoticePassed(caseId, true, "公示7天无异议"));
        step("township_admin", caseId, "{\"step\":\"TOWNSHIP_CHECK\",\"approved\":true,\"note\":\"入户核实\"}", 200);
        assertThat(jdbc.queryForObject("select status from monitoring_cases where id = ?", String.class, caseId)).isEqualTo("TOWNSHIP_CHECKED");
        // the county must name the kind
        step("county_admin", caseId, "{\"step\":\"COUNTY_DECISION\",\"approved\":true}", 400);
        step("county_admin", caseId, "{\"step\":\"COUNTY_DECISION\",\"approved\":true,\"kind\":\"边缘易致贫户\"}", 200);
        assertThat(jdbc.queryForObject("select status from monitoring_cases where id = ?", String.class, caseId)).isEqualTo("MONITORED");

        // the file lists every step with who and when; viewing it is audited; others do not find it
        long audited = jdbc.queryForObject("select count(*) from audit_entries where action = 'monitoring.case.viewed' and entity_id = ?",
                Long.class, String.valueOf(caseId));
        mvc.perform(get("/api/v1/monitoring/cases/" + caseId).header("Authorization", Api.bearer(Api.token(mvc, "village_cadre"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.steps.length()").value(4))
                .andExpect(jsonPath("$.steps[0].step").value("VILLAGE_REVIEW"))
                .andExpect(jsonPath("$.steps[0].actorName").value("村干部"))
                .andExpect(jsonPath("$.steps[3].step").value("COUNTY_DECISION"))
                .andExpect(jsonPath("$.monitoringCase.kind").value("边缘易致贫户"));
        assertThat(jdbc.queryForObject("select count(*) from audit_entries where action = 'monitoring.case.viewed' and entity_id = ?",
                Long.class, String.valueOf(caseId))).isEqualTo(audited + 1);
        for (String outsider : List.of("village_cadre2", "villager", "village_supervisor", "auditor")) {
            mvc.perform(get("/api/v1/monitoring/cases/" + caseId).header("Authorization", Api.bearer(Api.token(mvc, outsider))))
                    .andExpect(status().isNotFound());
        }
    }

    @Test
    void riskEliminationIsRefusedBeforeIncomeHasStayedAboveTheLineForTheConfiguredTime() {
        Household h = poorHouseholdInOwnGroup();
        long caseId = ScopeGuard.asSystem(COUNTY, () -> {
            long id = monitoring.openCase(h.id(), "VISIT", "突发严重困难户", "入户走访发现因病支出骤增").id();
            monitoring.step(id, "VILLAGE_REVIEW", true, null, null);
            monitoring.recordNoticePassed(id, true, null);
            monitoring.step(id, "TOWNSHIP_CHECK", true, null, null);
            monitoring.step(id, "COUNTY_DECISION", true, null, null);
            monitoring.addMeasure(id, "MEDICAL", "大病保险二次报销", "王帮扶", LocalDate.of(2026, 3, 3), null);
            return id;
        });
        int months = line.stableMonths();
        BigDecimal above = line.lineYuan().add(new BigDecimal("3000"));
        ScopeGuard.asSystem(COUNTY, () -> {
            // one check below the line first: the stable run starts only after it
            monitoring.recordIncomeCheck(caseId, line.lineYuan().subtract(BigDecimal.ONE));
            assertThatThrownBy(() -> monitoring.step(caseId, "ELIMINATION_REVIEW", true, null, null))
                    .isInstanceOf(ConflictException.class);
            clock.advance(Duration.ofDays(30));
            monitoring.recordIncomeCheck(caseId, above); // run starts here
            LocalDate runStart = LocalDate.now(clock);
            for (int m = 1; m < months; m++) {
                clock.set(runStart.plusMonths(m).atStartOfDay(clock.getZone()).plusHours(9).toInstant());
                monitoring.recordIncomeCheck(caseId, above);
            }
            // one day short of the configured time: refused
            clock.set(runStart.plusMonths(months).minusDays(1).atStartOfDay(clock.getZone()).plusHours(9).toInstant());
            assertThatThrownBy(() -> monitoring.step(caseId, "ELIMINATION_REVIEW", true, null, null))
                    .isInstanceOf(ConflictException.class).hasMessageContaining(months + " 个月");
            clock.advance(Duration.ofDays(1));
            monitoring.recordIncomeCheck(caseId, above);
            monitoring.step(caseId, "ELIMINATION_REVIEW", true, null, "收入稳定");
            // the elimination itself waits for the village notice
            assertThatThrownBy(() -> monitoring.step(caseId, "ELIMINATE", true, null, null)).isInstanceOf(ConflictException.class);
            monitoring.recordNoticePassed(caseId, true, "风险消除公示无异议");
            assertThat(monitoring.step(caseId, "ELIMINATE", true, null, null).status()).isEqualTo("ELIMINATED");
            // a new hardship: back to monitoring
            assertThat(monitoring.step(caseId, "RETURN", true, null, "因灾返贫风险").status()).isEqualTo("MONITORED");
            return null;
        });
    }
}
