package org.shanzhi.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.identity.Accounts;
import org.shanzhi.points.NewItem;
import org.shanzhi.points.PointsResults;
import org.shanzhi.points.PointsSchemes;
import org.shanzhi.points.PointsWorld;
import org.shanzhi.points.ScoreEvent;
import org.shanzhi.points.ScoreEvents;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/** 热心公益: a case closed with a volunteer household's help records one score event for it, once per case. */
@IntegrationTest
@RecordApplicationEvents
class VolunteerPointsWiringTest {

    @Autowired
    CaseDesk desk;
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
    @Autowired
    PointsSchemes schemes;
    @Autowired
    ScoreEvents scoreEvents;
    @Autowired
    PointsResults results;
    @Autowired
    NoticeBoard notices;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ApplicationEvents events;

    @AfterEach
    void resetClock() {
        clock.set(CaseWorld.START);
    }

    private List<ScoreEvent> eventsOf(long household) {
        return ScopeGuard.asSystem(CaseWorld.COUNTY, () -> scoreEvents.list(CaseWorld.COUNTY, null, null, household, 0, 50)).items();
    }

    private long closeWithVolunteer(CaseWorld w, long volunteer) {
        long id = w.as(w.villager, () -> desk.report(new ReportCase("ENV", null, null, "台风后树枝挡路", null, null, null, "村口", null,
                null, null, false, null, null, null, null))).id();
        w.as(w.cadre, () -> desk.accept(id, null));
        w.as(w.cadre, () -> desk.dispatch(id, new DispatchCase(w.gridWorker, null, null, null)));
        w.as(w.gridWorker, () -> desk.handle(id, new HandleCase("邻居帮忙清理了树枝", volunteer)));
        w.as(w.gridWorker, () -> desk.feedback(id, "已清理"));
        w.as(w.villager, () -> desk.rate(id, Rating.SATISFIED, null));
        return id;
    }

    @Test
    void aVolunteerIsRecordedOnceWithTheVillageSchemesPublicServiceItem() {
        CaseWorld w = new CaseWorld(jdbc, territory, registry, accounts, catalog, 6, 0);
        PointsWorld points = new PointsWorld(territory, registry, schemes, scoreEvents, results, notices, clock);
        var scheme = points.adopt(w.village, PointsWorld.settings(m -> m),
                PointsWorld.plus("勤劳致富", "发展庭院经济", 3),
                new NewItem("热心公益", "志愿服务", "+", 5L, false, List.of("CADRE", "SELF"), null, false, false),
                new NewItem("热心公益", "义务献血", "+", 8L, false, List.of("CADRE", "SELF"), null, false, false));
        long volunteer = w.householdsA.get(5);

        long caseId = closeWithVolunteer(w, volunteer);
        List<ScoreEvent> recorded = eventsOf(volunteer);
        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.itemId()).isEqualTo(PointsWorld.item(scheme, "志愿服务").id());
            assertThat(e.points()).isEqualTo(5);
            assertThat(e.source()).isEqualTo("RECORDED");
            assertThat(e.status()).isEqualTo(ScoreEvent.DECLARED);
            assertThat(e.description()).contains(String.valueOf(caseId));
        });

        // the same announcement again (a redelivery): nothing more is recorded
        VolunteerHelped again = events.stream(VolunteerHelped.class).filter(e -> e.caseId() == caseId).findFirst().orElseThrow();
        tx.executeWithoutResult(s -> publisher.publishEvent(again));
        assertThat(eventsOf(volunteer)).hasSize(1);
    }

    @Test
    void aVillageWithoutAVolunteerItemRecordsNothingAndTheCaseStillCloses() {
        CaseWorld w = new CaseWorld(jdbc, territory, registry, accounts, catalog, 6, 0);
        PointsWorld points = new PointsWorld(territory, registry, schemes, scoreEvents, results, notices, clock);
        points.adopt(w.village, PointsWorld.settings(m -> m), PointsWorld.plus("勤劳致富", "发展庭院经济", 3));
        long volunteer = w.householdsA.get(4);
        long caseId = closeWithVolunteer(w, volunteer);
        assertThat(w.as(w.cadre, () -> desk.get(caseId)).status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(eventsOf(volunteer)).isEmpty();
    }
}
