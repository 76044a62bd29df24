package org.shanzhi.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shanzhi.cases.internal.CasesPolicy;
import org.shanzhi.cases.internal.CasesPolicy.Caller;
import org.shanzhi.common.Actor;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Grid;
import org.shanzhi.territory.Territory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Measures of the loop per grid, village, township or department over a period (罗江: 响应率、办结率、超时率、满意率
 * as the basis of assessing departments). All counts are SQL aggregates over one cohort.
 *
 * <p><b>Cohort</b>: the cases reported from {@code from} 00:00 to the end of {@code to} (Asia/Shanghai) whose
 * village lies in the requested area; for a grid, cases with that grid; for a department, cases dispatched to
 * it ({@code handler_department}). Definitions, with the counts every row also carries:
 * <ul>
 * <li><b>response rate</b> = respondedOnTime / reported: accepted or refused within the response hours of the
 * report ({@code responded_at <= response_due_at}). For a department: whistle calls answered by their deadline /
 * whistle calls blown in the period (its 报到 rate).</li>
 * <li><b>on-time closure rate</b> (按时办结率) = handledOnTime / accepted: handled (办结) without ever passing a
 * deadline at any level ({@code handled_at} set and {@code overdue} false), over the cases accepted.</li>
 * <li><b>overdue rate</b> (超时率) = overdue / accepted: accepted cases that passed a level's deadline (escalated
 * or overdue at the top), handled or not.</li>
 * <li><b>satisfaction rate</b> (满意率) = satisfied / rated: the current rating is SATISFIED or
 * BASICALLY_SATISFIED, over the cases that carry a rating.</li>
 * <li><b>average handling time</b> = mean hours from acceptance to handling over the handled cases (a reopened
 * case counts up to its latest handling).</li>
 * </ul>
 * A rate whose denominator is 0 is null (no data), never 0.
 */
@Service
public class CaseMeasures {

    public enum Unit {
        GRID, VILLAGE, TOWNSHIP, DEPARTMENT
    }

    public record Row(String unit, String name, long reported, long respondedOnTime, long accepted, long handledOnTime,
            long overdue, long rated, long satisfied, long handled, long handlingSeconds, long whistleCalls,
            long whistleOnTime, long whistleLate, long whistleMissing, Double responseRate, Double onTimeClosureRate,
            Double overdueRate, Double satisfactionRate, Double avgHandlingHours) {
    }

    public record Report(Unit unit, String division, LocalDate from, LocalDate to, List<Row> rows) {
    }

    private static final String COUNTS = """
            count(*) as reported,
            sum(case when c.responded_at is not null and c.responded_at <= c.response_due_at then 1 else 0 end) as responded_on_time,
            sum(case when c.accepted_at is not null then 1 else 0 end) as accepted,
            sum(case when c.accepted_at is not null and c.handled_at is not null and c.overdue = false then 1 else 0 end) as handled_on_time,
            sum(case when c.accepted_at is not null and c.overdue = true then 1 else 0 end) as overdue_count,
            sum(case when c.rating is not null then 1 else 0 end) as rated,
            sum(case when c.rating in ('SATISFIED', 'BASICALLY_SATISFIED') then 1 else 0 end) as satisfied,
            sum(case when c.handled_at is not null then 1 else 0 end) as handled,
            sum(case when c.handled_at is not null then c.handling_seconds else 0 end) as handling_seconds
            """;

    private final JdbcClient jdbc;
    private final CaseDesk desk;
    private final Territory territory;
    private final Clock clock;

    CaseMeasures(JdbcClient jdbc, CaseDesk desk, Territory territory, Clock clock) {
        this.jdbc = jdbc;
        this.desk = desk;
        this.territory = territory;
        this.clock = clock;
    }

    /**
     * One row per unit with cases in the period inside {@code division} (default: the caller's scope). A grid
     * worker sees their grid only; department staff their department only.
     */
    public Report measure(Unit unit, String division, LocalDate from, LocalDate to) {
        Caller c = desk.caller();
        Actor a = c.actor();
        CasesPolicy.requireMeasures(a);
        if (unit == null) {
            throw new InvalidInputException("unit", "请选择 GRID、VILLAGE、TOWNSHIP 或 DEPARTMENT / unit is required");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate start = from != null ? from : today.withDayOfMonth(1);
        LocalDate end = to != null ? to : today;
        if (end.isBefore(start) || start.plusYears(5).isBefore(end)) {
            throw new InvalidInputException("to", "结束日期应不早于开始日期,跨度不超过 5 年 / to must follow from, within 5 years");
        }
        String area = c.is("DEPARTMENT_STAFF") ? a.countyCode() : ScopeGuard.narrow(division);
        if (c.is("DEPARTMENT_STAFF") && division != null && !division.isBlank() && !division.startsWith(a.countyCode())) {
            throw new NotFoundException("未找到 / not found");
        }
        if (c.is("DEPARTMENT_STAFF") && unit != Unit.DEPARTMENT) {
            throw new NotFoundException("部门人员只看本部门 / department staff see their department only");
        }
        if (a.gridId() != null && unit != Unit.GRID) {
            throw new NotFoundException("网格员只看本网格 / grid workers see their grid only");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("county", a.countyCode());
        p.put("area", (area.length() > 12 ? area.substring(0, 12) : area) + "%");
        p.put("from", start.atStartOfDay());
        p.put("to", end.plusDays(1).atStartOfDay());
        StringBuilder where = new StringBuilder(" where c.county_code = :county and c.village_code like :area"
                + " and c.reported_at >= :from and c.reported_at < :to");
        if (area.length() == 15) {
            where.append(" and c.group_code = :group");
            p.put("group", area);
        }
        if (a.gridId() != null) {
            where.append(" and c.grid_id = :grid");
            p.put("grid", a.gridId());
        }
        if (c.is("DEPARTMENT_STAFF")) {
            where.append(" and c.handler_department = :dept");
            p.put("dept", c.department() == null ? "" : c.department());
        }
        String key = switch (unit) {
            case GRID -> "cast(c.grid_id as varchar(20))";
            case VILLAGE -> "c.village_code";
            case TOWNSHIP -> "substring(c.village_code, 1, 9)";
            case DEPARTMENT -> "c.handler_department";
        };
        Map<String, long[]> counts = new TreeMap<>();
        jdbc.sql("select " + key + " as unit_key, " + COUNTS + " from cases c" + where + " and " + key + " is not null group by " + key)
                .params(p).query((rs, i) -> Map.entry(rs.getString("unit_key"), new long[] {rs.getLong("reported"),
                        rs.getLong("responded_on_time"), rs.getLong("accepted"), rs.getLong("handled_on_time"),
                        rs.getLong("overdue_count"), rs.getLong("rated"), rs.getLong("satisfied"), rs.getLong("handled"),
                        rs.getLong("handling_seconds"), 0, 0, 0, 0}))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        if (unit == Unit.DEPARTMENT) {
            whistleCounts(c, p, area, counts);
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((k, v) -> rows.add(row(unit, k, v)));
        return new Report(unit, area, start, end, rows);
    }

    /** Whistle calls per department blown in the period on cases of the area: on time, late, missing. */
    private void whistleCounts(Caller c, Map<String, Object> p, String area, Map<String, long[]> counts) {
        Map<String, Object> q = new LinkedHashMap<>(p);
        q.put("now", desk.now());
        String dept = c.is("DEPARTMENT_STAFF") ? " and w.department = :dept" : "";
        String group = area.length() == 15 ? " and c.group_code = :group" : "";
        String grid = c.actor().gridId() != null ? " and c.grid_id = :grid" : "";
        jdbc.sql("""
                select w.department, count(*) as calls,
                       sum(case when w.responded_at is not null and w.responded_at <= w.due_at then 1 else 0 end) as on_time,
                       sum(case when w.responded_at is not null and w.responded_at > w.due_at then 1 else 0 end) as late,
                       sum(case when w.responded_at is null and w.due_at <= :now then 1 else 0 end) as missing
                from case_whistle_calls w join cases c on c.county_code = w.county_code and c.id = w.case_id
                where w.county_code = :county and c.village_code like :area and w.blown_at >= :from and w.blown_at < :to"""
                + dept + group + grid + " group by w.department")
                .params(q).query((rs, i) -> Map.entry(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}))
                .list().forEach(e -> {
                    long[] v = counts.computeIfAbsent(e.getKey(), k -> new long[13]);
                    System.arraycopy(e.getValue(), 0, v, 9, 4);
                });
    }

    private Row row(Unit unit, String key, long[] v) {
        String name = switch (unit) {
            case GRID -> territory.findGrid(Long.parseLong(key)).map(Grid::name).orElse(key);
            case VILLAGE, TOWNSHIP -> territory.find(key).map(Division::name).orElse(key);
            case DEPARTMENT -> key;
        };
        Double response = unit == Unit.DEPARTMENT ? rate(v[10], v[9]) : rate(v[1], v[0]);
        return new Row(key, name, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                response, rate(v[3], v[2]), rate(v[4], v[2]), rate(v[6], v[5]),
                v[7] == 0 ? null : v[8] / 3600.0 / v[7]);
    }

    private static Double rate(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
