package org.shanzhi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shanzhi.cases.CaseMeasures.Row;
import org.shanzhi.cases.CaseMeasures.Unit;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.identity.Accounts;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures on a fixed dataset in a village of its own, with the rates worked out by hand. Limits: village
 * 72 h, response 24 h. T = 2026-03-03 09:00; every case is reported at T at village level.
 *
 * <pre>
 * case grid  response          handling                         rating        facts
 * C1   A     accepted T+1      dispatched T+2, handled T+10     satisfied     on time, 9 h
 * C2   A     accepted T+30     dispatched T+31, handled T+50    not satisfied late response, on time, 20 h
 * C3   A     accepted T+2      escalated T+73, handled T+80     basically     overdue, 78 h
 * C4   A     refused T+5       -                                -             responded, not accepted
 * C5   B     accepted T+3      to the department T+4, h. T+20   (none)        on time, 17 h
 * C6   B     never             escalated T+73                   -             not responded, not accepted
 * C7   A     reported 2026-02-21 (another month), never touched
 * </pre>
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeasuresTest {

    @Autowired
    CaseDesk desk;
    @Autowired
    CaseSweep sweep;
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
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate MARCH_31 = LocalDate.of(2026, 3, 31);

    @BeforeAll
    void dataset() {
        w = new CaseWorld(jdbc, territory, registry, accounts, catalog, 2, 1);
        try {
            clock.set(CaseWorld.START.minus(Duration.ofDays(10)));
            report(w.gridA.id(), "C7");
            clock.set(CaseWorld.START);
            long c1 = report(w.gridA.id(), "C1");
            long c2 = report(w.gridA.id(), "C2");
            long c3 = report(w.gridA.id(), "C3");
            long c4 = report(w.gridA.id(), "C4");
            long c5 = report(w.gridB.id(), "C5");
            report(w.gridB.id(), "C6");
            at(1, () -> desk.accept(c1, null));
            at(2, () -> desk.dispatch(c1, new DispatchCase(null, CaseLevel.VILLAGE, null, null)));
            at(2, () -> desk.accept(c3, null));
            at(3, () -> desk.dispatch(c3, new DispatchCase(null, CaseLevel.VILLAGE, null, null)));
            at(3, () -> desk.accept(c5, null));
            at(4, () -> desk.dispatch(c5, new DispatchCase(null, null, w.department, null)));
            at(5, () -> desk.refuse(c4, "不属实"));
            at(10, () -> desk.handle(c1, new HandleCase("办结", null)));
            at(11, () -> desk.feedback(c1, "反馈"));
            at(12, () -> desk.rate(c1, Rating.SATISFIED, null));
            at(20, () -> desk.handle(c5, new HandleCase("部门办结", null)));
            at(21, () -> desk.feedback(c5, "反馈"));
            at(30, () -> desk.accept(c2, null));
            at(31, () -> desk.dispatch(c2, new DispatchCase(null, CaseLevel.VILLAGE, null, null)));
            at(50, () -> desk.handle(c2, new HandleCase("办结", null)));
            at(51, () -> desk.feedback(c2, "反馈"));
            at(52, () -> desk.rate(c2, Rating.NOT_SATISFIED, null));
            clock.set(CaseWorld.START.plus(Duration.ofHours(73)));
            sweep.sweep(clock.instant());
            at(80, () -> desk.handle(c3, new HandleCase("超期办结", null)));
            at(81, () -> desk.feedback(c3, "反馈"));
            at(82, () -> desk.rate(c3, Rating.BASICALLY_SATISFIED, null));
        } finally {
            clock.set(CaseWorld.START);
        }
    }

    @AfterEach
    void resetClock() {
        clock.set(CaseWorld.START);
    }

    private long report(long grid, String text) {
        return CaseWorld.system(() -> desk.report(CaseWorld.villageReport("ENV", text, w.village, grid))).id();
    }

    private void at(int hours, Runnable step) {
        clock.set(CaseWorld.START.plus(Duration.ofHours(hours)));
        CaseWorld.system(() -> {
            step.run();
            return null;
        });
    }

    private CaseMeasures.Report report(String user, Unit unit, LocalDate from, LocalDate to) {
        clock.set(CaseWorld.START.plus(Duration.ofDays(5)));
        return w.as(user, () -> measures.measure(unit, w.village, from, to));
    }

    @Test
    void theVillageRowMatchesTheHandCount() {
        CaseMeasures.Report r = report("township_admin", Unit.VILLAGE, MARCH_1, MARCH_31);
        assertThat(r.rows()).singleElement().satisfies(row -> {
            assertThat(row.unit()).isEqualTo(w.village);
            assertThat(row.name()).isEqualTo("测试村" + w.uniq);
            assertThat(row.reported()).isEqualTo(6);
            // responded within 24 h: C1, C3, C4 (refused), C5 — not C2 (T+30) nor C6
            assertThat(row.respondedOnTime()).isEqualTo(4);
            assertThat(row.responseRate()).isCloseTo(4.0 / 6, within(1e-9));
            // accepted: C1, C2, C3, C5; handled without passing a deadline: C1, C2, C5
            assertThat(row.accepted()).isEqualTo(4);
            assertThat(row.handledOnTime()).isEqualTo(3);
            assertThat(row.onTimeClosureRate()).isEqualTo(0.75);
            // overdue among the accepted: C3 (C6 escalated too, but was never accepted)
            assertThat(row.overdue()).isEqualTo(1);
            assertThat(row.overdueRate()).isEqualTo(0.25);
            // rated: C1 satisfied, C2 not, C3 basically
            assertThat(row.rated()).isEqualTo(3);
            assertThat(row.satisfied()).isEqualTo(2);
            assertThat(row.satisfactionRate()).isCloseTo(2.0 / 3, within(1e-9));
            // (9 + 20 + 78 + 17) / 4 = 31 hours
            assertThat(row.handled()).isEqualTo(4);
            assertThat(row.avgHandlingHours()).isCloseTo(31.0, within(1e-9));
            assertThat(row.whistleCalls()).isZero();
        });
    }

    @Test
    void gridRowsSplitTheVillage() {
        CaseMeasures.Report r = report("township_admin", Unit.GRID, MARCH_1, MARCH_31);
        assertThat(r.rows()).hasSize(2);
        Row a = r.rows().stream().filter(x -> x.unit().equals(String.valueOf(w.gridA.id()))).findFirst().orElseThrow();
        Row b = r.rows().stream().filter(x -> x.unit().equals(String.valueOf(w.gridB.id()))).findFirst().orElseThrow();
        assertThat(a.name()).isEqualTo(w.gridA.name());
        assertThat(a.reported()).isEqualTo(4);
        assertThat(a.responseRate()).isEqualTo(0.75);
        assertThat(a.onTimeClosureRate()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(a.overdueRate()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(a.satisfactionRate()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(a.avgHandlingHours()).isCloseTo(107.0 / 3, within(1e-9));
        assertThat(b.reported()).isEqualTo(2);
        assertThat(b.responseRate()).isEqualTo(0.5);
        assertThat(b.onTimeClosureRate()).isEqualTo(1.0);
        assertThat(b.overdueRate()).isEqualTo(0.0);
        assertThat(b.satisfactionRate()).as("nothing rated: no rate, not zero").isNull();
        assertThat(b.avgHandlingHours()).isCloseTo(17.0, within(1e-9));
    }

    @Test
    void theTownshipRowOfTheVillageAreaIsTheSameCount() {
        CaseMeasures.Report r = report("county_admin", Unit.TOWNSHIP, MARCH_1, MARCH_31);
        assertThat(r.rows()).singleElement().satisfies(row -> {
            assertThat(row.unit()).isEqualTo(CaseWorld.TOWNSHIP);
            assertThat(row.name()).isEqualTo("什运乡");
            assertThat(row.reported()).isEqualTo(6);
            assertThat(row.onTimeClosureRate()).isEqualTo(0.75);
        });
    }

    @Test
    void aDepartmentIsMeasuredOnTheCasesSentToIt() {
        CaseMeasures.Report r = report("township_admin", Unit.DEPARTMENT, MARCH_1, MARCH_31);
        assertThat(r.rows()).singleElement().satisfies(row -> {
            assertThat(row.unit()).isEqualTo(w.department);
            assertThat(row.reported()).isEqualTo(1);
            assertThat(row.onTimeClosureRate()).isEqualTo(1.0);
            assertThat(row.overdueRate()).isEqualTo(0.0);
            assertThat(row.avgHandlingHours()).isCloseTo(17.0, within(1e-9));
            assertThat(row.responseRate()).as("no whistle to it: no response rate").isNull();
        });
        // its staff see their own department's row
        clock.set(CaseWorld.START.plus(Duration.ofDays(5)));
        assertThat(w.as(w.deptStaff, () -> measures.measure(Unit.DEPARTMENT, null, MARCH_1, MARCH_31)).rows())
                .extracting(Row::unit).containsExactly(w.department);
        assertThatThrownBy(() -> w.as(w.deptStaff, () -> measures.measure(Unit.VILLAGE, null, MARCH_1, MARCH_31)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void thePeriodSelectsByReportTime() {
        CaseMeasures.Report feb = report("township_admin", Unit.VILLAGE, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28));
        assertThat(feb.rows()).singleElement().satisfies(row -> {
            assertThat(row.reported()).isEqualTo(1);
            assertThat(row.responseRate()).isEqualTo(0.0);
            assertThat(row.onTimeClosureRate()).as("nothing accepted").isNull();
            assertThat(row.satisfactionRate()).isNull();
            assertThat(row.avgHandlingHours()).isNull();
        });
        assertThat(report("township_admin", Unit.VILLAGE, LocalDate.of(2026, 3, 4), MARCH_31).rows()).isEmpty();
    }

    @Test
    void aGridWorkerSeesTheirGridOnlyAndVillagersNothing() {
        assertThat(report(w.gridWorker, Unit.GRID, MARCH_1, MARCH_31).rows()).extracting(Row::unit)
                .containsExactly(String.valueOf(w.gridA.id()));
        assertThatThrownBy(() -> report(w.gridWorker, Unit.VILLAGE, MARCH_1, MARCH_31)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> report(w.villager, Unit.VILLAGE, MARCH_1, MARCH_31)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> report("village_cadre2", Unit.VILLAGE, MARCH_1, MARCH_31)).isInstanceOf(NotFoundException.class);
    }
}
