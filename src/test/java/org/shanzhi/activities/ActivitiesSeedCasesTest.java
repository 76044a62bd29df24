package org.shanzhi.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shanzhi.points.PointsWorld.as;
import static org.shanzhi.points.PointsWorld.cadre;
import static org.shanzhi.points.PointsWorld.plus;
import static org.shanzhi.points.PointsWorld.settings;
import static org.shanzhi.points.PointsWorld.system;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.cases.CaseDesk;
import org.shanzhi.cases.CaseKind;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
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

/** The seed cases of issue 13: 津市 passbooks, 文登 tenders, 昌江 services, activity sign-up and QR check-in. */
@IntegrationTest
class ActivitiesSeedCasesTest {

    static final String VILLAGE = "469030102200";
    static final String SCHEME_VILLAGE = "469030102205";
    static final Instant START = PointsWorld.START;

    @Autowired
    Activities activities;
    @Autowired
    LovePassbook love;
    @Autowired
    RedPassbook red;
    @Autowired
    CollectiveContracts contracts;
    @Autowired
    ServiceCatalogue catalogue;
    @Autowired
    CaseDesk cases;
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

    private Person person(Household h) {
        // a random ID number can meet one the suite registered before: draw again (the registry refuses duplicates)
        for (int attempt = 0; ; attempt++) {
            LocalDate born = LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(15000));
            try {
                return system(() -> registry.addPerson(h.id(), new NewPerson("志愿者" + Ids.next() % 1000, "男", born,
                        IdNumber.of("469030", born, 1 + 2 * ThreadLocalRandom.current().nextInt(400)), null, "户主", List.of())));
            } catch (ConflictException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    private Actor villager(Household h) {
        return PointsWorld.villager(h.villageCode(), h.id());
    }

    private Activity post(String village, int places, int hours, LocalDateTime start) {
        return as(cadre(village), () -> activities.post(new NewActivity(village, "VOLUNTEER_TEAM", "巾帼志愿服务队", "VOLUNTEER", "清理河道",
                "村委会门口", start, start.plusHours(3), places, hours)));
    }

    // ---- activities -----------------------------------------------------------------------------

    @Test
    void signUpFull_waitingListMovesUpOnWithdrawal() {
        PointsWorld w = world();
        Activity act = post(VILLAGE, 2, 2, LocalDateTime.of(2026, 3, 10, 9, 0));
        Household[] hs = new Household[4];
        Person[] ps = new Person[4];
        for (int i = 0; i < 4; i++) {
            hs[i] = w.household(VILLAGE, null);
            ps[i] = person(hs[i]);
        }
        Signup[] s = new Signup[4];
        for (int i = 0; i < 4; i++) {
            int k = i;
            s[i] = as(villager(hs[i]), () -> activities.signUp(act.id(), ps[k].id()));
        }
        assertThat(s[0].status()).isEqualTo(Signup.SIGNED);
        assertThat(s[1].status()).isEqualTo(Signup.SIGNED);
        assertThat(s[2].status()).isEqualTo(Signup.WAITING);
        assertThat(s[3].status()).isEqualTo(Signup.WAITING);
        assertThat(as(cadre(VILLAGE), () -> activities.activity(act.id())).taken()).isEqualTo(2);

        // the second withdraws: the first on the waiting list moves up, the places stay full
        as(villager(hs[1]), () -> activities.withdraw(act.id(), ps[1].id()));
        Map<Long, String> status = as(cadre(VILLAGE), () -> activities.signups(act.id())).stream()
                .collect(java.util.stream.Collectors.toMap(Signup::personId, Signup::status));
        assertThat(status).containsEntry(ps[2].id(), Signup.SIGNED).containsEntry(ps[3].id(), Signup.WAITING).doesNotContainKey(ps[1].id());
        assertThat(as(cadre(VILLAGE), () -> activities.activity(act.id())).taken()).isEqualTo(2);

        // a waiting one withdraws: nothing moves; a signed one withdraws with nobody waiting: the place is freed
        as(villager(hs[3]), () -> activities.withdraw(act.id(), ps[3].id()));
        as(villager(hs[0]), () -> activities.withdraw(act.id(), ps[0].id()));
        assertThat(as(cadre(VILLAGE), () -> activities.activity(act.id())).taken()).isEqualTo(1);
    }

    @Test
    void qrCheckInOnceAndOnlyInItsWindow_confirmedHoursGoToPassbookAndPoints() {
        PointsWorld w = world();
        w.adopt(SCHEME_VILLAGE, settings(m -> m), plus("热心公益", "参加志愿服务", 3));
        Activity act = post(SCHEME_VILLAGE, 5, 3, LocalDateTime.of(2026, 3, 3, 14, 0));
        assertThat(act.checkinToken()).hasSize(32);
        Household h = w.household(SCHEME_VILLAGE, null);
        Person p = person(h);
        Actor me = villager(h);
        as(me, () -> activities.signUp(act.id(), p.id()));
        // the villager does not see the token (it is on the QR code at the venue)
        assertThat(as(me, () -> activities.activity(act.id())).checkinToken()).isNull();

        // 09:00: before the window
        assertThatThrownBy(() -> as(me, () -> activities.checkIn(act.checkinToken(), p.id(), null))).isInstanceOf(ConflictException.class);
        clock.advance(Duration.ofHours(6)); // 15:00
        assertThat(as(me, () -> activities.checkIn(act.checkinToken(), p.id(), null)).personId()).isEqualTo(p.id());
        assertThatThrownBy(() -> as(me, () -> activities.checkIn(act.checkinToken(), p.id(), null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("已签到");
        // after the window
        Household late = w.household(SCHEME_VILLAGE, null);
        Person lp = person(late);
        as(villager(late), () -> activities.signUp(act.id(), lp.id()));
        clock.advance(Duration.ofHours(3)); // 18:00
        assertThatThrownBy(() -> as(villager(late), () -> activities.checkIn(act.checkinToken(), lp.id(), null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("活动时间");

        // the organiser confirms: 3 hours in the passbook, one score event under the volunteer item, once
        assertThat(as(cadre(SCHEME_VILLAGE), () -> activities.confirm(act.id(), null))).hasSize(1);
        assertThatThrownBy(() -> as(cadre(SCHEME_VILLAGE), () -> activities.confirm(act.id(), null))).isInstanceOf(ConflictException.class);
        // the hour list is on notice first: nothing in the passbook until it is final
        assertThat(as(cadre(SCHEME_VILLAGE), () -> love.passbook(p.id(), 2026)).balance()).isZero();
        clock.advance(Duration.ofDays(ActivityHourLists.WINDOW_DAYS));
        notices.closeDue(LocalDateTime.now(clock.withZone(org.shanzhi.common.TimeConfig.ZONE)));
        assertThat(as(cadre(SCHEME_VILLAGE), () -> love.passbook(p.id(), 2026)).balance()).isEqualTo(3);
        assertThat(jdbc.queryForList("select item_name, points, status from score_events where household_id = ?", h.id()))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("ITEM_NAME")).isEqualTo("参加志愿服务");
                    assertThat(((Number) r.get("POINTS")).longValue()).isEqualTo(3);
                    assertThat(r.get("STATUS")).isEqualTo("VERIFIED");
                });
    }

    // ---- 津市 ----------------------------------------------------------------------------------

    @Test
    void jinshi_starsAtTheThresholds() {
        assertThat(LovePassbook.stars(99)).isZero();
        assertThat(LovePassbook.stars(100)).isEqualTo(1);
        assertThat(LovePassbook.stars(299)).isEqualTo(1);
        assertThat(LovePassbook.stars(300)).isEqualTo(2);
        assertThat(LovePassbook.stars(600)).isEqualTo(3);
        assertThat(LovePassbook.stars(1000)).isEqualTo(4);
        assertThat(LovePassbook.stars(1499)).isEqualTo(4);
        assertThat(LovePassbook.stars(1500)).isEqualTo(5);
    }

    @Test
    void jinshi_lovePassbook_balanceCarriedOver_donationIsTwoEntries() {
        PointsWorld w = world();
        Household h = w.household(VILLAGE, null);
        Person p = person(h);
        Household needy = w.household(VILLAGE, null);
        Person n = person(needy);
        Actor c = cadre(VILLAGE);
        clock.set(LocalDateTime.of(2025, 6, 1, 9, 0).atZone(org.shanzhi.common.TimeConfig.ZONE).toInstant());
        for (int i = 0; i < 5; i++) {
            as(c, () -> love.record(p.id(), 20, "敬老院服务"));
        }
        as(c, () -> love.record(p.id(), 19, "敬老院服务"));
        assertThat(as(c, () -> love.passbook(p.id(), 2025))).satisfies(b -> {
            assertThat(b.earnedInYear()).isEqualTo(119);
            assertThat(b.stars()).isEqualTo(1);
        });
        clock.set(START);
        as(c, () -> love.record(p.id(), 10, "河道清理"));
        LovePassbook.Passbook y2026 = as(c, () -> love.passbook(p.id(), 2026));
        assertThat(y2026.earnedInYear()).isEqualTo(10);
        assertThat(y2026.stars()).isZero();
        assertThat(y2026.balance()).isEqualTo(129);

        as(villager(h), () -> love.donate(p.id(), n.id(), 29, "帮扶困难户"));
        assertThat(as(c, () -> love.passbook(p.id(), 2026)).balance()).isEqualTo(100);
        assertThat(as(c, () -> love.passbook(n.id(), 2026)).balance()).isEqualTo(29);
        assertThatThrownBy(() -> as(villager(h), () -> love.donate(p.id(), n.id(), 101, null))).isInstanceOf(ConflictException.class);
        assertThat(jdbc.queryForObject("select count(*) from love_passbook where ref like 'donate-%' and person_id in (?, ?)", Long.class, p.id(), n.id()))
                .isEqualTo(2);
    }

    @Test
    void jinshi_redPassbook_capOfThree_andTheSixtyPointLine() {
        PointsWorld w = world();
        Person member = person(w.household(VILLAGE, null));
        Person other = person(w.household(VILLAGE, null));
        Actor c = cadre(VILLAGE);
        assertThatThrownBy(() -> as(c, () -> red.reward(member.id(), 4, "带头义务劳动"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("3");
        clock.set(LocalDateTime.of(2025, 5, 1, 9, 0).atZone(org.shanzhi.common.TimeConfig.ZONE).toInstant());
        for (int i = 0; i < 20; i++) {
            as(c, () -> red.reward(member.id(), 3, "带头义务劳动"));
            as(c, () -> red.reward(other.id(), 3, "带头义务劳动"));
        }
        as(c, () -> red.reward(other.id(), 1, "整改"));
        assertThat(as(c, () -> red.standing(member.id(), 2025)).result()).isEqualTo("IN_PROGRESS");
        clock.set(START); // 2026: the year 2025 is over, no carry-over
        assertThat(as(c, () -> red.standing(member.id(), 2025))).satisfies(s -> {
            assertThat(s.points()).isEqualTo(60);
            assertThat(s.result()).isEqualTo("QUALIFIED");
        });
        assertThat(as(c, () -> red.standing(other.id(), 2025)).points()).isEqualTo(61);
        assertThat(as(c, () -> red.standing(member.id(), 2026)).points()).isZero();
        // 59 points at the year's end: unqualified
        Person weak = person(w.household(VILLAGE, null));
        clock.set(LocalDateTime.of(2025, 5, 1, 9, 0).atZone(org.shanzhi.common.TimeConfig.ZONE).toInstant());
        for (int i = 0; i < 19; i++) {
            as(c, () -> red.reward(weak.id(), 3, "学习"));
        }
        as(c, () -> red.reward(weak.id(), 2, "学习"));
        clock.set(START);
        assertThat(as(c, () -> red.standing(weak.id(), 2025))).satisfies(s -> {
            assertThat(s.points()).isEqualTo(59);
            assertThat(s.result()).isEqualTo("UNQUALIFIED");
        });
    }

    // ---- 文登 ----------------------------------------------------------------------------------

    private CollectiveContracts.Contract contract(String kind, String amount, String tender) {
        return as(cadre(VILLAGE), () -> contracts.register(new CollectiveContracts.NewContract(VILLAGE, kind, "村道硬化", "某建筑公司",
                new BigDecimal(amount), tender, null)));
    }

    @Test
    void wendeng_tenderRequiredAboveAndNotBelowTheThresholds() {
        assertThatThrownBy(() -> contract("PROJECT", "10000.00", null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("文登").hasMessageContaining("10000");
        assertThat(contract("PROJECT", "9999.99", null).status()).isEqualTo("DRAFT");
        assertThat(contract("PROJECT", "10000.00", "ZB-2026-01").tenderRef()).isEqualTo("ZB-2026-01");
        assertThatThrownBy(() -> contract("LEASE", "3000", null)).isInstanceOf(InvalidInputException.class).hasMessageContaining("3000");
        assertThatThrownBy(() -> contract("TRANSFER", "5000", null)).isInstanceOf(InvalidInputException.class);
        assertThat(contract("LEASE", "2999.99", null).status()).isEqualTo("DRAFT");
    }

    @Test
    void wendeng_paymentBeforeTheTrialMonthRefused_andProcedureBeforeSigning() {
        CollectiveContracts.Contract c = contract("PROJECT", "20000", "ZB-2026-02");
        Actor cadre = cadre(VILLAGE);
        CollectiveContracts.Contract signed = as(cadre, () -> contracts.sign(c.id(), null));
        assertThat(signed.trialEndsOn()).isEqualTo(LocalDate.of(2026, 4, 3));
        assertThatThrownBy(() -> as(cadre, () -> contracts.pay(c.id(), new BigDecimal("20000")))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("试用期");
        clock.set(LocalDateTime.of(2026, 4, 2, 17, 0).atZone(org.shanzhi.common.TimeConfig.ZONE).toInstant());
        assertThatThrownBy(() -> as(cadre, () -> contracts.pay(c.id(), new BigDecimal("20000")))).isInstanceOf(ConflictException.class);
        clock.set(LocalDateTime.of(2026, 4, 3, 9, 0).atZone(org.shanzhi.common.TimeConfig.ZONE).toInstant());
        assertThat(as(cadre, () -> contracts.pay(c.id(), new BigDecimal("20000"))).amountYuan()).isEqualByComparingTo("20000");
        assertThatThrownBy(() -> as(cadre, () -> contracts.pay(c.id(), new BigDecimal("0.01")))).isInstanceOf(ConflictException.class);

        // above the configured amount (50,000): no resolved 四议两公开 matter, no signature
        CollectiveContracts.Contract big = contract("PROJECT", "80000", "ZB-2026-03");
        assertThatThrownBy(() -> as(cadre, () -> contracts.sign(big.id(), null))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("四议两公开");
        assertThatThrownBy(() -> as(cadre, () -> contracts.sign(big.id(), 123L))).isInstanceOf(ConflictException.class);
    }

    // ---- 昌江 ----------------------------------------------------------------------------------

    @Test
    void changjiang_catalogueImportedWith41Items_andARequestOpensACaseWithTheItemsLimit() {
        ServiceCatalogue.Imported imported = system(() -> catalogue.importExample());
        assertThat(imported).isEqualTo(new ServiceCatalogue.Imported(41, 34, 7, 15, 3));
        List<ServiceCatalogue.Item> items = system(() -> catalogue.items());
        assertThat(items.stream().filter(i -> i.code().startsWith("CJ"))).hasSize(41);
        assertThatThrownBy(() -> system(() -> catalogue.importCsv(new ByteArrayInputStream("code,name\nX,1".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(InvalidInputException.class);

        ServiceCatalogue.Item item = items.stream().filter(i -> i.limitDays() == 7).findFirst().orElseThrow();
        Household h = world().household(VILLAGE, null);
        ServiceCatalogue.ServiceRequest r = as(villager(h), () -> catalogue.request(new ServiceCatalogue.NewRequest(item.code(), null, null)));
        assertThat(r.dueAt()).isEqualTo(LocalDateTime.of(2026, 3, 10, 9, 0));
        var k = system(() -> cases.get(r.caseId()));
        assertThat(k.kind()).isEqualTo(CaseKind.SERVICE_REQUEST);
        assertThat(k.householdId()).isEqualTo(h.id());
        assertThat(k.description()).contains("7 天");
        assertThat(system(() -> catalogue.requestOfCase(r.caseId())).itemCode()).isEqualTo(item.code());
    }
}
