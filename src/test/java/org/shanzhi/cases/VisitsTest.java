package org.shanzhi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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

/**
 * 走访 coverage (建德 走村不漏户). Grid A: A0 visited today, A1 10 days ago, A2 40 days ago, A3 never;
 * grid B: B0 visited 5 days ago by the cadre, B1 never. Today is 2026-03-03.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisitsTest {

    @Autowired
    Visits visits;
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
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 3);

    @BeforeAll
    void visitsLogged() {
        w = new CaseWorld(jdbc, territory, registry, accounts, catalog, 4, 2);
        w.as(w.gridWorker, () -> visits.record(new Visits.RecordVisit(w.householdsA.get(0), null, "了解收入", true)));
        w.as(w.gridWorker, () -> visits.record(new Visits.RecordVisit(w.householdsA.get(1), TODAY.minusDays(10), "防汛宣传", true)));
        w.as(w.gridWorker, () -> visits.record(new Visits.RecordVisit(w.householdsA.get(2), TODAY.minusDays(40), null, false)));
        w.as(w.cadre, () -> visits.record(new Visits.RecordVisit(w.householdsB.get(0), TODAY.minusDays(5), "慰问", true)));
    }

    @AfterEach
    void resetClock() {
        clock.set(CaseWorld.START);
    }

    @Test
    void aGridWorkersCoverageIsTheirGrid() {
        Visits.Coverage c = w.as(w.gridWorker, () -> visits.coverage(null, null, 30, 0, 50));
        assertThat(c.villageCode()).isEqualTo(w.village);
        assertThat(c.since()).isEqualTo(TODAY.minusDays(29));
        assertThat(c.households()).isEqualTo(4);
        assertThat(c.visited()).isEqualTo(2);
        assertThat(c.coverage()).isEqualTo(0.5);
        assertThat(c.notVisited().items()).extracting(Visits.HouseholdRef::id)
                .containsExactlyInAnyOrder(w.householdsA.get(2), w.householdsA.get(3));
        assertThat(c.notVisited().items()).filteredOn(h -> h.id() == w.householdsA.get(2)).singleElement()
                .extracting(Visits.HouseholdRef::lastVisitedOn).isEqualTo(TODAY.minusDays(40));
        assertThat(w.as(w.cadre, () -> visits.coverage(null, w.gridA.id(), 30, 0, 50)).coverage()).isEqualTo(0.5);
    }

    @Test
    void theVillagesCoverageOverThirtyAndSixtyDays() {
        Visits.Coverage c30 = w.as(w.cadre, () -> visits.coverage(w.village, null, 30, 0, 50));
        assertThat(c30.households()).isEqualTo(6);
        assertThat(c30.visited()).isEqualTo(3);
        assertThat(c30.coverage()).isEqualTo(0.5);
        assertThat(c30.notVisited().items()).extracting(Visits.HouseholdRef::id)
                .containsExactlyInAnyOrder(w.householdsA.get(2), w.householdsA.get(3), w.householdsB.get(1));
        Visits.Coverage c60 = w.as(w.cadre, () -> visits.coverage(w.village, null, 60, 0, 50));
        assertThat(c60.visited()).isEqualTo(4);
        assertThat(c60.coverage()).isCloseTo(4.0 / 6, org.assertj.core.api.Assertions.within(1e-9));
        Visits.Coverage page = w.as(w.cadre, () -> visits.coverage(w.village, null, 30, 1, 2));
        assertThat(page.notVisited().total()).isEqualTo(3);
        assertThat(page.notVisited().items()).hasSize(1);
        // the day boundary: 10 days ago is inside an 11-day window, outside a 10-day one
        assertThat(w.as(w.gridWorker, () -> visits.coverage(null, null, 11, 0, 50)).visited()).isEqualTo(2);
        assertThat(w.as(w.gridWorker, () -> visits.coverage(null, null, 10, 0, 50)).visited()).isEqualTo(1);
    }

    @Test
    void whoLogsVisitsAndWhere() {
        assertThatThrownBy(() -> w.as(w.gridWorker, () -> visits.record(new Visits.RecordVisit(w.householdsB.get(1), null, null, false))))
                .as("outside the grid worker's grid").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> w.as(w.villager, () -> visits.record(new Visits.RecordVisit(w.householdsA.get(0), null, null, false))))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> w.as(w.gridWorker, () -> visits.record(new Visits.RecordVisit(w.householdsA.get(3), TODAY.plusDays(1), null, false))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> w.as(w.deptStaff, () -> visits.coverage(w.village, null, 30, 0, 50))).isInstanceOf(NotFoundException.class);
        // the central household visits its linked households
        // (100 days ago, so that the other tests' 30- and 60-day windows stay as they are)
        w.as(w.partyCenter, () -> visits.record(new Visits.RecordVisit(w.householdsA.get(3), TODAY.minusDays(100), "遍访", true)));
        assertThat(w.as(w.partyCenter, () -> visits.coverage(null, null, 120, 0, 50))).satisfies(c -> {
            assertThat(c.households()).as("its own and two linked households").isEqualTo(3);
            assertThat(c.visited()).isEqualTo(3);
        });
        assertThat(w.as(w.cadre, () -> visits.list(w.village, null, 0, 50)).total()).isEqualTo(5);
        assertThat(w.as(w.gridWorker, () -> visits.list(null, null, 0, 50)).items()).allMatch(v -> v.gridId().equals(w.gridA.id()));
    }
}
