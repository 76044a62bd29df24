package org.shanzhi.activities;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shanzhi.activities.internal.ActivitiesPolicy;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.disclosure.NewNotice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.disclosure.NoticeItem;
import org.shanzhi.registry.Person;
import org.shanzhi.registry.Registry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 荣成 credit fund (信用基金): a village cadre posts each person's credit points once a month (the monthly public board);
 * at least once a quarter welfare is paid out of the fund by credit points — the pool split over the quarter's points by
 * the rewards module's dividend mechanism (through {@link FundSplit}: largest remainder, exact to the fen, the parts add
 * up to the pool) and put on public notice.
 */
@Service
public class CreditFunds {

    public record Line(Long personId, Long points, String reason) {
    }

    public record NewPosting(String villageCode, String month, List<Line> lines) {
    }

    public record Posting(long personId, String personName, String month, long points, String reason) {
    }

    public record Share(long personId, String personName, long points, BigDecimal yuan) {
    }

    /** PUBLISHED (on notice) → PAID. */
    public record Payout(long id, String villageCode, String quarter, BigDecimal poolYuan, long weightedPoints, String status, Long noticeId,
            LocalDateTime createdAt, List<Share> shares) {
        public BigDecimal sharesTotal() {
            return shares.stream().map(Share::yuan).reduce(BigDecimal.valueOf(0, 2), BigDecimal::add);
        }
    }

    private final JdbcClient jdbc;
    private final Registry registry;
    private final NoticeBoard notices;
    private final FundSplit splitter;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public CreditFunds(JdbcClient jdbc, Registry registry, NoticeBoard notices, FundSplit splitter, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.notices = notices;
        this.splitter = splitter;
        this.events = events;
        this.clock = clock;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(TimeConfig.ZONE));
    }

    /** Posts a month's credit points, one line per person of the village (a person once a month; a month not in the future). */
    @Transactional
    public List<Posting> post(NewPosting cmd) {
        Actor a0 = ActivitiesPolicy.reader();
        if (cmd == null || cmd.villageCode() == null || !cmd.villageCode().matches("\\d{12}")) {
            throw new InvalidInputException("villageCode", "村代码应为 12 位数字 / a 12-digit village code");
        }
        Actor a = ActivitiesPolicy.keep(a0.countyCode(), cmd.villageCode());
        YearMonth month = month(cmd.month());
        if (month.isAfter(YearMonth.from(now()))) {
            throw new InvalidInputException("month", "不能登记未来月份 / not a future month");
        }
        List<Line> lines = cmd.lines() == null ? List.of() : cmd.lines();
        List<FieldError> errors = new ArrayList<>();
        if (lines.isEmpty() || lines.size() > 2000) {
            errors.add(new FieldError("lines", "请填写 1 到 2000 行 / 1 to 2,000 lines"));
        }
        Set<Long> seen = new HashSet<>();
        List<Person> persons = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l == null || l.personId() == null || !seen.add(l.personId())) {
                errors.add(new FieldError("lines[" + i + "].personId", "请选择人员,不能重复 / a person, once"));
                continue;
            }
            if (l.points() == null || l.points() < -1000 || l.points() > 1000) {
                errors.add(new FieldError("lines[" + i + "].points", "积分应为 -1000 到 1000 / points -1,000 to 1,000"));
            }
            if (l.reason() != null && l.reason().length() > 200) {
                errors.add(new FieldError("lines[" + i + "].reason", "最多 200 字 / at most 200 characters"));
            }
            Person p = person(l.personId());
            if (p == null || !p.villageCode().equals(cmd.villageCode())) {
                errors.add(new FieldError("lines[" + i + "].personId", "不是本村人员 / not a person of this village"));
            } else {
                persons.add(p);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        LocalDateTime now = now();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            Person p = persons.get(i);
            try {
                jdbc.sql("""
                        insert into fund_postings (county_code, id, village_code, period_month, person_id, household_id, person_name, points, reason,
                            posted_by_name, posted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(a.countyCode(), Ids.next(), cmd.villageCode(), month.toString(), p.id(), p.householdId(), p.name(), l.points(),
                                l.reason() == null || l.reason().isBlank() ? "月度信用积分" : l.reason().trim(), a.displayName(), now).update();
            } catch (DuplicateKeyException twice) {
                throw new ConflictException("lines[" + i + "].personId", p.name() + " 本月积分已登记 / already posted for " + month);
            }
        }
        events.publishEvent(new Audited(a.countyCode(), "activities.fund_posted", "village", cmd.villageCode(), null, null,
                month + " " + lines.size() + " lines"));
        return postings(cmd.villageCode(), month.toString());
    }

    private Person person(long id) {
        try {
            return registry.person(id);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static YearMonth month(String m) {
        try {
            YearMonth y = YearMonth.parse(m == null ? "" : m.trim());
            if (y.getYear() < 2000 || y.getYear() > 2200) {
                throw new IllegalArgumentException();
            }
            return y;
        } catch (RuntimeException e) {
            throw new InvalidInputException("month", "月份格式为 2026-03 / a month like 2026-03");
        }
    }

    /** The months of a quarter written 2026-Q1. */
    static List<String> months(String quarter) {
        if (quarter == null || !quarter.trim().matches("(20\\d\\d|21\\d\\d)-Q[1-4]")) {
            throw new InvalidInputException("quarter", "季度格式为 2026-Q1 / a quarter like 2026-Q1");
        }
        int year = Integer.parseInt(quarter.trim().substring(0, 4));
        int q = quarter.trim().charAt(6) - '0';
        List<String> out = new ArrayList<>();
        for (int m = 3 * q - 2; m <= 3 * q; m++) {
            out.add(YearMonth.of(year, m).toString());
        }
        return out;
    }

    public List<Posting> postings(String villageCode, String month) {
        Actor a = ActivitiesPolicy.reader();
        ActivitiesPolicy.readVillage(a, a.countyCode(), villageCode);
        return jdbc.sql("""
                select person_id, person_name, period_month, points, reason from fund_postings where county_code = ? and village_code = ? and period_month = ?
                order by points desc, person_name, person_id""").params(a.countyCode(), villageCode, month(month).toString())
                .query((rs, i) -> new Posting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5))).list();
    }

    /**
     * Pays welfare out of the fund for a quarter: each person's points posted in its three months, the pool split exact to
     * the fen by the rewards module's dividend mechanism ({@link FundSplit}; ties to the earlier person id), put on public notice. Once a village and quarter.
     */
    @Transactional
    public Payout pay(String villageCode, String quarter, BigDecimal poolYuan) {
        Actor a0 = ActivitiesPolicy.reader();
        if (villageCode == null || !villageCode.matches("\\d{12}")) {
            throw new InvalidInputException("villageCode", "村代码应为 12 位数字 / a 12-digit village code");
        }
        Actor a = ActivitiesPolicy.keep(a0.countyCode(), villageCode);
        List<String> months = months(quarter);
        if (poolYuan == null || poolYuan.signum() <= 0 || poolYuan.scale() > 2 || poolYuan.compareTo(new BigDecimal("100000000")) > 0) {
            throw new InvalidInputException("poolYuan", "基金金额应为正数,精确到分 / a positive amount, to the fen");
        }
        if (YearMonth.parse(months.get(2)).atEndOfMonth().isAfter(now().toLocalDate())) {
            throw new ConflictException("quarter", "季度结束后才能发放 / pay after the quarter ended");
        }
        Map<Long, Long> points = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        jdbc.sql("""
                select person_id, max(person_name), sum(points) from fund_postings where county_code = ? and village_code = ? and period_month in (?, ?, ?)
                group by person_id order by person_id""").params(a.countyCode(), villageCode, months.get(0), months.get(1), months.get(2))
                .query(rs -> {
                    points.put(rs.getLong(1), rs.getLong(3));
                    names.put(rs.getLong(1), rs.getString(2));
                });
        long poolFen = poolYuan.movePointRight(2).longValueExact();
        Map<Long, Long> shares = splitter.split(poolFen, points);
        long weighted = points.values().stream().filter(p -> p > 0).mapToLong(Long::longValue).sum();
        if (shares.isEmpty()) {
            throw new ConflictException("quarter", "本季度没有正的信用积分 / no positive credit points this quarter");
        }
        long id = Ids.next();
        LocalDateTime now = now();
        try {
            jdbc.sql("""
                    insert into fund_payouts (county_code, id, village_code, quarter, pool_fen, weighted_points, status, created_by_name, created_at)
                    values (?, ?, ?, ?, ?, ?, 'PUBLISHED', ?, ?)""")
                    .params(a.countyCode(), id, villageCode, quarter.trim(), poolFen, weighted, a.displayName(), now).update();
        } catch (DuplicateKeyException twice) {
            throw new ConflictException("quarter", "本季度已发放 / this quarter was paid");
        }
        List<NoticeItem> items = new ArrayList<>();
        for (Map.Entry<Long, Long> s : shares.entrySet()) {
            long person = s.getKey();
            jdbc.sql("insert into fund_payout_shares (county_code, payout_id, person_id, person_name, points, fen) values (?, ?, ?, ?, ?, ?)")
                    .params(a.countyCode(), id, person, names.get(person), points.get(person), s.getValue()).update();
            items.add(new NoticeItem(String.valueOf(person), ActivityHourLists.maskName(names.get(person)),
                    "信用积分 " + points.get(person) + " 分,福利 " + BigDecimal.valueOf(s.getValue(), 2) + " 元"));
        }
        long notice = ScopeGuard.asSystem(a.countyCode(), () -> notices.publish(new NewNotice(villageCode, "CREDIT_FUND", "activities.fund",
                String.valueOf(id), quarter.trim() + " 信用基金福利发放公示",
                "基金 " + poolYuan.setScale(2) + " 元,按本季度信用积分 " + weighted + " 分分配,每分约 "
                        + BigDecimal.valueOf(poolFen, 2).divide(BigDecimal.valueOf(weighted), 2, java.math.RoundingMode.HALF_UP) + " 元。",
                null, items)));
        jdbc.sql("update fund_payouts set notice_id = ? where county_code = ? and id = ?").params(notice, a.countyCode(), id).update();
        events.publishEvent(new Audited(a.countyCode(), "activities.fund_payout", "fund_payout", String.valueOf(id), null, null,
                quarter.trim() + " " + poolYuan.setScale(2) + " yuan"));
        return payout(id);
    }

    public Payout payout(long id) {
        Actor a = ActivitiesPolicy.reader();
        Payout p = jdbc.sql("select id, village_code, quarter, pool_fen, weighted_points, status, notice_id, created_at from fund_payouts where county_code = ? and id = ?")
                .params(a.countyCode(), id).query((rs, i) -> {
                    long n = rs.getLong(7);
                    Long notice = rs.wasNull() ? null : n;
                    return new Payout(rs.getLong(1), rs.getString(2), rs.getString(3), BigDecimal.valueOf(rs.getLong(4), 2), rs.getLong(5),
                            rs.getString(6), notice, rs.getTimestamp(8).toLocalDateTime(), List.of());
                }).optional().orElseThrow(() -> new NotFoundException("未找到发放记录 / no such payout"));
        ActivitiesPolicy.readVillage(a, a.countyCode(), p.villageCode());
        List<Share> shares = jdbc.sql("select person_id, person_name, points, fen from fund_payout_shares where county_code = ? and payout_id = ? order by fen desc, person_id")
                .params(a.countyCode(), id).query((rs, i) -> new Share(rs.getLong(1), rs.getString(2), rs.getLong(3), BigDecimal.valueOf(rs.getLong(4), 2)))
                .list();
        return new Payout(p.id(), p.villageCode(), p.quarter(), p.poolYuan(), p.weightedPoints(), p.status(), p.noticeId(), p.createdAt(), shares);
    }

    public List<Payout> payouts(String villageCode) {
        Actor a = ActivitiesPolicy.reader();
        ActivitiesPolicy.readVillage(a, a.countyCode(), villageCode);
        return jdbc.sql("select id from fund_payouts where county_code = ? and village_code = ? order by quarter desc").params(a.countyCode(), villageCode)
                .query(Long.class).list().stream().map(this::payout).toList();
    }

    /** Past quarters with posted points but no payout (the fund pays at least once a quarter). */
    public List<String> overdue(String villageCode) {
        Actor a = ActivitiesPolicy.reader();
        ActivitiesPolicy.readVillage(a, a.countyCode(), villageCode);
        YearMonth current = YearMonth.from(now());
        Set<String> paid = new HashSet<>(jdbc.sql("select quarter from fund_payouts where county_code = ? and village_code = ?")
                .params(a.countyCode(), villageCode).query(String.class).list());
        Set<String> out = new java.util.TreeSet<>();
        for (String m : jdbc.sql("select distinct period_month from fund_postings where county_code = ? and village_code = ?")
                .params(a.countyCode(), villageCode).query(String.class).list()) {
            YearMonth ym = YearMonth.parse(m);
            String q = ym.getYear() + "-Q" + ((ym.getMonthValue() + 2) / 3);
            YearMonth qEnd = YearMonth.of(ym.getYear(), ((ym.getMonthValue() + 2) / 3) * 3);
            if (qEnd.isBefore(current) && !paid.contains(q)) {
                out.add(q);
            }
        }
        return List.copyOf(out);
    }
}
