package org.shanzhi.rewards;

import java.time.LocalDateTime;
import java.util.concurrent.ThreadLocalRandom;
import org.shanzhi.common.Ids;
import org.springframework.jdbc.core.JdbcTemplate;

/** Test data of the rewards tests: a fresh village of 什运乡, households with credited points. */
final class RewardsWorld {

    static final String COUNTY = "469030";

    private final JdbcTemplate jdbc;

    RewardsWorld(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new village under 什运乡 (469030202), its own for one test. */
    String village() {
        while (true) {
            String code = "469030202" + (500 + ThreadLocalRandom.current().nextInt(499));
            if (jdbc.queryForObject("select count(*) from divisions where code = ?", Long.class, code) == 0) {
                jdbc.update("insert into divisions (code, name, level, parent_code, county_code) values (?, ?, 'VILLAGE', '469030202', ?)",
                        code, "测试村" + code.substring(9), COUNTY);
                return code;
            }
        }
    }

    long household(String village) {
        long id = Ids.next();
        jdbc.update("""
                insert into households (id, county_code, village_code, group_code, grid_id, number, address, phone, tags, extra, created_at)
                values (?, ?, ?, null, null, ?, '测试', null, '', null, ?)""", id, COUNTY, village, "RW" + id, LocalDateTime.now());
        return id;
    }

    /** Credits points to a household for 2026 (a CREDIT entry and its balance, as the ledger writes them). */
    void credit(long household, String village, long points) {
        long id = Ids.next();
        jdbc.update("""
                insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, year_no, period_month,
                    points, kind, event_id, reason, created_by_name, created_at, idempotency_key)
                values (?, ?, 'HOUSEHOLD', ?, ?, ?, 2026, '2026-02', ?, 'CREDIT', null, '测试', '测试', ?, ?)""",
                COUNTY, id, household, household, village, points, LocalDateTime.now(), "test-credit:" + id);
        jdbc.update("insert into points_balances (county_code, subject_type, subject_id, year_no, honour, spendable) values (?, 'HOUSEHOLD', ?, 2026, 0, 0) on conflict do nothing",
                COUNTY, household);
        jdbc.update("update points_balances set honour = honour + ?, spendable = spendable + ? where county_code = ? and subject_type = 'HOUSEHOLD' and subject_id = ? and year_no = 2026",
                points, points, COUNTY, household);
    }

    long spendable(long household) {
        return jdbc.queryForObject("select spendable from points_balances where county_code = ? and subject_type = 'HOUSEHOLD' and subject_id = ? and year_no = 2026",
                Long.class, COUNTY, household);
    }

    long ledgerSum(long household) {
        return jdbc.queryForObject("select coalesce(sum(points), 0) from points_ledger where county_code = ? and subject_type = 'HOUSEHOLD' and subject_id = ? and year_no = 2026",
                Long.class, COUNTY, household);
    }

    int stock(long goods) {
        return jdbc.queryForObject("select stock from rewards_goods where id = ?", Integer.class, goods);
    }
}
