package org.shanzhi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shanzhi.cases.CaseMeasures.Row;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.identity.Accounts;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** 平谷 吹哨报到: the township whistles, departments respond by the deadline; late and missing answers are counted. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhistleTest {

    @Autowired
    CaseDesk desk;
    @Autowired
    CaseMeasures measures;
    @Autowired
    CaseCatalog catalog;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Territory territory;
    @Autowired
    Registry registry;
    @Autowired
    Accounts accounts;

    private CaseWorld w;
    private String roads;
    private String water;
    private String housing;
    private String roadsStaff;
    private String waterStaff;
    private String housingStaff;

    @BeforeAll
    void world() {
        w = new CaseWorld(jdbc, territory, registry, accounts, catalog, 2, 1);
        roads = "交通" + w.uniq;
        water = "水务" + w.uniq;
        housing = "住建" + w.uniq;
        roadsStaff = w.departmentStaff(catalog, roads);
        waterStaff = w.departmentStaff(catalog, water);
        housingStaff = w.departmentStaff(catalog, housing);
    }

    @AfterEach
    void resetClock() {
        clock.set(CaseWorld.START);
    }

    private long acceptedCase(String text) {
        return CaseWorld.system(() -> {
            long id = desk.report(CaseWorld.villageReport("WHISTLE", text, w.village, null)).id();
            desk.accept(id, null);
            return id;
        });
    }

    @Test
    void lateAndMissingResponsesAreCountedPerDepartment() {
        long id = acceptedCase("危桥改造需住建、交通、水务会商");
        // the department cannot see the case before it is whistled
        assertThatThrownBy(() -> w.as(roadsStaff, () -> desk.get(id))).isInstanceOf(NotFoundException.class);
        // a village cadre does not blow the whistle; the township does
        assertThatThrownBy(() -> w.as(w.cadre, () -> desk.whistle(id, new BlowWhistle(List.of(roads), 24, null))))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> w.as("township_admin", () -> desk.whistle(id, new BlowWhistle(List.of("不存在的局"), 24, null))))
                .isInstanceOf(InvalidInputException.class);
        Case whistled = w.as("township_admin", () -> desk.whistle(id, new BlowWhistle(List.of(roads, water, housing), 24, "请到场会商")));
        assertThat(whistled.status()).isEqualTo(CaseStatus.ACCEPTED);

        // now each named department sees it
        assertThat(w.as(roadsStaff, () -> desk.get(id)).id()).isEqualTo(id);
        assertThat(w.as(waterStaff, () -> desk.whistleCalls(WhistleCall.State.PENDING, 0, 20)).items())
                .extracting(WhistleCall::caseId).containsExactly(id);

        clock.advance(Duration.ofHours(2));
        w.as(roadsStaff, () -> desk.respond(id, "已派人到场"));
        assertThatThrownBy(() -> w.as(roadsStaff, () -> desk.respond(id, "再次报到"))).isInstanceOf(ConflictException.class);
        clock.advance(Duration.ofHours(28)); // T+30: past the 24 h deadline
        Case late = w.as(waterStaff, () -> desk.respond(id, "迟到报到"));
        assertThat(CaseWorld.system(() -> desk.log(id))).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("RESPOND");
            assertThat(e.note()).contains(water).contains("late");
        });
        assertThat(late.version()).isGreaterThan(whistled.version());

        // a second whistle to housing, not yet due: pending, not missing
        w.as("township_admin", () -> desk.whistle(id, new BlowWhistle(List.of(housing), 48, "再次召集")));

        assertThat(w.as("township_admin", () -> desk.calls(id))).extracting(WhistleCall::department, WhistleCall::state)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(roads, WhistleCall.State.ON_TIME),
                        org.assertj.core.groups.Tuple.tuple(water, WhistleCall.State.LATE),
                        org.assertj.core.groups.Tuple.tuple(housing, WhistleCall.State.MISSING),
                        org.assertj.core.groups.Tuple.tuple(housing, WhistleCall.State.PENDING));
        assertThat(w.as(housingStaff, () -> desk.whistleCalls(WhistleCall.State.MISSING, 0, 20)).items())
                .extracting(WhistleCall::department).containsExactly(housing);

        List<Row> rows = w.as("township_admin", () -> measures.measure(CaseMeasures.Unit.DEPARTMENT, w.village,
                LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31))).rows();
        Row r = rows.stream().filter(x -> x.unit().equals(roads)).findFirst().orElseThrow();
        assertThat(r.whistleCalls()).isEqualTo(1);
        assertThat(r.whistleOnTime()).isEqualTo(1);
        assertThat(r.responseRate()).isEqualTo(1.0);
        Row wr = rows.stream().filter(x -> x.unit().equals(water)).findFirst().orElseThrow();
        assertThat(wr.whistleLate()).isEqualTo(1);
        assertThat(wr.whistleMissing()).isZero();
        assertThat(wr.responseRate()).isEqualTo(0.0);
        Row h = rows.stream().filter(x -> x.unit().equals(housing)).findFirst().orElseThrow();
        assertThat(h.whistleCalls()).isEqualTo(2);
        assertThat(h.whistleMissing()).as("the pending call is not missing yet").isEqualTo(1);
        assertThat(h.whistleOnTime()).isZero();
        assertThat(h.responseRate()).isEqualTo(0.0);
        assertThat(h.reported()).as("no case was dispatched to it").isZero();

        // housing answers both calls at once, one of them late
        w.as(housingStaff, () -> desk.respond(id, "到场"));
        assertThat(w.as("township_admin", () -> desk.calls(id))).filteredOn(c -> c.department().equals(housing))
                .extracting(WhistleCall::state).containsExactlyInAnyOrder(WhistleCall.State.LATE, WhistleCall.State.ON_TIME);
    }

    @Test
    void onlyAnOpenCaseIsWhistled() {
        long id = CaseWorld.system(() -> desk.report(CaseWorld.villageReport("WHISTLE", "未立案", w.village, null)).id());
        assertThatThrownBy(() -> w.as("township_admin", () -> desk.whistle(id, new BlowWhistle(List.of(roads), 24, null))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("REPORTED");
        assertThatThrownBy(() -> w.as("township_admin2", () -> desk.whistle(id, new BlowWhistle(List.of(roads), 24, null))))
                .as("another township's admin does not see it").isInstanceOf(NotFoundException.class);
    }
}
