package org.shanzhi.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shanzhi.cases.CaseFigures;
import org.shanzhi.cases.CaseMeasures;
import org.shanzhi.common.Actor;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.monitoring.MonitoringFigures;
import org.shanzhi.points.PointsFigures;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.rewards.RewardsFigures;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Territory;
import org.springframework.stereotype.Service;

/**
 * The cockpit of a county, township or village (驾驶舱): the figures of every module for the caller's scope, or a
 * node beneath it (drill-down), each module aggregating in SQL through its public figures API. Only the roles that
 * govern an area see it (county admin, auditor, township admin, village cadre and supervisor); anyone else, or a
 * node outside the scope, gets not-found.
 */
@Service
public class Cockpit {

    static final Set<String> ROLES = Set.of("COUNTY_ADMIN", "AUDITOR", "TOWNSHIP_ADMIN", "VILLAGE_CADRE", "VILLAGE_SUPERVISOR");
    static final int TOP = 5;

    /** A sub-area (township or village) row: households, households taking part in points, points, case measures. */
    public record AreaRow(String code, String name, long households, long persons, long participating, Double participationRate,
            long points, Double pointsPerHousehold, long cases, Double onTimeClosureRate, Double satisfactionRate) {
    }

    public record HouseholdRow(long id, String label, String villageName, long points) {
    }

    public record Bucket(String label, long households) {
    }

    /** Case measures over the year so far, summed over the area. */
    public record CaseTotals(LocalDate from, LocalDate to, long reported, long respondedOnTime, long accepted, long handledOnTime,
            long rated, long satisfied, Double responseRate, Double onTimeClosureRate, Double satisfactionRate) {
    }

    public record View(String division, String name, String level, List<Division> path, int year, String month, long households,
            long persons, long participating, Double participationRate, long points, List<PointsFigures.Month> months,
            List<Bucket> distribution, List<AreaRow> areas, List<AreaRow> topVillages, List<AreaRow> bottomVillages,
            List<HouseholdRow> topHouseholds, List<HouseholdRow> bottomHouseholds, RewardsFigures.Figures rewards,
            CaseTotals cases, CaseFigures.Lights lights, CaseFigures.VisitFigures visits, Double visitCoverage,
            MonitoringFigures.Figures monitoring) {
    }

    private final Territory territory;
    private final Registry registry;
    private final PointsFigures points;
    private final RewardsFigures rewards;
    private final CaseMeasures measures;
    private final CaseFigures caseFigures;
    private final MonitoringFigures monitoring;
    private final Clock clock;

    Cockpit(Territory territory, Registry registry, PointsFigures points, RewardsFigures rewards, CaseMeasures measures,
            CaseFigures caseFigures, MonitoringFigures monitoring, Clock clock) {
        this.territory = territory;
        this.registry = registry;
        this.points = points;
        this.rewards = rewards;
        this.measures = measures;
        this.caseFigures = caseFigures;
        this.monitoring = monitoring;
        this.clock = clock;
    }

    /** Whether the caller has a cockpit at all (the navigation shows the link then). */
    public static boolean available(Actor a) {
        return ROLES.contains(a.role()) && a.territorial();
    }

    public View view(String division, Integer year) {
        Actor a = ScopeGuard.actor();
        if (!available(a)) {
            throw new NotFoundException("未找到 / not found");
        }
        String area = ScopeGuard.area(division);
        Division node = territory.find(area).orElseThrow(() -> new NotFoundException("未找到 / not found"));
        LocalDate today = LocalDate.now(clock);
        int y = year == null ? today.getYear() : year;
        if (y < 2000 || y > today.getYear()) {
            throw new InvalidInputException("year", "年度应在 2000 到今年之间 / year must be 2000..this year");
        }
        LocalDate from = LocalDate.of(y, 1, 1);
        LocalDate to = y == today.getYear() ? today : LocalDate.of(y, 12, 31);
        String month = y == today.getYear() ? YearMonth.from(today).toString() : y + "-12";
        int childLength = area.length() == 6 ? 9 : 12;

        // registry and points per village, summed to the child level (townships under a county)
        Map<String, long[]> byChild = new LinkedHashMap<>(); // households, persons, participating, points
        List<Registry.AreaCount> counts = registry.countsBy(area, 12);
        counts.forEach(c -> add(byChild, c.code().substring(0, childLength), c.households(), c.persons(), 0, 0));
        PointsFigures.Figures pf = points.figures(area, y, 12, TOP);
        pf.byArea().forEach(p -> add(byChild, p.code().substring(0, childLength), 0, 0, p.households(), p.points()));
        Map<String, CaseMeasures.Row> caseRows = new LinkedHashMap<>();
        CaseMeasures.Report report = measures.measure(childLength == 9 ? CaseMeasures.Unit.TOWNSHIP : CaseMeasures.Unit.VILLAGE, area, from, to);
        report.rows().forEach(r -> caseRows.put(r.unit(), r));
        long households = counts.stream().mapToLong(Registry.AreaCount::households).sum();
        long persons = counts.stream().mapToLong(Registry.AreaCount::persons).sum();

        List<AreaRow> areas = new ArrayList<>();
        for (Division d : territory.children(area)) {
            if (d.code().length() != childLength) {
                continue;
            }
            areas.add(row(d.code(), d.name(), byChild.getOrDefault(d.code(), new long[4]), caseRows.get(d.code())));
        }
        // villages ranked by points per household (a county ranks all its villages)
        Map<String, long[]> byVillage = new LinkedHashMap<>();
        counts.forEach(c -> add(byVillage, c.code(), c.households(), c.persons(), 0, 0));
        pf.byArea().forEach(p -> add(byVillage, p.code(), 0, 0, p.households(), p.points()));
        List<AreaRow> villages = new ArrayList<>();
        byVillage.forEach((code, v) -> {
            if (v[0] > 0) {
                villages.add(row(code, territory.find(code).map(Division::name).orElse(code), v, null));
            }
        });
        Comparator<AreaRow> best = Comparator.comparing(AreaRow::pointsPerHousehold, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(AreaRow::code);
        List<AreaRow> topVillages = villages.size() < 2 ? List.of() : villages.stream().sorted(best).limit(TOP).toList();
        List<AreaRow> bottomVillages = villages.size() < 2 ? List.of()
                : villages.stream().sorted(best.reversed()).limit(Math.min(TOP, villages.size() / 2)).toList();

        List<Bucket> distribution = new ArrayList<>();
        for (PointsFigures.Bucket b : pf.distribution()) {
            String label = b.to() == null ? "≥" + b.from() : b.from() == Long.MIN_VALUE ? "<" + b.to() : b.from() + "–" + (b.to() - 1);
            distribution.add(new Bucket(label, b.households()));
        }
        long casesReported = 0;
        long[] c = new long[6];
        for (CaseMeasures.Row r : report.rows()) {
            c[0] += r.reported();
            c[1] += r.respondedOnTime();
            c[2] += r.accepted();
            c[3] += r.handledOnTime();
            c[4] += r.rated();
            c[5] += r.satisfied();
        }
        casesReported = c[0];
        CaseTotals totals = new CaseTotals(from, to, casesReported, c[1], c[2], c[3], c[4], c[5], rate(c[1], c[0]), rate(c[3], c[2]),
                rate(c[5], c[4]));
        CaseFigures.VisitFigures visits = caseFigures.visits(area, from, to);
        return new View(area, node.name(), node.level().name(), territory.path(area), y, month, households, persons, pf.participating(),
                rate(pf.participating(), households), pf.points(), pf.months(), distribution, areas, topVillages, bottomVillages,
                households(pf.top()), households(pf.bottom()), rewards.figures(area, y), totals, caseFigures.lights(area), visits,
                rate(visits.householdsVisited(), households), monitoring.figures(area, month, y, TOP));
    }

    private List<HouseholdRow> households(List<PointsFigures.HouseholdScore> scores) {
        List<HouseholdRow> rows = new ArrayList<>();
        for (PointsFigures.HouseholdScore s : scores) {
            String label;
            try {
                Household h = registry.household(s.householdId());
                label = (h.headName() == null ? "" : h.headName() + " · ") + h.number();
            } catch (NotFoundException gone) {
                label = String.valueOf(s.householdId());
            }
            rows.add(new HouseholdRow(s.householdId(), label, territory.find(s.villageCode()).map(Division::name).orElse(s.villageCode()),
                    s.points()));
        }
        return rows;
    }

    private static AreaRow row(String code, String name, long[] v, CaseMeasures.Row cases) {
        return new AreaRow(code, name, v[0], v[1], v[2], rate(v[2], v[0]), v[3], v[0] == 0 ? null : Math.round(v[3] * 10.0 / v[0]) / 10.0,
                cases == null ? 0 : cases.reported(), cases == null ? null : cases.onTimeClosureRate(),
                cases == null ? null : cases.satisfactionRate());
    }

    private static void add(Map<String, long[]> m, String key, long households, long persons, long participating, long pts) {
        long[] v = m.computeIfAbsent(key, k -> new long[4]);
        v[0] += households;
        v[1] += persons;
        v[2] += participating;
        v[3] += pts;
    }

    private static Double rate(long n, long d) {
        return d == 0 ? null : (double) n / d;
    }
}
