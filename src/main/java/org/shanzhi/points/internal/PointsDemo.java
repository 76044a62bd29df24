package org.shanzhi.points.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.shanzhi.common.Ids;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.disclosure.NewNotice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.disclosure.NoticeItem;
import org.shanzhi.points.Decision;
import org.shanzhi.points.NewItem;
import org.shanzhi.points.NewScheme;
import org.shanzhi.points.PointsResults;
import org.shanzhi.points.PointsSchemes;
import org.shanzhi.points.Scheme;
import org.shanzhi.points.SchemeItem;
import org.shanzhi.points.SchemeSettings;
import org.shanzhi.points.ScoreEvents;
import org.shanzhi.registry.Household;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo points for 琼中 (469030), after the demo county is loaded: the county's "6+X" template (base 100, no cap,
 * veto items), an adopted scheme for each village of 什运乡, and four months of score events — two months
 * credited through their closed notices, last month's on notice now, this month's declared or verified, a
 * deduction under rectification — so rankings, lists and notices show something. Deterministic, batch-written.
 */
@Component
@Order(10)
class PointsDemo implements ApplicationRunner {

    static final String COUNTY = "469030";
    static final String TOWNSHIP = "469030202";
    private static final Logger log = LoggerFactory.getLogger(PointsDemo.class);

    private final PointsSchemes schemes;
    private final PointsResults results;
    private final NoticeBoard notices;
    private final Subjects subjects;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean enabled;

    PointsDemo(PointsSchemes schemes, PointsResults results, NoticeBoard notices, Subjects subjects, JdbcTemplate jdbc,
            TransactionTemplate tx, Clock clock, @Value("${shanzhi.demo.enabled:true}") boolean enabled) {
        this.schemes = schemes;
        this.results = results;
        this.notices = notices;
        this.subjects = subjects;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || jdbc.queryForObject("select count(*) from divisions where code = ?", Long.class, TOWNSHIP) == 0
                || jdbc.queryForObject("select count(*) from households where county_code = ? and village_code like ?", Long.class,
                        COUNTY, TOWNSHIP + "%") == 0
                || jdbc.queryForObject("select count(*) from points_schemes where county_code = ?", Long.class, COUNTY) > 0) {
            return;
        }
        long start = System.nanoTime();
        ScopeGuard.asSystem(COUNTY, () -> {
            load();
            return null;
        });
        log.info("demo points loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private void load() {
        LocalDate today = LocalDate.now(clock);
        LocalDate since = LocalDate.of(today.getYear() - 1, 1, 1);
        Scheme template = tx.execute(s -> template(since));
        Random rnd = new Random(46903010L);
        List<String> villages = subjects.villages(TOWNSHIP);
        YearMonth now = YearMonth.from(today);
        for (String village : villages) {
            Scheme scheme = tx.execute(s -> villageScheme(template, village, since));
            List<Household> households = subjects.households(COUNTY, village);
            boolean home = village.equals(villages.get(0));
            for (int back = 3; back >= 0; back--) {
                YearMonth m = now.minusMonths(back);
                int b = back;
                tx.executeWithoutResult(s -> month(rnd, scheme, village, households, m, b, home && b == 2));
            }
        }
        // the two oldest months' notices have passed: close them (their events are already credited)
        notices.closeDue(LocalDateTime.now(clock));
        String listPeriod = now.minusMonths(2).toString();
        for (String village : villages) {
            tx.executeWithoutResult(s -> results.drawLists(village, listPeriod));
        }
    }

    private Scheme template(LocalDate since) {
        SchemeSettings settings = new SchemeSettings("HOUSEHOLD", 100L, null, null, 28, "MONTH", 7, "RESET", "SPENDABLE", "EXCLUDE",
                "SHARE", 60L, 30L, 10L, "COUNT", 10, 5, 90, "ALL_PASS", null, null, null, 14);
        Scheme t = schemes.create(new NewScheme(COUNTY, "琼中县乡村治理积分制指导方案(6+X)", true, null, PointsSchemes.SIX, settings));
        List<String> all = List.of("SELF", "OTHERS", "GROUP_LEADER", "GRID_WORKER", "CADRE");
        List<String> staff = List.of("GROUP_LEADER", "GRID_WORKER", "CADRE");
        Object[][] items = {
                {"勤劳致富", "发展庭院经济或特色产业(槟榔、橡胶、养蜂)", "+", 5L, true, all, null, false},
                {"勤劳致富", "参加技能培训并取得证书", "+", 3L, true, all, null, false},
                {"孝老爱亲", "赡养照顾老人,家庭和睦", "+", 5L, false, all, null, false},
                {"孝老爱亲", "不赡养老人、虐待家庭成员", "-", 10L, false, staff, null, false},
                {"移风易俗", "婚事新办、丧事简办", "+", 3L, false, all, null, false},
                {"移风易俗", "大操大办、索要高额彩礼", "-", 5L, false, staff, null, false},
                {"环保卫生", "房前屋后整洁(门前三包)", "+", 2L, false, all, 4L, false},
                {"环保卫生", "乱丢垃圾、乱堆乱放", "-", 3L, false, staff, null, false},
                {"遵纪守法", "调解邻里纠纷", "+", 3L, false, all, null, false},
                {"遵纪守法", "违法犯罪被依法处理", "-", 20L, false, List.of("CADRE"), null, true},
                {"热心公益", "参加义务劳动", "+", 2L, false, all, null, false},
                {"热心公益", "见义勇为", "+", 10L, true, List.of("ORGANISATION", "CADRE"), null, false},
                {"护林防火", "参与森林防火巡查", "+", 3L, false, all, null, false},
                {"护林防火", "野外违规用火", "-", 10L, false, staff, null, true},
        };
        for (Object[] it : items) {
            @SuppressWarnings("unchecked")
            List<String> recorders = (List<String>) it[5];
            schemes.addItem(t.id(), new NewItem((String) it[0], (String) it[1], (String) it[2], (Long) it[3], (Boolean) it[4], recorders,
                    (Long) it[6], (Boolean) it[7], false));
        }
        return schemes.adopt(t.id(), new Decision(since, "县委农办会议", null, null, since));
    }

    private Scheme villageScheme(Scheme template, String village, LocalDate since) {
        String name = subjects.divisionName(village).replaceAll("村委会$", "村");
        SchemeSettings settings = new SchemeSettings("HOUSEHOLD", 100L, null, null, 28, "MONTH", 7, "RESET", "SPENDABLE", "EXCLUDE", "SHARE",
                60L, 30L, 10L, "COUNT", 10, 5, 90, "ALL_PASS", null, 60, 20, 14);
        Scheme s = schemes.create(new NewScheme(village, name + "积分制实施方案", false, template.id(), null, settings));
        return schemes.adopt(s.id(), new Decision(since, "村民代表会议", 38, 2, since));
    }

    /**
     * One month of events of a village. back = 3 or 2: reviewed and on a notice that has passed; 1: on notice now;
     * 0 (this month): declared or verified, one deduction under rectification.
     */
    private void month(Random rnd, Scheme scheme, String village, List<Household> households, YearMonth m, int back, boolean veto) {
        LocalDate today = LocalDate.now(clock);
        LocalDateTime now = LocalDateTime.now(clock);
        List<SchemeItem> plus = scheme.items().stream().filter(i -> "+".equals(i.sign()) && i.recorders().contains("GRID_WORKER")).toList();
        List<SchemeItem> minus = scheme.items().stream().filter(i -> "-".equals(i.sign()) && !i.veto()).toList();
        SchemeItem vetoItem = scheme.items().stream().filter(SchemeItem::veto).findFirst().orElseThrow();
        int lastDay = back == 0 ? Math.max(1, today.getDayOfMonth() - 1) : m.lengthOfMonth();
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> ledger = new ArrayList<>();
        java.util.Map<Long, Long> balances = new java.util.HashMap<>();
        java.util.Map<Long, Integer> credits = new java.util.HashMap<>();
        List<NoticeItem> items = new ArrayList<>();
        boolean rectified = false;
        for (Household h : households) {
            if (rnd.nextInt(100) >= (back == 0 ? 15 : 35)) {
                continue;
            }
            boolean deduction = rnd.nextInt(100) < 6;
            SchemeItem item = veto && items.isEmpty() ? vetoItem
                    : deduction ? minus.get(rnd.nextInt(minus.size())) : plus.get(rnd.nextInt(plus.size()));
            LocalDate day = m.atDay(1 + rnd.nextInt(lastDay));
            // months that have passed their notice are written credited, with their ledger entries, in one batch
            String status = back >= 2 ? "CREDITED" : back == 1 ? "IN_NOTICE" : rnd.nextInt(100) < 40 || deduction ? "VERIFIED" : "DECLARED";
            long id = Ids.next();
            LocalDateTime recorded = day.atTime(9 + rnd.nextInt(8), rnd.nextInt(60));
            LocalDateTime reviewed = back >= 1 ? m.atDay(Math.min(28, m.lengthOfMonth())).atTime(15, 0) : null;
            String label = Subjects.label(h);
            rows.add(new Object[] {COUNTY, id, village, h.groupCode(), h.gridId(), h.id(), "HOUSEHOLD", h.id(), label, scheme.id(), item.id(),
                    item.category(), item.name(), item.signedPoints(), item.veto(), day, m.toString(), "RECORDED", describe(item, day),
                    status, 1L, "网格员", recorded, "DECLARED".equals(status) ? null : 1L, "DECLARED".equals(status) ? null : "网格员",
                    "DECLARED".equals(status) ? null : recorded.plusDays(1), reviewed == null ? null : 2L, reviewed == null ? null : "村两委",
                    reviewed, back >= 2 ? reviewed.plusDays(8) : null});
            if (back >= 2) {
                ledger.add(new Object[] {COUNTY, Ids.next(), "HOUSEHOLD", h.id(), h.id(), village, h.groupCode(), m.getYear(), m.toString(),
                        item.signedPoints(), "CREDIT", id, item.category() + "·" + item.name(), "公示期满无异议", reviewed.plusDays(8),
                        "credit:" + id});
                balances.merge(h.id(), item.signedPoints(), Long::sum);
                credits.merge(h.id(), 1, Integer::sum);
            }
            if (back >= 1) {
                items.add(new NoticeItem(String.valueOf(id), label, item.category() + "·" + item.name() + " "
                        + (item.signedPoints() > 0 ? "+" : "") + item.signedPoints() + "分(" + day + ")" + (item.veto() ? " 一票否决" : "")));
            }
            if (back == 0 && deduction && !rectified) {
                rectified = true;
                jdbc.update("""
                        insert into points_rectifications (county_code, id, event_id, village_code, household_id, issued_at, deadline, status)
                        values (?, ?, ?, ?, ?, ?, ?, 'OPEN')""", COUNTY, Ids.next(), id, village, h.id(), recorded.plusDays(1),
                        recorded.plusDays(1).toLocalDate().plusDays(15).atStartOfDay());
            }
        }
        jdbc.batchUpdate("""
                insert into score_events (county_code, id, village_code, group_code, grid_id, household_id, subject_type, subject_id,
                    subject_label, scheme_id, item_id, category, item_name, points, veto, occurred_on, period_month, source, description,
                    status, recorded_by, recorded_by_name, recorded_at, verified_by, verified_by_name, verified_at, reviewed_by,
                    reviewed_by_name, reviewed_at, credited_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        if (!ledger.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, group_code, year_no,
                        period_month, points, kind, event_id, reason, created_by_name, created_at, idempotency_key)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ledger);
            List<Object[]> bal = new ArrayList<>();
            balances.forEach((hid, p) -> bal.add(new Object[] {COUNTY, hid, m.getYear()}));
            jdbc.batchUpdate("insert into points_balances (county_code, subject_type, subject_id, year_no, honour, spendable) "
                    + "values (?, 'HOUSEHOLD', ?, ?, 0, 0) on conflict do nothing", bal);
            List<Object[]> add = new ArrayList<>();
            balances.forEach((hid, p) -> add.add(new Object[] {p, p, COUNTY, hid, m.getYear()}));
            jdbc.batchUpdate("update points_balances set honour = honour + ?, spendable = spendable + ? "
                    + "where county_code = ? and subject_type = 'HOUSEHOLD' and subject_id = ? and year_no = ?", add);
            // the stored scores move with the ledger, as LedgerWriter moves them
            List<Object[]> scores = new ArrayList<>();
            balances.forEach((hid, p) -> scores.add(new Object[] {COUNTY, village, m.toString(), hid, village.substring(0, 9), m.getYear(), hid,
                    p, credits.get(hid), credits.get(hid)}));
            jdbc.batchUpdate("""
                    insert into points_scores (county_code, village_code, period_month, subject_type, subject_id, township_code, year_no,
                        household_id, points, settled, entries, credits, settlements)
                    values (?, ?, ?, 'HOUSEHOLD', ?, ?, ?, ?, ?, 0, ?, ?, 0)""", scores);
        }
        if (!items.isEmpty()) {
            String name = subjects.divisionName(village).replaceAll("村委会$", "村");
            LocalDateTime published = back == 1 ? now.minusDays(2) : m.atDay(Math.min(28, m.lengthOfMonth())).plusDays(1).atTime(9, 0);
            long noticeId = notices.publish(new NewNotice(village, "POINTS", ScoreEvents.NOTICE_SOURCE, village + ":" + m, name + m.getYear()
                    + "年" + m.getMonthValue() + "月积分公示", "以下积分经村积分评定小组审核,现予公示,公示期 7 天。对公示内容有异议的,请在公示期内向村两委提出。",
                    7, published, items));
            jdbc.update("update score_events set notice_id = ? where county_code = ? and village_code = ? and period_month = ? and notice_id is null "
                    + "and status in ('IN_NOTICE', 'CREDITED')",
                    noticeId, COUNTY, village, m.toString());
        }
    }

    private static String describe(SchemeItem item, LocalDate day) {
        return day.getMonthValue() + "月" + day.getDayOfMonth() + "日," + item.name();
    }
}
