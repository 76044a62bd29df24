package org.shanzhi.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shanzhi.points.PointsWorld.as;
import static org.shanzhi.points.PointsWorld.cadre;
import static org.shanzhi.points.PointsWorld.item;
import static org.shanzhi.points.PointsWorld.plus;
import static org.shanzhi.points.PointsWorld.run;
import static org.shanzhi.points.PointsWorld.settings;
import static org.shanzhi.points.PointsWorld.system;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.demo.DemoAccounts;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.points.internal.LedgerWriter;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The rules around the way of an event: maker ≠ checker, idempotent declaration, one credit under concurrency. */
@IntegrationTest
class PointsRulesTest {

    @Autowired
    Territory territory;
    @Autowired
    Registry registry;
    @Autowired
    PointsSchemes schemes;
    @Autowired
    ScoreEvents events;
    @Autowired
    PointsResults results;
    @Autowired
    NoticeBoard notices;
    @Autowired
    LedgerWriter ledger;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    PointsWorld w;

    @BeforeEach
    void world() {
        w = new PointsWorld(territory, registry, schemes, events, results, notices, clock);
    }

    @AfterEach
    void resetClock() {
        w.reset();
    }

    @Test
    void whoeverRecordedOrVerifiedAnEventCannotReviewIt() {
        String village = "469030101210";
        Household h = w.household(village, null);
        Scheme s = w.adopt(village, settings(m -> m), plus("热心公益", "义务劳动", 2));
        Actor maker = cadre(village);
        Actor checker = cadre(village);
        Actor other = cadre(village);
        ScoreEvent mine = w.record(maker, h.id(), item(s, "义务劳动"));
        ScoreEvent verifiedByChecker = w.record(other, h.id(), item(s, "义务劳动"));
        run(maker, () -> events.verify(List.of(mine.id())));
        run(checker, () -> events.verify(List.of(verifiedByChecker.id())));
        w.setDay(LocalDate.of(2026, 3, 28));

        assertThatThrownBy(() -> as(maker, () -> events.review(village, "2026-03", List.of(mine.id()))))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("不能再审核");
        assertThatThrownBy(() -> as(checker, () -> events.review(village, "2026-03", List.of(verifiedByChecker.id()))))
                .isInstanceOf(ForbiddenException.class);
        // a period-wide review leaves one's own events for another reviewer
        ReviewResult byChecker = as(checker, () -> events.review(village, "2026-03", null));
        assertThat(byChecker.reviewed()).containsExactly(mine.id());
        assertThat(byChecker.skipped()).extracting(ReviewResult.Skipped::eventId).containsExactly(verifiedByChecker.id());
        assertThat(as(maker, () -> events.review(village, "2026-03", null)).reviewed()).containsExactly(verifiedByChecker.id());
        assertThat(w.event(mine.id()).reviewedByName()).isEqualTo(checker.displayName());
    }

    /** Adopted schemes are kept per node: a newly adopted version still applies to the very next declaration. */
    @Test
    void aNewlyAdoptedVersionAppliesToTheNextDeclarationAtOnce() {
        String village = "469030103001";
        Household h = w.household(village, null);
        Scheme v1 = w.adopt(village, settings(m -> m), plus("热心公益", "义务劳动", 2));
        Actor c = cadre(village);
        assertThat(w.record(c, h.id(), item(v1, "义务劳动")).points()).isEqualTo(2);
        Scheme v2 = system(() -> {
            Scheme d = schemes.newVersion(v1.id());
            schemes.removeItem(d.id(), item(d, "义务劳动").id());
            schemes.addItem(d.id(), plus("热心公益", "清扫村道", 3));
            return schemes.adopt(d.id(), new Decision(LocalDate.of(2026, 1, 1), "村民代表会议", 30, 1, LocalDate.of(2026, 1, 1)));
        });
        assertThatThrownBy(() -> w.record(c, h.id(), item(v1, "义务劳动"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("不在本村现行积分方案");
        assertThat(w.record(c, h.id(), item(v2, "清扫村道")).points()).isEqualTo(3);
        assertThat(system(() -> schemes.applicable(village, w.today())).orElseThrow().id()).isEqualTo(v2.id());
    }

    /** 群众评荐 (轵城 L7537-7548): a villager names a good deed of another household of the village, not of another village. */
    @Test
    void aVillagerNominatesAHouseholdOfTheirOwnVillageOnly() {
        String village = "469030101217";
        Household mine = w.household(village, null);
        Household neighbour = w.household(village, null);
        Scheme s = w.adopt(village, settings(m -> m), plus("孝老爱亲", "照顾邻居老人", 3));
        Actor villager = PointsWorld.villager(village, mine.id());
        long item = item(s, "照顾邻居老人").id();
        ScoreEvent e = as(villager, () -> events.declare(new Declaration(neighbour.id(), null, null, item, w.today(), "NOMINATED", null,
                "邻居每天给独居老人送饭", null, null), null).event());
        assertThat(e.source()).isEqualTo("NOMINATED");
        assertThat(e.householdId()).isEqualTo(neighbour.id());
        // without saying it is a nomination, another household is not theirs to declare for
        assertThatThrownBy(() -> as(villager, () -> events.declare(new Declaration(neighbour.id(), null, null, item, w.today(), null, null,
                "x", null, null), null))).isInstanceOf(org.shanzhi.common.NotFoundException.class);
        Actor stranger = PointsWorld.villager("469030101216", mine.id());
        assertThatThrownBy(() -> as(stranger, () -> events.declare(new Declaration(neighbour.id(), null, null, item, w.today(), "NOMINATED",
                null, "x", null, null), null))).isInstanceOf(org.shanzhi.common.NotFoundException.class);
    }

    @Test
    void aDeductionTiedToSubsidiesIsRefused() {
        String village = "469030101211";
        Scheme draft = system(() -> schemes.create(new NewScheme(village, "草案", false, null, null, null)));
        NewItem bad = new NewItem("遵纪守法", "违反村规扣减集体分红", "-", 10L, false, null, null, false, true);
        assertThatThrownBy(() -> system(() -> schemes.addItem(draft.id(), bad)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("集体经济收益");
        // a reward tied to the dividend is allowed (平湖's weighted dividend)
        NewItem good = new NewItem("热心公益", "积分加权分红", "+", 10L, false, null, null, false, true);
        assertThat(system(() -> schemes.addItem(draft.id(), good)).affectsSubsidy()).isTrue();
    }

    @Test
    void theSameDeclarationWithTheSameKeyMakesOneEventAndADifferentBodyIsRefused() throws Exception {
        String token = token("villager");
        String me = mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andReturn().getResponse().getContentAsString();
        Matcher hm = Pattern.compile("\"householdIds\":\\[\"?(\\d+)").matcher(me);
        assertThat(hm.find()).isTrue();
        long household = Long.parseLong(hm.group(1));
        Scheme scheme = system(() -> schemes.applicable("469030202200", LocalDate.of(2026, 3, 3))).orElseThrow();
        long itemId = scheme.items().stream().filter(i -> i.recorders().contains("SELF") && !i.evidenceRequired() && i.capPerPeriod() == null
                && i.signedPoints() > 0).findFirst().orElseThrow().id();
        String body = "{\"householdId\":\"" + household + "\",\"itemId\":\"" + itemId + "\",\"occurredOn\":\"2026-03-02\","
                + "\"description\":\"3月2日参加村道清扫\"}";
        String key = "decl-" + System.nanoTime();
        MvcResult first = declare(token, key, body);
        MvcResult again = declare(token, key, body);
        assertThat(first.getResponse().getStatus()).isEqualTo(201);
        assertThat(again.getResponse().getStatus()).isEqualTo(201);
        assertThat(again.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
        String id = idOf(first);
        assertThat(idOf(again)).isEqualTo(id);
        assertThat(jdbc.queryForObject("select count(*) from score_events where idempotency_key = ?", Long.class, key)).isEqualTo(1);

        MvcResult different = declare(token, key, body.replace("村道清扫", "河道清理"));
        assertThat(different.getResponse().getStatus()).isEqualTo(422);
        assertThat(different.getResponse().getContentAsString()).contains("Idempotency-Key");
        assertThat(jdbc.queryForObject("select count(*) from score_events where idempotency_key = ?", Long.class, key)).isEqualTo(1);
    }

    @Test
    void creditingTheSameEventFromTwoThreadsAtOnceCreditsItOnce() throws Exception {
        String village = "469030101212";
        Household h = w.household(village, null);
        Scheme s = w.adopt(village, settings(m -> m), plus("热心公益", "义务劳动", 2));
        Actor a = cadre(village);
        Actor b = cadre(village);
        long e1 = w.record(a, h.id(), item(s, "义务劳动")).id();
        long e2 = w.record(a, h.id(), item(s, "义务劳动")).id();
        long noticeId = w.toNotice(village, "2026-03", a, b, List.of(e1, e2), LocalDate.of(2026, 3, 28));

        // two nodes credit the same event at the same moment, on the real database
        List<Object> credited = race(() -> ledger.credit(PointsWorld.COUNTY, e1, w.now(), "node"));
        assertThat(credited).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(ledgerRows(e1)).isEqualTo(1);

        // two nodes run the closing job at the same moment: the notice closes once, the other event is credited once
        var after = system(() -> notices.notice(noticeId)).windowEnd().plusMinutes(1);
        race(() -> notices.closeDue(after));
        assertThat(ledgerRows(e1)).isEqualTo(1);
        assertThat(ledgerRows(e2)).isEqualTo(1);
        assertThat(w.event(e2).status()).isEqualTo(ScoreEvent.CREDITED);
        assertThat(jdbc.queryForObject("select honour from points_balances where subject_id = ? and year_no = 2026", Long.class, h.id()))
                .isEqualTo(4);
    }

    /** Runs the work on two threads released together; returns each result, or the exception a thread met. */
    private static List<Object> race(Callable<?> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return work.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    private long ledgerRows(long eventId) {
        return jdbc.queryForObject("select count(*) from points_ledger where event_id = ? and kind = 'CREDIT'", Long.class, eventId);
    }

    private MvcResult declare(String token, String key, String body) throws Exception {
        return mvc.perform(post("/api/v1/points/events").header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
    }

    private static String idOf(MvcResult r) throws Exception {
        Matcher m = Pattern.compile("\"id\":\"?(\\d+)").matcher(r.getResponse().getContentAsString());
        assertThat(m.find()).as(r.getResponse().getContentAsString()).isTrue();
        return m.group(1);
    }

    private String token(String username) throws Exception {
        MvcResult res = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + DemoAccounts.PASSWORD + "\"}")).andReturn();
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(res.getResponse().getContentAsString());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
