package org.shanzhi.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shanzhi.points.PointsWorld.as;
import static org.shanzhi.points.PointsWorld.cadre;
import static org.shanzhi.points.PointsWorld.item;
import static org.shanzhi.points.PointsWorld.minus;
import static org.shanzhi.points.PointsWorld.plus;
import static org.shanzhi.points.PointsWorld.run;
import static org.shanzhi.points.PointsWorld.settings;
import static org.shanzhi.points.PointsWorld.system;
import static org.shanzhi.points.PointsWorld.veto;
import static org.shanzhi.points.PointsWorld.villager;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.disclosure.Notice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.disclosure.Objection;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.NewPerson;
import org.shanzhi.registry.Registry;
import org.shanzhi.registry.IdNumber;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The seed cases of the points system, told start to end through the module API with the clock moved by hand
 * (seed 000, the national notice 中农发〔2020〕11号 and its attached cases). Each uses its own village of 湾岭镇.
 */
@IntegrationTest
class PointsSeedCasesTest {

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
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;

    PointsWorld w;

    @BeforeEach
    void world() {
        w = new PointsWorld(territory, registry, schemes, events, results, notices, clock);
    }

    @AfterEach
    void resetClock() {
        w.reset();
    }

    /**
     * 油溪桥 (L7837-7856): 一事一记录, 一月一审核 (the 28th), 一季一公示, 一年一核算 — per person (逐人), and the next
     * year starts again from the base (第二年重新开始计算).
     */
    @Test
    void youxiqiaoDeclaredOnTheThirdReviewedOnThe28thCreditedAfterTheQuarterlyNoticeAndResetAtTheNewYear() {
        String village = "469030101200";
        Household h = w.household(village, null);
        LocalDate born = LocalDate.of(1939, 12, 31);
        long person = system(() -> registry.addPerson(h.id(), new NewPerson("李德福", "男", born, IdNumber.of("469030", born, 777), null,
                "户主", List.of()))).id();
        Scheme s = w.adopt(village, settings(m -> {
            m.put("subjectType", "PERSON");
            m.put("noticeCycle", "QUARTER");
            m.put("reviewDay", 28);
            m.put("settlement", "RESET");
            return m;
        }), plus("热心公益", "参加义务筹工筹劳", 5));
        Actor member = cadre(village);
        Actor leader = cadre(village);

        // declared on the 3rd (the clock starts on 2026-03-03), with time, place and reason
        ScoreEvent e = as(member, () -> events.declare(new Declaration(null, "PERSON", person, item(s, "参加义务筹工筹劳").id(),
                w.today(), null, null, "3月3日在村口修路,出工一天", null, null), null).event());
        assertThat(e.status()).isEqualTo(ScoreEvent.DECLARED);
        assertThat(e.subjectLabel()).startsWith("李*");
        run(member, () -> events.verify(List.of(e.id())));

        // not before the review day
        w.setDay(LocalDate.of(2026, 3, 27));
        assertThatThrownBy(() -> as(leader, () -> events.review(village, "2026-03", null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("审核日");
        w.setDay(LocalDate.of(2026, 3, 28));
        ReviewResult reviewed = as(leader, () -> events.review(village, "2026-03", null));
        assertThat(reviewed.reviewed()).containsExactly(e.id());
        assertThat(w.event(e.id()).status()).isEqualTo(ScoreEvent.REVIEWED);

        // one notice for the quarter, at its end
        w.setDay(LocalDate.of(2026, 3, 31));
        PeriodNotice pn = as(leader, () -> events.publishNotice(village, "2026-Q1"));
        assertThat(pn.events()).isEqualTo(1);
        Notice notice = system(() -> notices.notice(pn.noticeId()));
        assertThat(notice.title()).contains("2026年第一季度");
        assertThat(notice.windowEnd()).isEqualTo(notice.publishedAt().plusDays(7));
        assertThat(w.event(e.id()).status()).isEqualTo(ScoreEvent.IN_NOTICE);

        // within the window nothing is credited
        w.setDay(LocalDate.of(2026, 4, 6));
        notices.closeDue(w.now());
        assertThat(w.event(e.id()).status()).isEqualTo(ScoreEvent.IN_NOTICE);
        assertThat(ledgerSum("PERSON", person)).isZero();

        w.passWindow(pn.noticeId());
        assertThat(w.event(e.id()).status()).isEqualTo(ScoreEvent.CREDITED);
        assertThat(ledgerSum("PERSON", person)).isEqualTo(5);
        assertThat(scoreOf(system(() -> results.ranking(village, "2026-Q1")), person)).isEqualTo(105);
        assertThat(scoreOf(system(() -> results.ranking(village, "2026")), person)).isEqualTo(105);

        // 一年一核算: settled in the new year, the year is archived and 2027 starts at the base
        w.setDay(LocalDate.of(2027, 1, 5));
        Settlement st = system(() -> results.settle(village, 2026));
        assertThat(st.mode()).isEqualTo("RESET");
        assertThat(jdbc.queryForObject("select score from points_year_results where village_code = ? and year_no = 2026 and subject_id = ?",
                Long.class, village, person)).isEqualTo(105);
        assertThat(scoreOf(system(() -> results.ranking(village, "2027-01")), person)).isEqualTo(100);
        assertThat(scoreOf(system(() -> results.ranking(village, "2027")), person)).isEqualTo(100);
        // settling again changes nothing
        assertThat(system(() -> results.settle(village, 2026)).settledAt()).isEqualTo(st.settledAt());
    }

    /** 金寨 "6+X" (L7383-7398): a village scheme that drops a mandatory category cannot be adopted. */
    @Test
    void jinzhaiVillageSchemeWithoutCustomsReformCannotBeAdopted() {
        String township = "469030101";
        String village = "469030101201";
        Scheme template = as(PointsWorld.townshipAdmin(township), () -> {
            Scheme t = schemes.create(new NewScheme(township, "湾岭镇6+X模板" + Ids.next(), true, null, PointsSchemes.SIX, null));
            for (String c : PointsSchemes.SIX) {
                schemes.addItem(t.id(), plus(c, c + "表现突出", 5));
            }
            schemes.addItem(t.id(), minus("移风易俗", "大操大办", 5));
            return schemes.adopt(t.id(), null);
        });
        assertThat(template.mandatoryCategories()).containsExactlyElementsOf(PointsSchemes.SIX);

        Actor cadre = cadre(village);
        Scheme draft = as(cadre, () -> schemes.create(new NewScheme(village, "村实施方案", false, template.id(), null, null)));
        assertThat(draft.requiredCategories()).contains("移风易俗");
        assertThat(draft.items()).hasSize(7);
        // the village drops 移风易俗 and adds its own X
        draft.items().stream().filter(i -> i.category().equals("移风易俗"))
                .forEach(i -> run(cadre, () -> schemes.removeItem(draft.id(), i.id())));
        run(cadre, () -> schemes.addItem(draft.id(), plus("森林防火", "参与防火巡查", 3)));
        Decision vote = new Decision(LocalDate.of(2026, 3, 1), "村民代表会议", 35, 3, LocalDate.of(2026, 3, 1));
        assertThatThrownBy(() -> as(cadre, () -> schemes.adopt(draft.id(), vote)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("移风易俗");

        run(cadre, () -> schemes.addItem(draft.id(), plus("移风易俗", "婚事新办", 3)));
        Scheme adopted = as(cadre, () -> schemes.adopt(draft.id(), vote));
        assertThat(adopted.status()).isEqualTo(Scheme.ADOPTED);
        assertThat(adopted.decision().votesFor()).isEqualTo(35);
    }

    /** 金寨 (L7403-7407): vouchers to at most 60% of a village's households a year. */
    @Test
    void jinzhaiSixtyFirstHouseholdOfAHundredIsRefusedAVoucher() {
        String village = "469030101202";
        List<Household> hs = w.households(village, null, 100);
        w.adopt(village, settings(m -> {
            m.put("voucherQuotaPct", 60);
            return m;
        }), plus("勤劳致富", "发展产业", 5));
        Actor cadre = cadre(village);
        for (int i = 0; i < 60; i++) {
            long id = hs.get(i).id();
            as(cadre, () -> results.nominate("VOUCHER", id, "群众推荐"));
        }
        long sixtyFirst = hs.get(60).id();
        assertThatThrownBy(() -> as(cadre, () -> results.nominate("VOUCHER", sixtyFirst, "群众推荐")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("60%").hasMessageContaining("名额 60 户");
        assertThat(system(() -> results.nominations(village, 2026))).hasSize(60);
    }

    /** 金寨: 新时代文明户 at most 20% of the households that took part (参评户). */
    @Test
    void jinzhaiCivilisedHouseholdsAreAtMostAFifthOfParticipants() {
        String village = "469030101213";
        List<Household> hs = w.households(village, null, 10);
        Scheme s = w.adopt(village, settings(m -> {
            m.put("honourQuotaPct", 20);
            return m;
        }), plus("热心公益", "义务劳动", 2));
        Actor a = cadre(village);
        Actor b = cadre(village);
        List<Long> ids = new ArrayList<>();
        hs.forEach(h -> ids.add(w.record(a, h.id(), item(s, "义务劳动")).id()));
        w.passWindow(w.toNotice(village, "2026-03", a, b, ids, LocalDate.of(2026, 3, 28)));
        as(b, () -> results.nominate("CIVILISED", hs.get(0).id(), null));
        as(b, () -> results.nominate("CIVILISED", hs.get(1).id(), null));
        assertThatThrownBy(() -> as(b, () -> results.nominate("CIVILISED", hs.get(2).id(), null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("20%");
    }

    /** 平湖 (L7680-7682): 整改告知书, rectified within two weeks the deduction is waived. */
    @Test
    void pinghuDeductionIsWaivedWhenRectifiedOnDayThirteen() {
        String village = "469030101203";
        Household h = w.household(village, null);
        Scheme s = w.adopt(village, settings(m -> m), minus("环保卫生", "垃圾分类不规范", 5));
        Actor a = cadre(village);
        Actor b = cadre(village);
        ScoreEvent e = w.record(a, h.id(), item(s, "垃圾分类不规范"));
        run(a, () -> events.verify(List.of(e.id())));
        Rectification r = rectificationOf(e.id());
        assertThat(r.status()).isEqualTo("OPEN");
        assertThat(r.deadline()).isEqualTo(LocalDate.of(2026, 3, 18).atStartOfDay());

        w.setDay(LocalDate.of(2026, 3, 16)); // day 13
        Rectification done = as(a, () -> events.rectify(r.id(), "已清理并分类"));
        assertThat(done.status()).isEqualTo("WAIVED");
        assertThat(w.event(e.id()).status()).isEqualTo(ScoreEvent.WAIVED);

        w.setDay(LocalDate.of(2026, 3, 28));
        assertThat(as(b, () -> events.review(village, "2026-03", null)).reviewed()).isEmpty();
        assertThatThrownBy(() -> as(b, () -> events.publishNotice(village, "2026-03"))).isInstanceOf(ConflictException.class);
        assertThat(ledgerSum("HOUSEHOLD", h.id())).isZero();
        assertThat(system(() -> results.standing(h.id(), "2026-03")).score()).isEqualTo(100);
    }

    /** 平湖: rectified after the two weeks, the deduction applies. */
    @Test
    void pinghuDeductionAppliesWhenRectifiedOnDayFifteen() {
        String village = "469030101204";
        Household h = w.household(village, null);
        Scheme s = w.adopt(village, settings(m -> m), minus("环保卫生", "垃圾分类不规范", 5));
        Actor a = cadre(village);
        Actor b = cadre(village);
        ScoreEvent e = w.record(a, h.id(), item(s, "垃圾分类不规范"));
        run(a, () -> events.verify(List.of(e.id())));
        Rectification r = rectificationOf(e.id());

        w.setDay(LocalDate.of(2026, 3, 18)); // day 15
        Rectification late = as(a, () -> events.rectify(r.id(), "逾期才清理"));
        assertThat(late.status()).isEqualTo("APPLIED");
        assertThat(w.event(e.id()).status()).isEqualTo(ScoreEvent.VERIFIED);

        w.setDay(LocalDate.of(2026, 3, 28));
        assertThat(as(b, () -> events.review(village, "2026-03", null)).reviewed()).containsExactly(e.id());
        long notice = as(b, () -> events.publishNotice(village, "2026-03")).noticeId();
        w.passWindow(notice);
        assertThat(w.event(e.id()).status()).isEqualTo(ScoreEvent.CREDITED);
        assertThat(ledgerSum("HOUSEHOLD", h.id())).isEqualTo(-5);
        assertThat(system(() -> results.standing(h.id(), "2026-03")).score()).isEqualTo(95);
    }

    /** 琼中: base 100, no upper cap; a veto item (一票否决) marks the household for the month and takes it out of the ranking. */
    @Test
    void qiongzhongVetoedHouseholdIsMarkedAndNotRankedAmongTheOthers() {
        String village = "469030101205";
        Household vetoed = w.household(village, null);
        Household good = w.household(village, null);
        Household better = w.household(village, null);
        Household quiet = w.household(village, null);
        Scheme s = w.adopt(village, settings(m -> m), plus("勤劳致富", "发展产业", 60), plus("热心公益", "义务劳动", 2),
                veto("遵纪守法", "违法犯罪", 20));
        assertThat(s.settings().baseScore()).isEqualTo(100);
        assertThat(s.settings().maxScore()).isNull();
        Actor a = cadre(village);
        Actor b = cadre(village);
        List<Long> ids = new ArrayList<>();
        ids.add(w.record(a, vetoed.id(), item(s, "发展产业")).id());
        ids.add(w.record(a, vetoed.id(), item(s, "违法犯罪")).id());
        ids.add(w.record(a, good.id(), item(s, "义务劳动")).id());
        for (int i = 0; i < 3; i++) {
            ids.add(w.record(a, better.id(), item(s, "发展产业")).id());
        }
        w.passWindow(w.toNotice(village, "2026-03", a, b, ids, LocalDate.of(2026, 3, 28)));

        Ranking r = system(() -> results.ranking(village, "2026-03"));
        RankingRow v = row(r, vetoed.id());
        assertThat(v.vetoed()).isTrue();
        assertThat(v.villageRank()).isNull();
        assertThat(v.stars()).isZero();
        assertThat(v.score()).isEqualTo(140);
        assertThat(row(r, better.id()).score()).isEqualTo(280); // no upper cap
        assertThat(row(r, better.id()).villageRank()).isEqualTo(1);
        assertThat(row(r, good.id()).villageRank()).isEqualTo(2);
        assertThat(row(r, quiet.id()).villageRank()).isEqualTo(3);
        assertThat(r.rows().get(r.rows().size() - 1).subjectId()).isEqualTo(vetoed.id());
        // the next month the veto no longer applies
        w.setDay(LocalDate.of(2026, 4, 10));
        assertThat(row(system(() -> results.ranking(village, "2026-04")), vetoed.id()).vetoed()).isFalse();
    }

    /** The same veto, under a scheme that ranks a vetoed household last instead of leaving it out. */
    @Test
    void vetoedHouseholdIsRankedLastWhenTheSchemeSaysSo() {
        String village = "469030101215";
        Household vetoed = w.household(village, null);
        Household quiet = w.household(village, null);
        Scheme s = w.adopt(village, settings(m -> {
            m.put("vetoRanking", "LAST");
            return m;
        }), plus("勤劳致富", "发展产业", 60), veto("遵纪守法", "违法犯罪", 20));
        Actor a = cadre(village);
        Actor b = cadre(village);
        List<Long> ids = List.of(w.record(a, vetoed.id(), item(s, "发展产业")).id(), w.record(a, vetoed.id(), item(s, "违法犯罪")).id());
        w.passWindow(w.toNotice(village, "2026-03", a, b, ids, LocalDate.of(2026, 3, 28)));
        Ranking r = system(() -> results.ranking(village, "2026-03"));
        assertThat(row(r, quiet.id()).villageRank()).isEqualTo(1);
        assertThat(row(r, vetoed.id()).villageRank()).isEqualTo(2);
        assertThat(row(r, vetoed.id()).vetoed()).isTrue();
    }

    /** Under CARRY_OVER the settled year's net points open the next year (a SETTLEMENT entry). */
    @Test
    void carriedOverScoreOpensTheNextYear() {
        String village = "469030101216";
        Household h = w.household(village, null);
        Scheme s = w.adopt(village, settings(m -> {
            m.put("settlement", "CARRY_OVER");
            return m;
        }), plus("热心公益", "义务劳动", 7));
        Actor a = cadre(village);
        Actor b = cadre(village);
        w.passWindow(w.toNotice(village, "2026-03", a, b, List.of(w.record(a, h.id(), item(s, "义务劳动")).id()), LocalDate.of(2026, 3, 28)));
        w.setDay(LocalDate.of(2027, 1, 3));
        assertThatThrownBy(() -> system(() -> results.settle(village, 2027))).isInstanceOf(ConflictException.class);
        system(() -> results.settle(village, 2026));
        system(() -> results.settle(village, 2026));
        assertThat(system(() -> results.standing(h.id(), "2027")).score()).isEqualTo(107);
        assertThat(system(() -> results.standing(h.id(), "2027-01")).score()).isEqualTo(100);
        assertThat(jdbc.queryForObject("select count(*) from points_ledger where subject_id = ? and kind = 'SETTLEMENT' and year_no = 2027",
                Long.class, h.id())).isEqualTo(1);
    }

    /** 公示 (L7459-7461, 7848-7851): an upheld objection → never credited; a dismissed one → credited after the window. */
    @Test
    void upheldObjectionIsNeverCreditedAndDismissedOneIsCreditedAfterTheWindow() {
        String village = "469030101206";
        Household h1 = w.household(village, null);
        Household h2 = w.household(village, null);
        Household neighbour = w.household(village, null);
        Scheme s = w.adopt(village, settings(m -> m), plus("孝老爱亲", "照顾老人", 5));
        Actor a = cadre(village);
        Actor b = cadre(village);
        long e1 = w.record(a, h1.id(), item(s, "照顾老人")).id();
        long e2 = w.record(a, h2.id(), item(s, "照顾老人")).id();
        long noticeId = w.toNotice(village, "2026-03", a, b, List.of(e1, e2), LocalDate.of(2026, 3, 28));

        Actor objector = villager(village, neighbour.id());
        Objection o1 = as(objector, () -> notices.object(noticeId, String.valueOf(e1), "该户老人由村里五保供养,不属实"));
        Objection o2 = as(objector, () -> notices.object(noticeId, String.valueOf(e2), "有疑问"));
        // a villager of another village may not object
        Actor stranger = villager("469030101207", neighbour.id());
        assertThatThrownBy(() -> as(stranger, () -> notices.object(noticeId, String.valueOf(e2), "x")))
                .isInstanceOf(org.shanzhi.common.NotFoundException.class);
        as(b, () -> notices.answer(noticeId, o1.id(), true, "经核实,异议成立"));

        // the window passes with o2 still pending: nothing is credited yet
        w.passWindow(noticeId);
        assertThat(system(() -> notices.notice(noticeId)).status()).isEqualTo(Notice.OPEN);
        assertThat(w.event(e2).status()).isEqualTo(ScoreEvent.IN_NOTICE);
        // objections after the window are refused
        assertThatThrownBy(() -> as(objector, () -> notices.object(noticeId, String.valueOf(e2), "again")))
                .isInstanceOf(ConflictException.class);

        // answering the last objection closes the notice at once
        as(b, () -> notices.answer(noticeId, o2.id(), false, "经核实属实,异议不成立"));
        assertThat(system(() -> notices.notice(noticeId)).status()).isEqualTo(Notice.CLOSED);
        assertThat(w.event(e1).status()).isEqualTo(ScoreEvent.OBJECTION_UPHELD);
        assertThat(w.event(e2).status()).isEqualTo(ScoreEvent.CREDITED);
        assertThat(ledgerSum("HOUSEHOLD", h1.id())).isZero();
        assertThat(ledgerSum("HOUSEHOLD", h2.id())).isEqualTo(5);
        // closing again credits nothing twice
        notices.closeDue(w.now().plusDays(30));
        assertThat(ledgerSum("HOUSEHOLD", h1.id())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from points_ledger where event_id = ?", Long.class, e2)).isEqualTo(1);
    }

    /** A credited event is corrected only by a reversing entry: both stay in the ledger, balance and rank follow. */
    @Test
    void reversedEventKeepsBothEntriesAndCorrectsBalanceAndRank() {
        String village = "469030101208";
        Household first = w.household(village, null);
        Household second = w.household(village, null);
        Scheme s = w.adopt(village, settings(m -> m), plus("热心公益", "见义勇为", 10), plus("热心公益", "义务劳动", 2));
        Actor a = cadre(village);
        Actor b = cadre(village);
        long big = w.record(a, first.id(), item(s, "见义勇为")).id();
        long small = w.record(a, second.id(), item(s, "义务劳动")).id();
        w.passWindow(w.toNotice(village, "2026-03", a, b, List.of(big, small), LocalDate.of(2026, 3, 28)));
        assertThat(row(system(() -> results.ranking(village, "2026-03")), first.id()).villageRank()).isEqualTo(1);
        assertThat(system(() -> results.standing(first.id(), "2026-03")).honour()).isEqualTo(110);

        ScoreEvent reversed = as(b, () -> events.reverse(big, "经复核,系他人所为"));
        assertThat(reversed.status()).isEqualTo(ScoreEvent.REVERSED);
        List<LedgerEntry> entries = system(() -> results.ledger(first.id(), null, 0, 20)).items();
        assertThat(entries).extracting(LedgerEntry::kind).containsExactlyInAnyOrder("CREDIT", "REVERSAL");
        LedgerEntry credit = entries.stream().filter(x -> x.kind().equals("CREDIT")).findFirst().orElseThrow();
        LedgerEntry reversal = entries.stream().filter(x -> x.kind().equals("REVERSAL")).findFirst().orElseThrow();
        assertThat(credit.points()).isEqualTo(10);
        assertThat(reversal.points()).isEqualTo(-10);
        assertThat(reversal.reversesId()).isEqualTo(credit.id());
        assertThat(reversal.reason()).contains("系他人所为");

        Standing st = system(() -> results.standing(first.id(), "2026-03"));
        assertThat(st.score()).isEqualTo(100);
        assertThat(st.honour()).isEqualTo(100);
        Ranking r = system(() -> results.ranking(village, "2026-03"));
        assertThat(row(r, second.id()).villageRank()).isEqualTo(1);
        assertThat(row(r, first.id()).villageRank()).isEqualTo(2);
        assertThatThrownBy(() -> as(b, () -> events.reverse(big, "again"))).isInstanceOf(ConflictException.class);
    }

    /** A page of a ranking is a slice of the whole: the same ranks, scores, stars and order, labelled, with the total. */
    @Test
    void aRankingPageIsASliceOfTheWholeRanking() {
        String village = "469030103207";
        List<Household> five = w.households(village, null, 5);
        Scheme s = w.adopt(village, settings(m -> m), plus("热心公益", "见义勇为", 10), plus("热心公益", "义务劳动", 2));
        // a neighbour of the same township: a household with the best points and a veto its scheme ranks last
        String neighbour = "469030103208";
        Household best = w.household(neighbour, null);
        Household plain = w.household(neighbour, null);
        Scheme ns = w.adopt(neighbour, settings(m -> {
            m.put("vetoRanking", "LAST");
            return m;
        }), plus("勤劳致富", "发展产业", 60), veto("遵纪守法", "违法犯罪", 20));
        Actor a = cadre(village);
        Actor b = cadre(village);
        Actor c = cadre(neighbour);
        Actor d = cadre(neighbour);
        List<Long> ids = List.of(w.record(a, five.get(3).id(), item(s, "见义勇为")).id(), w.record(a, five.get(1).id(), item(s, "义务劳动")).id());
        List<Long> theirs = List.of(w.record(c, best.id(), item(ns, "发展产业")).id(), w.record(c, best.id(), item(ns, "违法犯罪")).id(),
                w.record(c, plain.id(), item(ns, "发展产业")).id());
        long notice = w.toNotice(village, "2026-03", a, b, ids, LocalDate.of(2026, 3, 28));
        long theirNotice = w.toNotice(neighbour, "2026-03", c, d, theirs, LocalDate.of(2026, 3, 28));
        w.passWindow(notice);
        w.passWindow(theirNotice);

        Ranking whole = system(() -> results.ranking(village, "2026-03"));
        assertThat(whole.total()).isEqualTo(5);
        assertThat(whole.rows()).extracting(RankingRow::subjectId).startsWith(five.get(3).id(), five.get(1).id());
        assertThat(whole.rows()).extracting(RankingRow::villageRank).containsExactly(1, 2, 3, 3, 3);
        Ranking second = system(() -> results.ranking(village, "2026-03", 1, 2));
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.pages()).isEqualTo(3);
        assertThat(second.rows()).containsExactlyElementsOf(whole.rows().subList(2, 4));
        assertThat(second.rows()).allSatisfy(r -> assertThat(r.label()).endsWith("户").doesNotStartWith("null"));
        assertThat(system(() -> results.ranking(village, "2026-03", 3, 2)).rows()).isEmpty();
        assertThatThrownBy(() -> system(() -> results.ranking(village, "2026-03", -1, 2))).isInstanceOf(InvalidInputException.class);

        // the township's list ranks every village's subjects one by one; the village's own ranking reads the neighbours
        // only as counts per score (the vetoed apart): both give the same township ranks
        Ranking township = system(() -> results.ranking(village.substring(0, 9), "2026-03"));
        assertThat(row(township, best.id()).vetoed()).isTrue();
        assertThat(row(township, best.id()).townshipRank()).as("vetoed: after every household that is not").isEqualTo(
                (int) township.rows().stream().filter(t -> !t.vetoed()).count() + 1);
        assertThat(whole.rows()).allSatisfy(r -> assertThat(r.townshipRank()).isEqualTo(row(township, r.subjectId()).townshipRank()));
        assertThat(row(whole, five.get(3).id()).townshipRank()).as("below the neighbour's 160").isGreaterThan(row(township, plain.id()).townshipRank());
    }

    /** 奉贤 (L7106-7107): 只要一户不达标,即视为整个村民小组不达标. */
    @Test
    void fengxianGroupOfTenWithOneFailingHouseholdFailsAsAGroup() {
        String village = "469030101209";
        Division g1 = w.group(village);
        Division g2 = w.group(village);
        List<Household> ten = w.households(village, g1.code(), 10);
        List<Household> three = w.households(village, g2.code(), 3);
        Scheme s = w.adopt(village, settings(m -> {
            m.put("groupRule", "ALL_PASS");
            m.put("rectificationDays", 0);
            return m;
        }), plus("环保卫生", "庭院整洁", 2), minus("环保卫生", "违章搭建", 3));
        Actor a = cadre(village);
        Actor b = cadre(village);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ids.add(w.record(a, ten.get(i).id(), item(s, "庭院整洁")).id());
        }
        ids.add(w.record(a, ten.get(9).id(), item(s, "违章搭建")).id());
        three.forEach(h -> ids.add(w.record(a, h.id(), item(s, "庭院整洁")).id()));
        w.passWindow(w.toNotice(village, "2026-03", a, b, ids, LocalDate.of(2026, 3, 28)));

        List<GroupResult> groups = system(() -> results.groups(village, "2026-03"));
        GroupResult big = groups.stream().filter(g -> g.groupCode().equals(g1.code())).findFirst().orElseThrow();
        GroupResult small = groups.stream().filter(g -> g.groupCode().equals(g2.code())).findFirst().orElseThrow();
        assertThat(big.households()).isEqualTo(10);
        assertThat(big.failing()).isEqualTo(1);
        assertThat(big.passed()).isFalse();
        assertThat(big.failingLabels()).containsExactly(PointsWorld.system(() -> registry.household(ten.get(9).id())).number() + " 户");
        assertThat(small.passed()).isTrue();
        // the group rank of a household is within its own group
        Ranking r = system(() -> results.ranking(g2.code(), "2026-03"));
        assertThat(r.rows()).hasSize(3).allSatisfy(x -> assertThat(x.groupRank()).isEqualTo(1));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private long ledgerSum(String type, long id) {
        return jdbc.queryForObject("select coalesce(sum(points), 0) from points_ledger where county_code = '469030' and subject_type = ? and subject_id = ?", Long.class,
                type, id);
    }

    private static long scoreOf(Ranking r, long subjectId) {
        return r.rows().stream().filter(x -> x.subjectId() == subjectId).findFirst().orElseThrow().score();
    }

    private static RankingRow row(Ranking r, long subjectId) {
        return r.rows().stream().filter(x -> x.subjectId() == subjectId).findFirst().orElseThrow();
    }

    private Rectification rectificationOf(long eventId) {
        long id = jdbc.queryForObject("select id from points_rectifications where event_id = ?", Long.class, eventId);
        return system(() -> events.rectification(id));
    }
}
