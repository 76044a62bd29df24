package org.shanzhi.rewards;

import java.time.LocalDate;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ScopeGuard;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read-only figures of the points supermarket for cockpits, aggregated in SQL: redemption codes issued in the
 * year (and how many were used at a counter), and the villages' budgets of the year with what was used of them.
 */
@Service
public class RewardsFigures {

    public record Figures(String area, int year, long redemptions, long used, long points, long valueFen, long budgetFen,
            long budgetUsedFen) {
    }

    private final JdbcClient jdbc;

    RewardsFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Figures figures(String division, int year) {
        Actor a = ScopeGuard.actor();
        String area = ScopeGuard.area(division);
        long[] r = jdbc.sql("""
                select count(*), coalesce(sum(case when status = 'USED' then 1 else 0 end), 0), coalesce(sum(points), 0),
                       coalesce(sum(value_fen), 0)
                from rewards_redemptions where county_code = ? and village_code like ? and issued_at >= ? and issued_at < ?""")
                .params(a.countyCode(), area + "%", LocalDate.of(year, 1, 1).atStartOfDay(), LocalDate.of(year + 1, 1, 1).atStartOfDay())
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single();
        long[] b = jdbc.sql("select coalesce(sum(amount_fen), 0), coalesce(sum(used_fen), 0) from rewards_budgets"
                + " where county_code = ? and village_code like ? and year_no = ?").params(a.countyCode(), area + "%", year)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        return new Figures(area, year, r[0], r[1], r[2], r[3], b[0], b[1]);
    }
}
