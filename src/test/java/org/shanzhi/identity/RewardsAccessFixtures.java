package org.shanzhi.identity;

import org.shanzhi.support.StoredScores;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.shanzhi.common.Ids;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Placeholders of the rewards endpoints (issue 5). Inside: the demo merchant's counter in 便文村 (so the merchant
 * confirms its own codes), fresh goods there, a fresh code of the role's household (credited with the point it
 * costs); outside: a fresh counter, goods and code in the role's outside village or household.
 */
class RewardsAccessFixtures {

    static final String HOME_VILLAGE = "469030202200";

    private final JdbcTemplate jdbc;

    RewardsAccessFixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, String> extend(Map<String, String> base, long[] household, String village) {
        boolean home = HOME_VILLAGE.equals(village);
        Map<String, Supplier<String>> lazy = new HashMap<>();
        Map<String, Long> made = new HashMap<>();
        Supplier<Long> merchant = () -> made.computeIfAbsent("m", k -> home ? demoCounter() : counter(village));
        lazy.put("merchant", () -> String.valueOf(merchant.get()));
        lazy.put("goods", () -> String.valueOf(goods(merchant.get(), village)));
        lazy.put("code", () -> {
            String hv = String.valueOf(household[1]);
            long m = HOME_VILLAGE.equals(hv) ? demoCounter() : counter(hv);
            return code(m, hv, household[0]);
        });
        lazy.put("run", () -> String.valueOf(run(village)));
        // 文明银行: the branch of the village (and its township's head office) exist; fresh services and accounts
        lazy.put("bankVillage", () -> {
            branch(village);
            return village;
        });
        lazy.put("bankHousehold", () -> {
            branch(String.valueOf(household[1]));
            return String.valueOf(household[0]);
        });
        lazy.put("bankService", () -> String.valueOf(made.computeIfAbsent("bs", k -> bankService(String.valueOf(household[1])))));
        lazy.put("bankAccount", () -> String.valueOf(made.computeIfAbsent("ba", k -> bankAccount(String.valueOf(household[1]), household[0]))));
        return new HashMap<>() {
            @Override
            public String get(Object key) {
                if (lazy.containsKey(key)) {
                    return computeIfAbsent((String) key, k -> lazy.get(k).get());
                }
                return base.get(key);
            }
        };
    }

    private long demoCounter() {
        long account = jdbc.queryForObject("select id from accounts where username = 'merchant'", Long.class);
        return jdbc.queryForObject("select min(id) from rewards_merchants where village_code = ? and account_id = ?", Long.class,
                HOME_VILLAGE, account);
    }

    private long counter(String village) {
        long id = Ids.next();
        jdbc.update("insert into rewards_merchants (county_code, id, village_code, account_id, name, created_at) values (?, ?, ?, -1, '测试柜台', ?)",
                village.substring(0, 6), id, village, LocalDateTime.now());
        return id;
    }

    private long goods(long merchant, String village) {
        long id = Ids.next();
        jdbc.update("""
                insert into rewards_goods (county_code, id, merchant_id, village_code, name, category, kind, price_points, stock, active, created_at)
                values (?, ?, ?, ?, '测试商品', '日用品', 'GOODS', 1, 100, true, ?)""", village.substring(0, 6), id, merchant, village, LocalDateTime.now());
        return id;
    }

    /** An ISSUED code for one unit of fresh goods; the household gets the point it costs (and the village a budget). */
    private String code(long merchant, String village, long household) {
        String county = village.substring(0, 6);
        long goods = goods(merchant, village);
        long ledger = Ids.next();
        jdbc.update("""
                insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, year_no, period_month,
                    points, kind, reason, created_by_name, created_at, idempotency_key)
                values (?, ?, 'HOUSEHOLD', ?, ?, ?, 2026, '2026-02', 1, 'CREDIT', '测试', '测试', ?, ?)""",
                county, ledger, household, household, village, LocalDateTime.now(), "test-credit:" + ledger);
        StoredScores.add(jdbc, county, village, "2026-02", household, 1, "CREDIT");
        jdbc.update("insert into points_balances (county_code, subject_type, subject_id, year_no, honour, spendable) values (?, 'HOUSEHOLD', ?, 2026, 0, 0) on conflict do nothing",
                county, household);
        jdbc.update("update points_balances set honour = honour + 1, spendable = spendable + 1 where county_code = ? and subject_type = 'HOUSEHOLD' and subject_id = ? and year_no = 2026",
                county, household);
        jdbc.update("""
                insert into rewards_budgets (county_code, village_code, year_no, amount_fen, used_fen, fen_per_point, updated_by_name, updated_at)
                values (?, ?, 2026, 100000000, 0, 100, '测试', ?) on conflict do nothing""", county, village, LocalDateTime.now());
        while (true) {
            String code = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
            int n = jdbc.update("""
                    insert into rewards_redemptions (county_code, id, code, village_code, household_id, merchant_id, goods_id, goods_name,
                        quantity, points, value_fen, status, issued_by_name, issued_at, expires_at)
                    values (?, ?, ?, ?, ?, ?, ?, '测试商品', 1, 1, 100, 'ISSUED', '测试', ?, ?) on conflict do nothing""",
                    county, Ids.next(), code, village, household, merchant, goods, LocalDateTime.now(), LocalDateTime.of(2099, 1, 1, 0, 0));
            if (n == 1) {
                return code;
            }
        }
    }

    private long branch(String village) {
        String county = village.substring(0, 6);
        String township = village.substring(0, 9);
        LocalDateTime now = LocalDateTime.now();
        jdbc.update("""
                insert into rewards_bank_offices (county_code, id, division_code, kind, parent_id, name, created_by_name, created_at)
                values (?, ?, ?, 'HEAD', null, '测试总行', '测试', ?) on conflict do nothing""", county, Ids.next(), township, now);
        long head = jdbc.queryForObject("select id from rewards_bank_offices where county_code = ? and division_code = ?", Long.class, county, township);
        jdbc.update("""
                insert into rewards_bank_offices (county_code, id, division_code, kind, parent_id, name, created_by_name, created_at)
                values (?, ?, ?, 'BRANCH', ?, '测试支行', '测试', ?) on conflict do nothing""", county, Ids.next(), village, head, now);
        return jdbc.queryForObject("select id from rewards_bank_offices where county_code = ? and division_code = ?", Long.class, county, village);
    }

    private long bankService(String village) {
        long office = branch(village);
        long id = Ids.next();
        jdbc.update("""
                insert into rewards_bank_services (county_code, id, office_id, village_code, name, audience, price_points, places, booked,
                    starts_on, active, created_by_name, created_at) values (?, ?, ?, ?, '测试服务', 'ALL', 1, 100, 0, null, true, '测试', ?)""",
                village.substring(0, 6), id, office, village, LocalDateTime.now());
        return id;
    }

    /** A fresh minor's account of the household, which gets the point a booking costs. */
    private long bankAccount(String village, long household) {
        long office = branch(village);
        String county = village.substring(0, 6);
        long id = Ids.next();
        jdbc.update("""
                insert into rewards_bank_accounts (county_code, id, office_id, village_code, household_id, holder_type, holder_name,
                    opened_by_name, opened_at) values (?, ?, ?, ?, ?, 'MINOR', ?, '测试', ?)""",
                county, id, office, village, household, "测试" + id, LocalDateTime.now());
        long ledger = Ids.next();
        jdbc.update("""
                insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, year_no, period_month,
                    points, kind, reason, created_by_name, created_at, idempotency_key)
                values (?, ?, 'HOUSEHOLD', ?, ?, ?, 2026, '2026-02', 1, 'CREDIT', '测试', '测试', ?, ?)""",
                county, ledger, household, household, village, LocalDateTime.now(), "test-credit:" + ledger);
        StoredScores.add(jdbc, county, village, "2026-02", household, 1, "CREDIT");
        jdbc.update("insert into points_balances (county_code, subject_type, subject_id, year_no, honour, spendable) values (?, 'HOUSEHOLD', ?, 2026, 0, 0) on conflict do nothing",
                county, household);
        jdbc.update("update points_balances set honour = honour + 1, spendable = spendable + 1 where county_code = ? and subject_type = 'HOUSEHOLD' and subject_id = ? and year_no = 2026",
                county, household);
        return id;
    }

    private long run(String village) {
        long id = Ids.next();
        jdbc.update("""
                insert into rewards_dividend_runs (county_code, id, village_code, year_no, pool_fen, weighted_points, fen_per_point, status,
                    created_by_name, created_at) values (?, ?, ?, 2026, 0, 0, 0, 'DRAFT', '测试', ?)""",
                village.substring(0, 6), id, village, LocalDateTime.now());
        return id;
    }
}
