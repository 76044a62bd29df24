package org.shanzhi.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shanzhi.points.PointsWorld.as;
import static org.shanzhi.points.PointsWorld.cadre;
import static org.shanzhi.points.PointsWorld.system;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.disclosure.Notice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.points.PointsResults;
import org.shanzhi.points.PointsSchemes;
import org.shanzhi.points.PointsWorld;
import org.shanzhi.points.ScoreEvents;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.IdNumber;
import org.shanzhi.registry.NewPerson;
import org.shanzhi.registry.Person;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Issue 13, continued: the hour list, the donation race, check-in photos, 固原 household cards and the 荣成 credit fund. */
@IntegrationTest
class ActivityPassbookCardFundTest {

    static final String VILLAGE = "469030102200";
    static final String CARD_VILLAGE = "469030102207";
    static final String FUND_VILLAGE = "469030102208";
    static final Instant START = PointsWorld.START;

    @Autowired
    Activities activities;
    @Autowired
    ActivityHourLists hourLists;
    @Autowired
    LovePassbook love;
    @Autowired
    HouseholdCards cards;
    @Autowired
    CreditFunds funds;
    @Autowired
    Registry registry;
    @Autowired
    Territory territory;
    @Autowired
    PointsSchemes schemes;
    @Autowired
    ScoreEvents events;
    @Autowired
    PointsResults results;
    @Autowired
    NoticeBoard notices;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void restoreClock() {
        clock.set(START);
    }

    private PointsWorld world() {
        return new PointsWorld(territory, registry, schemes, events, results, notices, clock);
    }

    private Person person(Household h, String name) {
        // a random ID number can meet one the suite registered before: draw again (the registry refuses duplicates)
        for (int attempt = 0; ; attempt++) {
            LocalDate born = LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(15000));
            try {
                return system(() -> registry.addPerson(h.id(), new NewPerson(name, "男", born,
                        IdNumber.of("469030", born, 1 + 2 * ThreadLocalRandom.current().nextInt(400)), null, "户主", List.of())));
            } catch (ConflictException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(TimeConfig.ZONE));
    }

    private static Actor villager(Household h) {
        return PointsWorld.villager(h.villageCode(), h.id());
    }

    /** A real villager account of the village (groups are checked against identity). */
    private void villageAccount(long id, String village, String name) {
        jdbc.update("insert into accounts (id, county_code, username, display_name, password_hash, role, scope_code, created_at) values (?, '469030', ?, ?, 'x', 'VILLAGER', ?, ?)",
                id, "card" + id, name, village, java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 1, 1, 8, 0)));
    }

    private static Actor account(long id, String village, String name) {
        return new Actor(id, "u" + id, name, "VILLAGE_CADRE", "469030", village, null, Set.of(), false);
    }

    // ---- activities: the hour list and photos ------------------------------------------------------

    @Test
    void jinshi_hourListOnNotice_correctedByTheOrganiser_thenFinalIntoThePassbook() {
        PointsWorld w = world();
        Actor organiser = cadre(VILLAGE);
        Activity act = as(organiser, () -> activities.post(new NewActivity(VILLAGE, "VOLUNTEER_TEAM", "巾帼志愿服务队", "CLEAN_UP", "清洁日",
                "村委会门口", LocalDateTime.of(2026, 3, 3, 8, 0), LocalDateTime.of(2026, 3, 3, 12, 0), 5, 4)));
        Household h1 = w.household(VILLAGE, null);
        Household h2 = w.household(VILLAGE, null);
        Person p1 = person(h1, "李秀英");
        Person p2 = person(h2, "王桂兰");
        as(villager(h1), () -> activities.signUp(act.id(), p1.id()));
        as(villager(h2), () -> activities.signUp(act.id(), p2.id()));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        assertThat(as(villager(h1), () -> activities.checkIn(act.checkinToken(), p1.id(), png, "image/png")).photo()).isTrue();
        assertThatThrownBy(() -> as(villager(h2), () -> activities.checkIn(act.checkinToken(), p2.id(), png, "application/pdf")))
                .isInstanceOf(InvalidInputException.class);
        as(villager(h2), () -> activities.checkIn(act.checkinToken(), p2.id(), (String) null));
        assertThat(as(organiser, () -> activities.photo(act.id(), p1.id())).data()).isEqualTo(png);

        as(organiser, () -> activities.confirm(act.id(), null));
        ActivityHourLists.HourList list = as(organiser, () -> hourLists.hourList(activities.activity(act.id())));
        assertThat(list.status()).isEqualTo("PUBLISHED");
        Notice notice = system(() -> notices.notice(list.noticeId()));
        assertThat(notice.items()).hasSize(2).allSatisfy(i -> assertThat(i.subject()).contains("*"));

        // p2 left early: the organiser corrects 4 → 2 hours while the list is on notice
        as(organiser, () -> hourLists.correct(activities.activity(act.id()), p2.id(), 2, "提前离开"));
        assertThat(as(organiser, () -> love.passbook(p1.id(), 2026)).balance()).isZero();
        clock.advance(Duration.ofDays(ActivityHourLists.WINDOW_DAYS));
        notices.closeDue(now());
        assertThat(as(organiser, () -> love.passbook(p1.id(), 2026)).balance()).isEqualTo(4);
        assertThat(as(organiser, () -> love.passbook(p2.id(), 2026)).balance()).isEqualTo(2);
        // final: no more corrections, and closing again credits nothing twice
        assertThatThrownBy(() -> as(organiser, () -> hourLists.correct(activities.activity(act.id()), p2.id(), 4, "再改")))
                .isInstanceOf(ConflictException.class);
        notices.closeDue(now());
        assertThat(as(organiser, () -> love.passbook(p2.id(), 2026)).balance()).isEqualTo(2);
    }

    // ---- 津市: the donation race --------------------------------------------------------------------

    @Test
    void jinshi_simultaneousDonationsNeverTakeThePassbookBelowZero() throws Exception {
        PointsWorld w = world();
        Household h = w.household(VILLAGE, null);
        Person giver = person(h, "张志愿");
        Person needy = person(w.household(VILLAGE, null), "困难户");
        Actor c = cadre(VILLAGE);
        for (int i = 0; i < 5; i++) {
            as(c, () -> love.record(giver.id(), 20, "敬老院服务"));
        }
        // 100 points; 16 threads each donate 10 at the same instant: exactly 10 succeed
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            done.add(pool.submit(() -> {
                go.await();
                try {
                    as(villager(h), () -> love.donate(giver.id(), needy.id(), 10, "帮扶"));
                    return true;
                } catch (ConflictException refused) {
                    return false;
                }
            }));
        }
        go.countDown();
        int ok = 0;
        for (Future<Boolean> f : done) {
            ok += f.get(120, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(ok).isEqualTo(10);
        assertThat(as(c, () -> love.passbook(giver.id(), 2026)).balance()).isZero();
        assertThat(as(c, () -> love.passbook(needy.id(), 2026)).balance()).isEqualTo(100);
        assertThat(jdbc.queryForObject("select count(*) from love_passbook where person_id = ? and kind = 'DONATED'", Long.class, giver.id()))
                .isEqualTo(10);
        assertThat(jdbc.queryForObject("select sum(points) from love_passbook where person_id in (?, ?)", Long.class, giver.id(), needy.id()))
                .isEqualTo(100);
    }

    @Test
    void jinshi_redemptionAtTenYuanAPoint_notBeyondTheBalance() {
        PointsWorld w = world();
        Person p = person(w.household(VILLAGE, null), "赵兑换");
        Actor c = cadre(VILLAGE);
        as(c, () -> love.record(p.id(), 12, "义务巡逻"));
        LovePassbook.Passbook b = as(c, () -> love.redeem(p.id(), 5, "大米一袋"));
        assertThat(b.balance()).isEqualTo(7);
        assertThat(b.entries()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("REDEEMED");
            assertThat(e.points()).isEqualTo(-5);
            assertThat(e.reason()).contains("50 元");
        });
        assertThatThrownBy(() -> as(c, () -> love.redeem(p.id(), 8, "食用油"))).isInstanceOf(ConflictException.class);
    }

    // ---- 固原 -----------------------------------------------------------------------------------------

    @Test
    void 固原_groupMajorityApproves_supervisionFlagsForReReview_kindsAndCaps() {
        PointsWorld w = world();
        Actor cadre = cadre(CARD_VILLAGE);
        long base = Ids.next();
        for (int i : new int[] {1, 2, 3, 4, 5, 11, 12, 13}) {
            villageAccount(base + i, CARD_VILLAGE, (i < 10 ? "评议" : "监督") + "甲乙丙丁戊".charAt(i % 10 - 1));
        }
        List<HouseholdCards.Member> scorers = List.of(new HouseholdCards.Member(base + 1, "评议甲"), new HouseholdCards.Member(base + 2, "评议乙"),
                new HouseholdCards.Member(base + 3, "评议丙"), new HouseholdCards.Member(base + 4, "评议丁"), new HouseholdCards.Member(base + 5, "评议戊"));
        List<HouseholdCards.Member> supervisors = List.of(new HouseholdCards.Member(base + 11, "监督甲"), new HouseholdCards.Member(base + 12, "监督乙"),
                new HouseholdCards.Member(base + 13, "监督丙"));
        // a group has 3 to 5 members
        assertThatThrownBy(() -> as(cadre, () -> cards.elect(new HouseholdCards.NewGroup(CARD_VILLAGE, "SCORING", LocalDate.of(2026, 3, 1),
                "村民代表大会决议", scorers.subList(0, 2))))).isInstanceOf(InvalidInputException.class).hasMessageContaining("3 到 5");
        // each member is an account of this village: an unknown account or another village's cadre is named by its field
        long stranger = jdbc.queryForObject("select id from accounts where username = 'village_cadre'", Long.class);
        for (long bad : new long[] {base + 99, stranger}) {
            assertThatThrownBy(() -> as(cadre, () -> cards.elect(new HouseholdCards.NewGroup(CARD_VILLAGE, "SUPERVISION", LocalDate.of(2026, 3, 1),
                    "村民代表大会决议", List.of(supervisors.get(0), supervisors.get(1), new HouseholdCards.Member(bad, "外人"))))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(InvalidInputException.FieldError::field)
                            .containsExactly("members[2].accountId"));
        }
        as(cadre, () -> cards.elect(new HouseholdCards.NewGroup(CARD_VILLAGE, "SCORING", LocalDate.of(2026, 3, 1), "2026年第1次村民代表大会决议", scorers)));
        as(cadre, () -> cards.elect(new HouseholdCards.NewGroup(CARD_VILLAGE, "SUPERVISION", LocalDate.of(2026, 3, 1), "2026年第1次村民代表大会决议",
                supervisors)));
        Actor s1 = account(base + 1, CARD_VILLAGE, "评议甲");
        Actor s2 = account(base + 2, CARD_VILLAGE, "评议乙");
        Actor s3 = account(base + 3, CARD_VILLAGE, "评议丙");
        Actor s4 = account(base + 4, CARD_VILLAGE, "评议丁");
        Actor sup = account(base + 11, CARD_VILLAGE, "监督甲");
        Household h = w.household(CARD_VILLAGE, null);

        // someone outside the scoring group cannot score
        assertThatThrownBy(() -> as(cadre, () -> cards.propose(new HouseholdCards.NewEntry(h.id(), "BASIC", "环境卫生", "卫生评比清洁户", 2L))))
                .isInstanceOf(ForbiddenException.class);
        // 5 members: the proposer and one more (2 of 5) is not a majority; the third approval is
        HouseholdCards.Entry e = as(s1, () -> cards.propose(new HouseholdCards.NewEntry(h.id(), "BASIC", "环境卫生", "卫生评比清洁户", 2L)));
        assertThat(e.status()).isEqualTo("PROPOSED");
        assertThat(as(s2, () -> cards.vote(e.id(), true)).status()).isEqualTo("PROPOSED");
        assertThatThrownBy(() -> as(s2, () -> cards.vote(e.id(), true))).isInstanceOf(ConflictException.class);
        assertThat(as(cadre, () -> cards.card(h.id())).total()).isZero();
        assertThat(as(s3, () -> cards.vote(e.id(), true)).status()).isEqualTo("APPROVED");
        assertThat(as(cadre, () -> cards.card(h.id())).basic()).isEqualTo(2);

        // 3 of 5 reject: rejected, nothing on the card
        HouseholdCards.Entry rejected = as(s1, () -> cards.propose(new HouseholdCards.NewEntry(h.id(), "BASIC", "公益事业", "参加志愿者活动", 3L)));
        as(s2, () -> cards.vote(rejected.id(), false));
        as(s3, () -> cards.vote(rejected.id(), false));
        assertThat(as(s4, () -> cards.vote(rejected.id(), false)).status()).isEqualTo("REJECTED");

        // kinds and their caps
        assertThatThrownBy(() -> as(s1, () -> cards.propose(new HouseholdCards.NewEntry(h.id(), "BASIC", "环境卫生", "清洁", 1L))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> as(s1, () -> cards.propose(new HouseholdCards.NewEntry(h.id(), "BASIC", "环境卫生", "清洁", 101L))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> as(s1, () -> cards.propose(new HouseholdCards.NewEntry(h.id(), "BASIC", "种植养殖", "清洁", 10L))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("8");
        assertThatThrownBy(() -> as(s1, () -> cards.propose(new HouseholdCards.NewEntry(h.id(), "CONTRIBUTION", "先进事迹", "好儿媳", 49L))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> as(s1, () -> cards.propose(new HouseholdCards.NewEntry(h.id(), "CONTRIBUTION", "先进事迹", "好儿媳", 2001L))))
                .isInstanceOf(InvalidInputException.class);
        HouseholdCards.Entry big = as(s1, () -> cards.propose(new HouseholdCards.NewEntry(h.id(), "CONTRIBUTION", "表彰奖励", "县级道德模范", 2000L)));
        as(s2, () -> cards.vote(big.id(), true));
        as(s3, () -> cards.vote(big.id(), true));
        HouseholdCards.Entry dem = as(s1, () -> cards.propose(new HouseholdCards.NewEntry(h.id(), "DEMOCRATIC", null, "群众认可度高", 25L)));
        as(s2, () -> cards.vote(dem.id(), true));
        as(s3, () -> cards.vote(dem.id(), true));
        // 25 of the 30 democratic points used this year: 6 more is refused, 5 is fine
        assertThatThrownBy(() -> as(s1, () -> cards.propose(new HouseholdCards.NewEntry(h.id(), "DEMOCRATIC", null, "村务参与", 6L))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("30");
        assertThat(as(cadre, () -> cards.card(h.id()))).satisfies(c -> {
            assertThat(c.basic()).isEqualTo(2);
            assertThat(c.democratic()).isEqualTo(25);
            assertThat(c.contribution()).isEqualTo(2000);
            assertThat(c.total()).isEqualTo(2027);
        });

        // the supervision group flags the contribution: off the card until the scoring group's majority approves again
        assertThatThrownBy(() -> as(s1, () -> cards.flag(big.id(), "材料不全"))).isInstanceOf(ForbiddenException.class);
        HouseholdCards.Entry flagged = as(sup, () -> cards.flag(big.id(), "表彰文件未附"));
        assertThat(flagged.status()).isEqualTo("REVIEW");
        assertThat(flagged.approvals()).isZero();
        assertThat(as(cadre, () -> cards.card(h.id())).contribution()).isZero();
        as(s1, () -> cards.vote(big.id(), true));
        as(s2, () -> cards.vote(big.id(), true));
        assertThat(as(cadre, () -> cards.card(h.id())).contribution()).isZero();
        assertThat(as(s4, () -> cards.vote(big.id(), true)).status()).isEqualTo("APPROVED");

        // never cleared: years later the card still holds every approved point
        clock.set(LocalDateTime.of(2029, 6, 1, 9, 0).atZone(TimeConfig.ZONE).toInstant());
        assertThat(as(cadre, () -> cards.card(h.id())).total()).isEqualTo(2027);
        // a new year has its own 30 democratic points
        HouseholdCards.Entry next = as(s1, () -> cards.propose(new HouseholdCards.NewEntry(h.id(), "DEMOCRATIC", null, "村务参与", 30L)));
        assertThat(next.year()).isEqualTo(2029);
    }

    // ---- 荣成 -----------------------------------------------------------------------------------------

    @Test
    void 荣成_quarterlyPayoutByCreditPoints_exactToTheFen_onNotice() {
        PointsWorld w = world();
        Actor cadre = cadre(FUND_VILLAGE);
        Person a = person(w.household(FUND_VILLAGE, null), "刘一");
        Person b = person(w.household(FUND_VILLAGE, null), "陈二");
        Person c = person(w.household(FUND_VILLAGE, null), "孙三");
        Person d = person(w.household(FUND_VILLAGE, null), "周四");
        String q = "2025-Q4";
        clock.set(LocalDateTime.of(2026, 1, 5, 9, 0).atZone(TimeConfig.ZONE).toInstant());
        // monthly postings: a 10+10+10, b 10+10, c 10+0, d -5 (a deduction: nothing paid)
        as(cadre, () -> funds.post(new CreditFunds.NewPosting(FUND_VILLAGE, "2025-10", List.of(new CreditFunds.Line(a.id(), 10L, null),
                new CreditFunds.Line(b.id(), 10L, null), new CreditFunds.Line(c.id(), 10L, null), new CreditFunds.Line(d.id(), -5L, "违反村规")))));
        as(cadre, () -> funds.post(new CreditFunds.NewPosting(FUND_VILLAGE, "2025-11", List.of(new CreditFunds.Line(a.id(), 10L, null),
                new CreditFunds.Line(b.id(), 10L, null)))));
        as(cadre, () -> funds.post(new CreditFunds.NewPosting(FUND_VILLAGE, "2025-12", List.of(new CreditFunds.Line(a.id(), 10L, null)))));
        // a person once a month; the 2026-01 posting is outside the quarter
        assertThatThrownBy(() -> as(cadre, () -> funds.post(new CreditFunds.NewPosting(FUND_VILLAGE, "2025-12",
                List.of(new CreditFunds.Line(a.id(), 1L, null)))))).isInstanceOf(ConflictException.class);
        as(cadre, () -> funds.post(new CreditFunds.NewPosting(FUND_VILLAGE, "2026-01", List.of(new CreditFunds.Line(c.id(), 100L, null)))));
        assertThat(as(cadre, () -> funds.overdue(FUND_VILLAGE))).contains(q);
        // the quarter not over yet: refused
        assertThatThrownBy(() -> as(cadre, () -> funds.pay(FUND_VILLAGE, "2026-Q1", new BigDecimal("100.00")))).isInstanceOf(ConflictException.class);

        // 1,000.00 yuan over 30 + 20 + 10 = 60 points: 500.00, 333.33 and 166.66 + the fen left over (the largest remainder)
        CreditFunds.Payout p = as(cadre, () -> funds.pay(FUND_VILLAGE, q, new BigDecimal("1000.00")));
        assertThat(p.weightedPoints()).isEqualTo(60);
        assertThat(p.sharesTotal()).isEqualByComparingTo("1000.00");
        assertThat(p.shares()).extracting(CreditFunds.Share::personId, CreditFunds.Share::yuan).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(a.id(), new BigDecimal("500.00")),
                org.assertj.core.groups.Tuple.tuple(b.id(), new BigDecimal("333.33")),
                org.assertj.core.groups.Tuple.tuple(c.id(), new BigDecimal("166.67")));
        Notice n = system(() -> notices.notice(p.noticeId()));
        assertThat(n.items()).hasSize(3).anySatisfy(i -> assertThat(i.content()).contains("333.33 元"));
        assertThat(as(cadre, () -> funds.overdue(FUND_VILLAGE))).doesNotContain(q);
        assertThatThrownBy(() -> as(cadre, () -> funds.pay(FUND_VILLAGE, q, new BigDecimal("1.00")))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> as(cadre, () -> funds.pay(FUND_VILLAGE, "2026-Q1", new BigDecimal("1.001")))).isInstanceOf(InvalidInputException.class);
    }
}
