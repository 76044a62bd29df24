package org.shanzhi.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.disclosure.Notice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.points.PointsWorld;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.NewHousehold;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A monitoring case's village review posts a public notice; the notice's end records the notice step. */
@IntegrationTest
class MonitoringNoticeWiringTest {

    static final String COUNTY = "469030";
    static final String VILLAGE = "469030202200";

    @Autowired
    Monitoring monitoring;
    @Autowired
    NoticeBoard board;
    @Autowired
    Registry registry;
    @Autowired
    Territory territory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;

    @AfterEach
    void restoreClock() {
        clock.set(PointsWorld.START);
    }

    private <T> T system(java.util.function.Supplier<T> work) {
        return ScopeGuard.asSystem(COUNTY, work);
    }

    /** A reviewed case of a fresh household of 便文村; returns the case id. */
    private long reviewedCase() {
        Household h = system(() -> {
            String group = territory.createGroup(VILLAGE, null, "公示接线组" + System.nanoTime() % 1_000_000).code();
            return registry.createHousehold(new NewHousehold(VILLAGE, group, null, "MN-" + System.nanoTime() % 10_000_000,
                    "便文村公示路1号", null, List.of(), Map.of()));
        });
        long caseId = system(() -> monitoring.openCase(h.id(), "VISIT", null, "走访发现因病支出大")).id();
        system(() -> monitoring.step(caseId, "VILLAGE_REVIEW", true, null, "村两委评议通过"));
        return caseId;
    }

    private long noticeOf(long caseId) {
        return jdbc.queryForObject("select id from notices where source_type = 'monitoring-case' and source_id = ?", Long.class,
                String.valueOf(caseId));
    }

    private void passWindow(long noticeId) {
        LocalDateTime end = system(() -> board.notice(noticeId)).windowEnd();
        LocalDateTime now = end.plusMinutes(1);
        clock.set(now.atZone(clock.getZone()).toInstant());
        board.closeDue(now);
    }

    private Monitoring.MonitoringCase caseOf(long caseId) {
        return system(() -> monitoring.caseFile(caseId)).monitoringCase();
    }

    private Monitoring.StepRecord noticeStep(long caseId) {
        return system(() -> monitoring.caseFile(caseId)).steps().stream().filter(s -> s.step().equals("VILLAGE_NOTICE"))
                .findFirst().orElseThrow();
    }

    @Test
    void aVillageReviewPostsANoticeAndItsQuietEndRecordsTheNoticeStep() {
        long caseId = reviewedCase();
        long noticeId = noticeOf(caseId);
        Notice n = system(() -> board.notice(noticeId));
        assertThat(n.villageCode()).isEqualTo(VILLAGE);
        assertThat(n.kind()).isEqualTo("MONITORING");
        assertThat(n.title()).isEqualTo("防返贫监测对象识别公示");
        assertThat(n.items()).singleElement().satisfies(i -> assertThat(i.ref()).isEqualTo(String.valueOf(caseId)));
        assertThat(caseOf(caseId).status()).isEqualTo("VILLAGE_REVIEWED");

        passWindow(noticeId);
        assertThat(system(() -> board.notice(noticeId)).status()).isEqualTo(Notice.CLOSED);
        assertThat(caseOf(caseId).status()).isEqualTo("NOTICED");
        assertThat(noticeStep(caseId)).satisfies(s -> {
            assertThat(s.approved()).isTrue();
            assertThat(s.actorRole()).isEqualTo("SYSTEM");
        });
    }

    @Test
    void anUpheldObjectionRecordsTheNoticeStepAsNotApproved() {
        long caseId = reviewedCase();
        long noticeId = noticeOf(caseId);
        Household h = system(() -> registry.household(caseOf(caseId).householdId()));
        Actor villager = PointsWorld.villager(VILLAGE, h.id());
        Actor cadre = PointsWorld.cadre(VILLAGE);
        long objection = PointsWorld.as(villager, () -> board.object(noticeId, String.valueOf(caseId), "该户有稳定工资收入")).id();
        PointsWorld.as(cadre, () -> board.answer(noticeId, objection, true, "经核实该户有稳定收入,异议成立"));

        passWindow(noticeId);
        assertThat(caseOf(caseId).status()).isEqualTo("CLOSED");
        assertThat(noticeStep(caseId).approved()).isFalse();
    }

    @Test
    void aStepRecordedByHandBeforeTheNoticeClosesIsLeftAlone() {
        long caseId = reviewedCase();
        long noticeId = noticeOf(caseId);
        system(() -> monitoring.recordNoticePassed(caseId, true, "村干部手工登记"));
        passWindow(noticeId);
        assertThat(system(() -> board.notice(noticeId)).status()).isEqualTo(Notice.CLOSED);
        assertThat(caseOf(caseId).status()).isEqualTo("NOTICED");
        assertThat(system(() -> monitoring.caseFile(caseId)).steps().stream().filter(s -> s.step().equals("VILLAGE_NOTICE"))).hasSize(1);
    }
}
