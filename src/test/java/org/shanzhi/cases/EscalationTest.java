package org.shanzhi.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shanzhi.identity.Accounts;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 琼海 四级化事法 with the default limits (household 24 h, group 24 h, village 72 h, township 168 h): lights turn
 * yellow at 80% of a level's limit and red at the limit; the sweep moves a late case up one level, marks it
 * overdue at the top, and closes an unrated case after the rating window. The clock is moved, never slept on.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationTest {

    @Autowired
    CaseDesk desk;
    @Autowired
    CaseSweep sweep;
    @Autowired
    CaseCatalog catalog;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Territory territory;
    @Autowired
    Registry registry;
    @Autowired
    Accounts accounts;

    private CaseWorld w;

    @BeforeAll
    void world() {
        w = new CaseWorld(jdbc, territory, registry, accounts, catalog, 5, 1);
    }

    @AfterEach
    void resetClock() {
        clock.set(CaseWorld.START);
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), clock.getZone());
    }

    private Case get(long id) {
        return CaseWorld.system(() -> desk.get(id));
    }

    /** A 困难群众帮扶 request about a household starts at the household level (党员中心户). */
    private long householdCase() {
        return w.as(w.partyCenter, () -> desk.report(new ReportCase("CARE", null, null, "联系户屋顶漏雨", w.householdsA.get(2),
                null, null, null, null, null, null, false, null, null, null, null))).id();
    }

    @Test
    void aHouseholdMatterNotHandledInADayClimbsTheFourLevels() {
        long id = householdCase();
        LocalDateTime reported = now();
        assertThat(get(id).level()).isEqualTo(CaseLevel.HOUSEHOLD);
        assertThat(get(id).dueAt()).isEqualTo(reported.plusHours(24));

        clock.advance(Duration.ofHours(19));
        assertThat(get(id).light()).isEqualTo(Light.GREEN);
        clock.advance(Duration.ofMinutes(12)); // 19 h 12 min = 80% of 24 h
        assertThat(get(id).light()).isEqualTo(Light.YELLOW);
        sweep.sweep(clock.instant());
        assertThat(get(id).level()).as("not yet due: the sweep leaves it").isEqualTo(CaseLevel.HOUSEHOLD);

        clock.advance(Duration.ofHours(5));
        assertThat(get(id).light()).as("at the limit").isEqualTo(Light.RED);
        sweep.sweep(clock.instant());
        Case group = get(id);
        assertThat(group.level()).isEqualTo(CaseLevel.GROUP);
        assertThat(group.status()).isEqualTo(CaseStatus.REPORTED);
        assertThat(group.overdue()).isTrue();
        assertThat(group.escalations()).isEqualTo(1);
        assertThat(group.levelStartedAt()).isEqualTo(now());
        assertThat(group.dueAt()).isEqualTo(now().plusHours(24));
        assertThat(group.light()).as("a fresh clock at the group").isEqualTo(Light.GREEN);
        CaseLogEntry escalated = CaseWorld.system(() -> desk.log(id)).get(1);
        assertThat(escalated.action()).isEqualTo("ESCALATE");
        assertThat(escalated.fromStatus()).isEqualTo(CaseStatus.REPORTED);
        assertThat(escalated.toStatus()).isEqualTo(CaseStatus.REPORTED);
        assertThat(escalated.level()).isEqualTo(CaseLevel.GROUP);
        assertThat(escalated.actorId()).isNull();
        assertThat(escalated.at()).isEqualTo(now());

        // a second sweep at the same instant changes nothing
        sweep.sweep(clock.instant());
        assertThat(get(id).escalations()).isEqualTo(1);

        w.as(w.cadre, () -> desk.accept(id, null));
        clock.advance(Duration.ofHours(24));
        sweep.sweep(clock.instant());
        assertThat(get(id).level()).isEqualTo(CaseLevel.VILLAGE);
        assertThat(get(id).dueAt()).isEqualTo(now().plusHours(72));
        clock.advance(Duration.ofHours(72));
        sweep.sweep(clock.instant());
        assertThat(get(id).level()).isEqualTo(CaseLevel.TOWNSHIP);
        assertThat(get(id).escalations()).isEqualTo(3);
        // the township cadre sees it in the township inbox now
        assertThat(w.as("township_admin", () -> desk.inbox(CaseLevel.TOWNSHIP, w.village, 0, 50)).items())
                .extracting(Case::id).contains(id);

        clock.advance(Duration.ofHours(168));
        sweep.sweep(clock.instant());
        Case top = get(id);
        assertThat(top.level()).as("the township is the top").isEqualTo(CaseLevel.TOWNSHIP);
        assertThat(top.escalations()).isEqualTo(3);
        assertThat(top.light()).isEqualTo(Light.RED);
        assertThat(CaseWorld.system(() -> desk.log(id))).extracting(CaseLogEntry::action)
                .containsExactly("REPORT", "ESCALATE", "ACCEPT", "ESCALATE", "ESCALATE", "OVERDUE");
        clock.advance(Duration.ofDays(30));
        sweep.sweep(clock.instant());
        assertThat(CaseWorld.system(() -> desk.log(id))).as("overdue is logged once").hasSize(6);

        // handled late: still red, as a record
        w.as(w.cadre, () -> desk.dispatch(id, new DispatchCase(w.cadre, null, null, null)));
        assertThat(w.as(w.cadre, () -> desk.handle(id, new HandleCase("终于修好", null))).light()).isEqualTo(Light.RED);
    }

    @Test
    void aCountyCanChangeALevelsLimit() {
        w.as("county_admin", () -> catalog.setLimit(CaseLevel.GROUP, 12));
        try {
            assertThat(catalog.limit(CaseWorld.COUNTY, CaseLevel.GROUP)).isEqualTo(Duration.ofHours(12));
            long id = householdCase();
            clock.advance(Duration.ofHours(24));
            sweep.sweep(clock.instant());
            assertThat(get(id).dueAt()).isEqualTo(now().plusHours(12));
        } finally {
            w.as("county_admin", () -> catalog.setLimit(CaseLevel.GROUP, 24));
        }
    }

    @Test
    void anUnratedFeedbackClosesAfterTheRatingWindow() {
        long id = w.as(w.villager, () -> desk.report(new ReportCase("ENV", null, null, "路边杂草太高", null, null, null, null,
                null, null, null, false, null, null, null, null))).id();
        w.as(w.cadre, () -> desk.accept(id, null));
        w.as(w.cadre, () -> desk.dispatch(id, new DispatchCase(w.gridWorker, null, null, null)));
        w.as(w.gridWorker, () -> desk.handle(id, new HandleCase("已除草", null)));
        w.as(w.gridWorker, () -> desk.feedback(id, "已除草"));
        clock.advance(Duration.ofDays(7).minusMinutes(1));
        sweep.sweep(clock.instant());
        assertThat(get(id).status()).isEqualTo(CaseStatus.FEEDBACK);
        clock.advance(Duration.ofMinutes(1));
        sweep.sweep(clock.instant());
        Case closed = get(id);
        assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(closed.rating()).isNull();
        assertThat(CaseWorld.system(() -> desk.log(id))).last().extracting(CaseLogEntry::action).isEqualTo("EXPIRE");
    }

    @Test
    void twoNodesSweepingAtOnceEscalateEachCaseExactlyOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(householdCase());
        }
        clock.advance(Duration.ofHours(25));
        java.time.Instant at = clock.instant();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return sweep.sweep(at);
                }));
            }
            go.countDown();
            int acted = 0;
            for (Future<Integer> f : runs) {
                acted += f.get(120, TimeUnit.SECONDS);
            }
            assertThat(acted).as("between them the two sweeps changed each due case once").isGreaterThanOrEqualTo(ids.size());
        } finally {
            pool.shutdownNow();
        }
        for (long id : ids) {
            Case k = get(id);
            assertThat(k.escalations()).as("case " + id).isEqualTo(1);
            assertThat(k.level()).isEqualTo(CaseLevel.GROUP);
            assertThat(CaseWorld.system(() -> desk.log(id))).extracting(CaseLogEntry::action).containsExactly("REPORT", "ESCALATE");
        }
        Long escalationsLogged = jdbc.queryForObject("select count(*) from case_log where county_code = ? and action = 'ESCALATE' and case_id in ("
                + String.join(",", ids.stream().map(String::valueOf).toList()) + ")", Long.class, CaseWorld.COUNTY);
        assertThat(escalationsLogged).isEqualTo(ids.size());
        Long escalationsAudited = jdbc.queryForObject("select count(*) from audit_entries where county_code = ? and action = 'case.escalate' and entity_id in ("
                + String.join(",", ids.stream().map(id -> "'" + id + "'").toList()) + ")", Long.class, CaseWorld.COUNTY);
        assertThat(escalationsAudited).as("one audit entry per escalated case").isEqualTo(ids.size());
    }

    /**
     * The set-based sweep claims each case by the version it read: a case a person changed after the read (here
     * accepted) is left alone by that batch, and the next sweep escalates it once.
     */
    @Test
    void aCaseChangedAfterTheSweepReadItIsLeftToTheNextSweep() {
        long id = householdCase();
        clock.advance(Duration.ofHours(25));
        int readVersion = get(id).version();
        w.as(w.cadre, () -> desk.accept(id, null));
        List<Long> rest = new ArrayList<>();
        List<Long> acted = CaseWorld.system(() -> tx.execute(s -> desk.sweepBatch(CaseWorld.COUNTY,
                java.util.Map.of(id, readVersion), now(), rest)));
        assertThat(acted).isEmpty();
        assertThat(rest).isEmpty();
        assertThat(get(id).level()).isEqualTo(CaseLevel.HOUSEHOLD);
        assertThat(CaseWorld.system(() -> desk.log(id))).extracting(CaseLogEntry::action).containsExactly("REPORT", "ACCEPT");

        sweep.sweep(clock.instant());
        assertThat(get(id).level()).isEqualTo(CaseLevel.GROUP);
        assertThat(get(id).status()).isEqualTo(CaseStatus.ACCEPTED);
        assertThat(CaseWorld.system(() -> desk.log(id))).extracting(CaseLogEntry::action).containsExactly("REPORT", "ACCEPT", "ESCALATE");
    }
}
