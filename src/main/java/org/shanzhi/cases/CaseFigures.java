package org.shanzhi.cases;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.shanzhi.cases.internal.CaseSettings;
import org.shanzhi.cases.internal.CasesPolicy;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ScopeGuard;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read-only figures of cases and visits for cockpits, aggregated in SQL: the open cases whose level's clock runs,
 * by their SLA light now (red: past the deadline; yellow: past the yellow share of the level's limit; green: the
 * rest), and the households visited in a period.
 */
@Service
public class CaseFigures {

    public record Lights(long open, long green, long yellow, long red) {
    }

    public record VisitFigures(LocalDate from, LocalDate to, long visits, long householdsVisited) {
    }

    private final JdbcClient jdbc;
    private final CaseDesk desk;
    private final CaseSettings settings;

    CaseFigures(JdbcClient jdbc, CaseDesk desk, CaseSettings settings) {
        this.jdbc = jdbc;
        this.desk = desk;
        this.settings = settings;
    }

    /** The lights of the cases of {@code division} still on a level's clock (reported, accepted, dispatched). */
    public Lights lights(String division) {
        Actor a = ScopeGuard.actor();
        CasesPolicy.requireMeasures(a);
        String area = ScopeGuard.area(division);
        LocalDateTime now = desk.now();
        return jdbc.sql("""
                select count(*),
                       coalesce(sum(case when due_at is not null and due_at <= :now then 1 else 0 end), 0),
                       coalesce(sum(case when due_at is not null and due_at > :now
                            and extract(epoch from cast(:now as timestamp)) - extract(epoch from level_started_at)
                                >= :share * (extract(epoch from due_at) - extract(epoch from level_started_at)) then 1 else 0 end), 0)
                from cases where county_code = :county and village_code like :area
                 and status in ('REPORTED', 'ACCEPTED', 'DISPATCHED')""")
                .param("now", now).param("share", settings.yellowShare()).param("county", a.countyCode()).param("area", area + "%")
                .query((rs, i) -> new Lights(rs.getLong(1), rs.getLong(1) - rs.getLong(2) - rs.getLong(3), rs.getLong(3), rs.getLong(2)))
                .single();
    }

    /** Visits recorded in the period and the distinct households they reached. */
    public VisitFigures visits(String division, LocalDate from, LocalDate to) {
        Actor a = ScopeGuard.actor();
        CasesPolicy.requireMeasures(a);
        String area = ScopeGuard.area(division);
        return jdbc.sql("select count(*), count(distinct household_id) from case_visits where county_code = ? and village_code like ?"
                + " and visited_on >= ? and visited_on <= ?").params(a.countyCode(), area + "%", from, to)
                .query((rs, i) -> new VisitFigures(from, to, rs.getLong(1), rs.getLong(2))).single();
    }
}
