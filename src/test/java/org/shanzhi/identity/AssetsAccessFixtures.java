package org.shanzhi.identity;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.shanzhi.common.Ids;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Placeholders of the 三资 (文登) and 便民代办 (昌江) endpoints: a fresh ledger entry, a draft contract and a signed one past
 * its trial month in the role's village (inside or outside); a month never disclosed; a catalogue item of the household's
 * county; a service request on the role's household's reported case, and one whose case waits for the rating.
 */
class AssetsAccessFixtures {

    /** Months from 1950 on, a different one for every request (a month is disclosed once). */
    private static final AtomicInteger MONTHS = new AtomicInteger(ThreadLocalRandom.current().nextInt(600));

    private final JdbcTemplate jdbc;

    AssetsAccessFixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, String> extend(Map<String, String> base, long[] household, String village) {
        Map<String, Supplier<String>> lazy = new HashMap<>();
        lazy.put("assetsEntry", () -> String.valueOf(entry(village)));
        lazy.put("assetsContract", () -> String.valueOf(contract(village, false)));
        lazy.put("assetsSignedContract", () -> String.valueOf(contract(village, true)));
        lazy.put("assetsPeriod", () -> YearMonth.of(1950, 1).plusMonths(MONTHS.getAndIncrement() % 2400).toString());
        lazy.put("serviceItem", () -> item("469030"));
        lazy.put("serviceRequest", () -> String.valueOf(request(household, Long.parseLong(base.get("caseReported")))));
        lazy.put("serviceRequestFeedback", () -> String.valueOf(request(household, Long.parseLong(base.get("caseFeedback")))));
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

    private long entry(String village) {
        long id = Ids.next();
        jdbc.update("""
                insert into collective_entries (county_code, id, village_code, direction, category, amount_yuan, entry_date, contract_id, reverses_id,
                    note, created_by_name, created_at) values (?, ?, ?, 'INCOME', 'LEASE', 10.00, ?, null, null, '测试', '测试', ?)""",
                village.substring(0, 6), id, village, LocalDate.of(2026, 3, 1), LocalDateTime.now());
        return id;
    }

    private long contract(String village, boolean signed) {
        long id = Ids.next();
        jdbc.update("""
                insert into collective_contracts (county_code, id, village_code, kind, title, party, amount_yuan, tender_ref, matter_id, status,
                    signed_on, trial_ends_on, created_by_name, created_at) values (?, ?, ?, 'PURCHASE', '测试合同', '测试方', 100.00, null, null, ?, ?, ?, '测试', ?)""",
                village.substring(0, 6), id, village, signed ? "SIGNED" : "DRAFT", signed ? LocalDate.of(2026, 1, 5) : null,
                signed ? LocalDate.of(2026, 2, 5) : null, LocalDateTime.now());
        return id;
    }

    private String item(String county) {
        if (jdbc.queryForObject("select count(*) from service_items where county_code = ? and code = 'ACCESS01'", Long.class, county) == 0) {
            jdbc.update("""
                    insert into service_items (county_code, id, code, name, mode, online, by_phone, documents, limit_days, active)
                    values (?, ?, 'ACCESS01', '访问矩阵测试事项', 'PROXY', true, false, '身份证', 5, true)""", county, Ids.next());
        }
        return "ACCESS01";
    }

    private long request(long[] household, long caseId) {
        Map<String, Object> h = jdbc.queryForMap("select county_code, village_code from households where id = ?", household[0]);
        String county = (String) h.get("county_code");
        item(county);
        long itemId = jdbc.queryForObject("select id from service_items where county_code = ? and code = 'ACCESS01'", Long.class, county);
        long id = Ids.next();
        LocalDateTime t = LocalDateTime.of(2026, 3, 3, 8, 0);
        jdbc.update("""
                insert into service_requests (county_code, id, item_id, case_id, household_id, village_code, due_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", county, id, itemId, caseId, household[0], h.get("village_code"), t.plusDays(5), t);
        return id;
    }
}
