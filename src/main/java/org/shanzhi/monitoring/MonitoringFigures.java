package org.shanzhi.monitoring;

import java.util.List;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ScopeGuard;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read-only monitoring figures for cockpits, aggregated in SQL: return-to-poverty monitoring cases by kind and
 * step (status), the latest campaigns' form progress, the cadre duty completion of a month and the branch stars
 * of a year, all within an area (county, township or village code prefix).
 */
@Service
public class MonitoringFigures {

    /** Cases of a kind (null: not yet classified) in a status, with the status's label. */
    public record KindStep(String kind, String status, String label, long cases) {
    }

    public record CampaignProgress(long id, String title, long forms, long filled, long evaluated) {
    }

    /** Village duties (with a responsible cadre) in the area, how many were self-scored for the month, how many reviewed. */
    public record DutyCompletion(String month, long duties, long scored, long reviewed) {
    }

    public record StarCount(int stars, long villages) {
    }

    public record Figures(String area, List<KindStep> cases, List<CampaignProgress> campaigns, DutyCompletion duties,
            List<StarCount> stars, long weakLax) {
    }

    private final JdbcClient jdbc;

    MonitoringFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Figures of the area; {@code month} as yyyy-MM for duties, {@code year} for stars, the {@code n} latest campaigns. */
    public Figures figures(String division, String month, int year, int n) {
        Actor a = ScopeGuard.actor();
        String area = ScopeGuard.area(division);
        String county = a.countyCode();
        String like = area + "%";
        List<KindStep> cases = jdbc.sql("select kind, status, count(*) from monitoring_cases where county_code = ? and village_code like ?"
                + " group by kind, status order by kind, status").params(county, like)
                .query((rs, i) -> new KindStep(rs.getString(1), rs.getString(2),
                        Monitoring.STATUS_LABELS.getOrDefault(rs.getString(2), rs.getString(2)), rs.getLong(3)))
                .list();
        List<CampaignProgress> campaigns = jdbc.sql("""
                select c.id, c.title, count(f.id),
                       coalesce(sum(case when f.status in ('FILLED', 'EVALUATED') then 1 else 0 end), 0),
                       coalesce(sum(case when f.status = 'EVALUATED' then 1 else 0 end), 0)
                from monitoring_campaigns c
                join monitoring_forms f on f.county_code = c.county_code and f.campaign_id = c.id and f.village_code like ?
                where c.county_code = ?
                group by c.id, c.title, c.issued_at order by c.issued_at desc, c.id desc limit\s""" + n)
                .params(like, county)
                .query((rs, i) -> new CampaignProgress(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))).list();
        long duties = jdbc.sql("select count(*) from monitoring_village_duties where county_code = ? and village_code like ?")
                .params(county, like).query(Long.class).single();
        long[] scored = jdbc.sql("""
                select count(*), coalesce(sum(case when reviewed_at is not null then 1 else 0 end), 0) from monitoring_duty_scores
                where county_code = ? and village_code like ? and score_month = ?""").params(county, like, month)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        List<StarCount> stars = jdbc.sql("select stars, count(*) from monitoring_branch_stars where county_code = ? and village_code like ?"
                + " and star_year = ? group by stars order by stars desc").params(county, like, year)
                .query((rs, i) -> new StarCount(rs.getInt(1), rs.getLong(2))).list();
        long weak = jdbc.sql("select count(*) from monitoring_branch_stars where county_code = ? and village_code like ? and star_year = ?"
                + " and weak_lax = true").params(county, like, year).query(Long.class).single();
        return new Figures(area, cases, campaigns, new DutyCompletion(month, duties, scored[0], scored[1]), stars, weak);
    }
}
