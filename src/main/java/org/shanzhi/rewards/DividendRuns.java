package org.shanzhi.rewards;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.disclosure.NewNotice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.disclosure.NoticeItem;
import org.shanzhi.points.PointsWallet;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.rewards.internal.RewardsPolicy;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dividends by points (平湖): a pool in yuan split over the village's households by their positive points of a year
 * ({@link Dividends#split}); the run is put on public notice before it may be marked paid.
 */
@Service
public class DividendRuns {

    private final JdbcClient jdbc;
    private final PointsWallet wallet;
    private final NoticeBoard notices;
    private final Registry registry;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DividendRuns(JdbcClient jdbc, PointsWallet wallet, NoticeBoard notices, Registry registry, Territory territory,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.wallet = wallet;
        this.notices = notices;
        this.registry = registry;
        this.territory = territory;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public DividendRun create(String villageCode, Integer year, BigDecimal poolYuan) {
        if (villageCode == null || !villageCode.matches("\\d{12}")
                || territory.find(villageCode).filter(d -> d.level() == Level.VILLAGE).isEmpty()) {
            throw new InvalidInputException("villageCode", "行政村不存在 / no such village");
        }
        Actor a = RewardsPolicy.requireManager(Level.countyOf(villageCode), villageCode);
        if (year == null || year < 2000 || year > 2100) {
            throw new InvalidInputException("year", "年度应为 2000 到 2100 / year 2000..2100");
        }
        long pool = Supermarket.fen(poolYuan, "poolYuan");
        Map<Long, Long> points = wallet.householdPoints(a.countyCode(), villageCode, year);
        Dividends.Split split = Dividends.split(pool, points);
        long id = Ids.next();
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                insert into rewards_dividend_runs (county_code, id, village_code, year_no, pool_fen, weighted_points, fen_per_point, status,
                    created_by_name, created_at) values (?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?)""")
                .params(a.countyCode(), id, villageCode, year, pool, split.weightedPoints(), split.yuanPerPoint().movePointRight(2).longValue(),
                        a.displayName(), now)
                .update();
        for (Dividends.Share s : split.shares()) {
            jdbc.sql("insert into rewards_dividend_shares (county_code, run_id, household_id, points, amount_fen) values (?, ?, ?, ?, ?)")
                    .params(a.countyCode(), id, s.subjectId(), s.points(), s.fen()).update();
        }
        events.publishEvent(new Audited(a.countyCode(), "rewards.dividend_created", "dividend_run", String.valueOf(id), null, null,
                "pool=" + BigDecimal.valueOf(pool, 2) + ", points=" + split.weightedPoints() + ", households=" + split.shares().size()));
        return run(id);
    }

    public DividendRun run(long id) {
        Actor a = ScopeGuard.actor();
        DividendRun r = jdbc.sql("""
                select id, village_code, year_no, pool_fen, weighted_points, fen_per_point, status, notice_id, created_at, published_at, paid_at
                from rewards_dividend_runs where county_code = ? and id = ?""").params(a.countyCode(), id)
                .query((rs, i) -> new DividendRun(rs.getLong(1), rs.getString(2), rs.getInt(3), BigDecimal.valueOf(rs.getLong(4), 2), rs.getLong(5),
                        BigDecimal.valueOf(rs.getLong(6), 2), rs.getString(7), rs.getObject(8, Long.class), ts(rs.getTimestamp(9)),
                        ts(rs.getTimestamp(10)), ts(rs.getTimestamp(11)), List.of()))
                .optional().orElseThrow(() -> new NotFoundException("分红方案不存在 / no such dividend run"));
        RewardsPolicy.requireReader(a.countyCode(), r.villageCode());
        List<DividendRun.Share> shares = jdbc.sql("""
                select household_id, points, amount_fen from rewards_dividend_shares where county_code = ? and run_id = ?
                order by points desc, household_id""").params(a.countyCode(), id)
                .query((rs, i) -> new DividendRun.Share(rs.getLong(1), label(a.countyCode(), rs.getLong(1)), rs.getLong(2),
                        BigDecimal.valueOf(rs.getLong(3), 2))).list();
        return new DividendRun(r.id(), r.villageCode(), r.year(), r.poolYuan(), r.weightedPoints(), r.yuanPerPoint(), r.status(), r.noticeId(),
                r.createdAt(), r.publishedAt(), r.paidAt(), shares);
    }

    public List<DividendRun> runs(String villageCode) {
        Actor a = ScopeGuard.actor();
        if (villageCode == null || !villageCode.matches("\\d{12}")) {
            throw new InvalidInputException("village", "请选择行政村 / choose a village");
        }
        RewardsPolicy.requireReader(a.countyCode(), villageCode);
        return jdbc.sql("select id from rewards_dividend_runs where county_code = ? and village_code = ? order by created_at desc, id desc")
                .params(a.countyCode(), villageCode).query(Long.class).list().stream().map(this::run).toList();
    }

    /** Puts the run on public notice (公示): every household's points and amount, names masked. */
    @Transactional
    public DividendRun publish(long id) {
        DividendRun r = run(id);
        Actor a = RewardsPolicy.requireManager(ScopeGuard.actor().countyCode(), r.villageCode());
        LocalDateTime now = LocalDateTime.now(clock);
        int n = jdbc.sql("update rewards_dividend_runs set status = 'PUBLISHED', published_at = ? where county_code = ? and id = ? and status = 'DRAFT'")
                .params(now, a.countyCode(), id).update();
        if (n == 0) {
            throw new ConflictException("status", "分红方案已公示 / the run is already published");
        }
        List<NoticeItem> items = new ArrayList<>();
        for (DividendRun.Share s : r.shares()) {
            items.add(new NoticeItem(String.valueOf(s.householdId()), s.label(), "积分 " + s.points() + " 分,分红 " + s.amountYuan() + " 元"));
        }
        long notice = notices.publish(new NewNotice(r.villageCode(), "DIVIDEND", "rewards.dividend", String.valueOf(id),
                r.year() + "年度股份分红(善治积分)公示",
                "分红总额 " + r.poolYuan() + " 元,按正积分 " + r.weightedPoints() + " 分分配,每分约 " + r.yuanPerPoint() + " 元;零分及负分不参与分配。",
                null, items));
        jdbc.sql("update rewards_dividend_runs set notice_id = ? where county_code = ? and id = ?").params(notice, a.countyCode(), id).update();
        events.publishEvent(new Audited(a.countyCode(), "rewards.dividend_published", "dividend_run", String.valueOf(id), null, "DRAFT",
                "PUBLISHED, notice=" + notice));
        return run(id);
    }

    /** Marks a published run paid; a run that was never on notice is refused. */
    @Transactional
    public DividendRun markPaid(long id) {
        DividendRun r = run(id);
        Actor a = RewardsPolicy.requireManager(ScopeGuard.actor().countyCode(), r.villageCode());
        int n = jdbc.sql("update rewards_dividend_runs set status = 'PAID', paid_at = ? where county_code = ? and id = ? and status = 'PUBLISHED'")
                .params(LocalDateTime.now(clock), a.countyCode(), id).update();
        if (n == 0) {
            throw new ConflictException("status", "分红方案须先公示,且只能发放一次 / publish the run first; it is paid once");
        }
        events.publishEvent(new Audited(a.countyCode(), "rewards.dividend_paid", "dividend_run", String.valueOf(id), null, "PUBLISHED", "PAID"));
        return run(id);
    }

    private String label(String county, long householdId) {
        try {
            Household h = ScopeGuard.asSystem(county, () -> registry.household(householdId));
            return h.number() + " " + RewardsPolicy.maskName(h.headName()) + "户";
        } catch (NotFoundException e) {
            return "户 " + householdId;
        }
    }

    private static LocalDateTime ts(java.sql.Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}
