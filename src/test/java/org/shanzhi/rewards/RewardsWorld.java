package org.shanzhi.rewards;

import org.shanzhi.support.StoredScores;
import java.time.LocalDateTime;
import java.util.concurrent.ThreadLocalRandom;
import org.shanzhi.common.Ids;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test data of the rewards tests: a fresh village in a test county of its own (469097, not a real county), so no count of the
 * demo county's divisions changes; households with credited points.
 */
final class RewardsWorld {

    static final String COUNTY = "469097";
    static final String TOWNSHIP = "469097100";

    private final JdbcTemplate jdbc;

    RewardsWorld(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new village of the test county, its own for one test. */
    String village() {
        synchronized (RewardsWorld.class) {
            if (jdbc.queryForObject("select count(*) from divisions where code = ?", Long.class, COUNTY) == 0) {
                jdbc.update("insert into divisions (code, name, level, parent_code, county_code) values (?, '测试县', 'COUNTY', null, ?)", COUNTY, COUNTY);
                jdbc.update("insert into divisions (code, name, level, parent_code, county_code) values (?, '测试镇', 'TOWNSHIP', ?, ?)", TOWNSHIP, COUNTY, COUNTY);
            }
        }
        while (true) {
            String code = TOWNSHIP + (100 + ThreadLocalRandom.current().nextInt(899));
            if (jdbc.queryForObject("select count(*) from divisions where code = ?", Long.class, code) == 0) {
                jdbc.update("insert into divisions (code, name, level, parent_code, county_code) values (?, ?, 'VILLAGE', ?, ?)",
                        code, "测试村" + code.substring(9), TOWNSHIP, COUNTY);
                return code;
            }
        }
    }

    long household(String village) {
        long id = Ids.next();
        jdbc.update("""
                insert into households (id, county_code, village_code, group_code, grid_id, number, address, phone, tags, extra, created_at)
                values (?, ?, ?, null, null, ?, '测试', null, '', null, ?)""", id, village.substring(0, 6), village, "RW" + id, LocalDateTime.now());
        return id;
    }

    /** Credits points to a household for 2026 (a CREDIT entry and its balance, as the ledger writes them). */
    void credit(long household, String village, long points) {
        long id = Ids.next();
        jdbc.update("""
                insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, year_no, period_month,
                    points, kind, event_id, reason, created_by_name, created_at, idempotency_key)
                values (?, ?, 'HOUSEHOLD', ?, ?, ?, 2026, '2026-02', ?, 'CREDIT', null, '测试', '测试', ?, ?)""",
                county(household), id, household, household, village, points, LocalDateTime.now(), "test-credit:" + id);
        StoredScores.add(jdbc, county(household), village, "2026-02", household, points, "CREDIT");
        jdbc.update("insert into points_balances (county_code, subject_type, subject_id, year_no, honour, spendable) values (?, 'HOUSEHOLD', ?, 2026, 0, 0) on conflict do nothing",
                county(household), household);
        jdbc.update("update points_balances set honour = honour + ?, spendable = spendable + ? where county_code = ? and subject_type = 'HOUSEHOLD' and subject_id = ? and year_no = 2026",
                points, points, county(household), household);
    }

    private String county(long household) {
        return jdbc.queryForObject("select county_code from households where id = ?", String.class, household);
    }

    long spendable(long household) {
        return jdbc.queryForObject("select spendable from points_balances where county_code = ? and subject_type = 'HOUSEHOLD' and subject_id = ? and year_no = 2026",
                Long.class, county(household), household);
    }

    long ledgerSum(long household) {
        return jdbc.queryForObject("select coalesce(sum(points), 0) from points_ledger where county_code = ? and subject_type = 'HOUSEHOLD' and subject_id = ? and year_no = 2026",
                Long.class, county(household), household);
    }

    int stock(long goods) {
        return jdbc.queryForObject("select stock from rewards_goods where id = ?", Integer.class, goods);
    }
}
