package org.shanzhi.points;

import java.util.ArrayList;
import java.util.List;
import org.shanzhi.common.Actor;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.ScopeGuard;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read-only figures of the points system for cockpits, aggregated in SQL over the stored per-month scores
 * (points_scores, kept by the ledger's writer in the entry's transaction; indexed by county, year and area): points earned are the ledger's CREDIT entries less their REVERSAL entries of the year; a household
 * takes part when it received at least one credit in the year.
 */
@Service
public class PointsFigures {

    /** Points earned in a month and how many households earned any. */
    public record Month(String month, long points, long households) {
    }

    /** Households whose points of the year fall in [{@code from}, {@code to}) ({@code to} null: no upper end). */
    public record Bucket(long from, Long to, long households) {
    }

    /** Points earned in a sub-area and its households that took part. */
    public record Area(String code, long points, long households) {
    }

    public record HouseholdScore(long householdId, String villageCode, long points) {
    }

    public record Figures(String area, int year, long participating, long points, List<Month> months, List<Bucket> distribution,
            List<Area> byArea, List<HouseholdScore> top, List<HouseholdScore> bottom) {
    }

    static final long[] BOUNDS = {0, 10, 20, 50, 100};
    /** Rows of the stored scores (points_scores: the ledger's CREDIT + REVERSAL sums per subject, village and month). */
    private static final String EARNED = " from points_scores where county_code = :county and year_no = :year and village_code like :area"
            + " and entries > 0 and household_id is not null";

    private final JdbcClient jdbc;

    PointsFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Figures of {@code division} (narrowed to the caller's scope) for {@code year}, with sub-areas by the first
     * {@code childLength} digits of the village code and the {@code n} best and worst households.
     */
    public Figures figures(String division, int year, int childLength, int n) {
        Actor a = ScopeGuard.actor();
        String area = ScopeGuard.area(division);
        if (childLength != 9 && childLength != 12) {
            throw new InvalidInputException("childLength", "只能按乡镇或村汇总 / by township or village only");
        }
        var p = new java.util.LinkedHashMap<String, Object>();
        p.put("county", a.countyCode());
        p.put("area", area + "%");
        p.put("year", year);
        long participating = jdbc.sql("select count(distinct household_id)" + EARNED + " and credits > 0")
                .params(p).query(Long.class).single();
        List<Month> months = jdbc.sql("select period_month, coalesce(sum(points), 0), count(distinct household_id)" + EARNED
                + " group by period_month order by period_month").params(p)
                .query((rs, i) -> new Month(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
        long total = months.stream().mapToLong(Month::points).sum();
        StringBuilder bucket = new StringBuilder("case");
        for (int i = 0; i < BOUNDS.length; i++) {
            bucket.append(" when s < ").append(BOUNDS[i]).append(" then ").append(i);
        }
        bucket.append(" else ").append(BOUNDS.length).append(" end");
        long[] counts = new long[BOUNDS.length + 1];
        jdbc.sql("select b, count(*) from (select " + bucket + " as b from (select household_id, sum(points) as s" + EARNED
                + " group by household_id) t) u group by b").params(p)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list().forEach(r -> counts[(int) r[0]] = r[1]);
        List<Bucket> distribution = new ArrayList<>();
        for (int i = 0; i <= BOUNDS.length; i++) {
            distribution.add(new Bucket(i == 0 ? Long.MIN_VALUE : BOUNDS[i - 1], i < BOUNDS.length ? BOUNDS[i] : null, counts[i]));
        }
        String key = "substring(village_code, 1, " + childLength + ")";
        List<Area> byArea = jdbc.sql("select " + key + ", coalesce(sum(points), 0), count(distinct household_id)" + EARNED + " group by " + key
                + " order by " + key).params(p).query((rs, i) -> new Area(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
        String perHousehold = "select household_id, village_code, sum(points) as s" + EARNED + " group by household_id, village_code order by s ";
        List<HouseholdScore> top = jdbc.sql(perHousehold + "desc, household_id limit " + n).params(p)
                .query((rs, i) -> new HouseholdScore(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
        List<HouseholdScore> bottom = jdbc.sql(perHousehold + "asc, household_id limit " + n).params(p)
                .query((rs, i) -> new HouseholdScore(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
        return new Figures(area, year, participating, total, months, distribution, byArea, top, bottom);
    }
}
