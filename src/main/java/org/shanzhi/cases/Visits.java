package org.shanzhi.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shanzhi.cases.internal.CasesPolicy;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.territory.Grid;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Household visits (走访): grid workers, central households and cadres log each visit, with whether the
 * household signed the receipt (建德 访户签名回执). Coverage (建德 走村不漏户) is the share of a village's or
 * grid's households visited at least once in the last N days, with the list of those not visited.
 */
@Service
public class Visits {

    public static final int MAX_DAYS = 366;

    public record RecordVisit(Long householdId, LocalDate visitedOn, String note, Boolean signed) {
    }

    public record Visit(long id, String villageCode, Long gridId, long householdId, String visitorName, LocalDate visitedOn,
            String note, boolean signed, LocalDateTime createdAt) {
    }

    /** A household in a coverage list, with its last visit ever (null: never visited). */
    public record HouseholdRef(long id, String number, String headName, String address, Long gridId, LocalDate lastVisitedOn) {
    }

    /**
     * @param coverage visited / households (null when the area has no households)
     * @param notVisited one page of the households not visited since {@code since}
     */
    public record Coverage(String villageCode, Long gridId, int days, LocalDate since, int households, int visited,
            Double coverage, Page<HouseholdRef> notVisited) {
    }

    private final JdbcClient jdbc;
    private final Registry registry;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Visits(JdbcClient jdbc, Registry registry, Territory territory, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.territory = territory;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Visit record(RecordVisit cmd) {
        Actor a = ScopeGuard.actor();
        CasesPolicy.requireCasesUser(a);
        if (cmd == null || cmd.householdId() == null) {
            throw new InvalidInputException("householdId", "请选择走访的户 / choose the household visited");
        }
        Household h = registry.household(cmd.householdId()); // the registry's scope: 404 outside the caller's
        CasesPolicy.requireVisitor(a);
        LocalDate today = LocalDate.now(clock);
        LocalDate on = cmd.visitedOn() == null ? today : cmd.visitedOn();
        if (on.isAfter(today) || on.isBefore(today.minusDays(MAX_DAYS))) {
            throw new InvalidInputException("visitedOn", "走访日期应在一年内且不晚于今天 / the date lies within the last year");
        }
        String note = CaseDesk.optionalText("note", cmd.note(), 1000);
        long id = Ids.next();
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                insert into case_visits (county_code, id, village_code, grid_id, household_id, visitor_id, visitor_name, visited_on, note, signed, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(h.countyCode(), id, h.villageCode(), h.gridId(), h.id(), "SYSTEM".equals(a.role()) ? null : a.accountId(),
                        CaseDesk.clip(a.displayName(), 50), on, note, Boolean.TRUE.equals(cmd.signed()), now)
                .update();
        events.publishEvent(new Audited(h.countyCode(), "visit.recorded", "household", String.valueOf(h.id()), null, null,
                "visited " + on + (Boolean.TRUE.equals(cmd.signed()) ? ", signed" : "")));
        return new Visit(id, h.villageCode(), h.gridId(), h.id(), CaseDesk.clip(a.displayName(), 50), on, note,
                Boolean.TRUE.equals(cmd.signed()), now);
    }

    /** Visits in the caller's scope, newest first: a grid worker's grid, a central household's households. */
    public Page<Visit> list(String division, Long householdId, int page, int size) {
        Page.check(page, size);
        Actor a = requireReader();
        String code = ScopeGuard.narrow(division);
        Map<String, Object> p = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where county_code = :county and village_code like :area");
        p.put("county", a.countyCode());
        p.put("area", (code.length() > 12 ? code.substring(0, 12) : code) + "%");
        if (a.gridId() != null) {
            where.append(" and grid_id = :grid");
            p.put("grid", a.gridId());
        } else if (!a.householdIds().isEmpty()) {
            where.append(" and household_id in (:households)");
            p.put("households", a.householdIds());
        }
        if (householdId != null) {
            where.append(" and household_id = :household");
            p.put("household", householdId);
        }
        long total = jdbc.sql("select count(*) from case_visits" + where).params(p).query(Long.class).single();
        List<Visit> items = jdbc.sql("select * from case_visits" + where + " order by visited_on desc, created_at desc limit :limit offset :offset")
                .params(p).param("limit", size).param("offset", (long) page * size)
                .query((rs, i) -> new Visit(rs.getLong("id"), rs.getString("village_code"), rs.getObject("grid_id", Long.class),
                        rs.getLong("household_id"), rs.getString("visitor_name"), rs.getObject("visited_on", LocalDate.class),
                        rs.getString("note"), rs.getBoolean("signed"), rs.getObject("created_at", LocalDateTime.class)))
                .list();
        return new Page<>(items, page, size, total);
    }

    /**
     * Coverage of a village (or one of its grids) over the last {@code days} days, today included. The
     * households are the registry's, as the caller sees them (a grid worker: their grid; a central household:
     * its linked households).
     */
    public Coverage coverage(String villageCode, Long gridId, int days, int page, int size) {
        Page.check(page, size);
        Actor a = requireReader();
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("days", "天数须在 1 到 366 之间 / days must be 1..366");
        }
        String village;
        if (gridId != null) {
            Grid g = territory.findGrid(gridId).filter(x -> x.countyCode().equals(a.countyCode()))
                    .orElseThrow(() -> new NotFoundException("网格不存在 / no such grid"));
            village = ScopeGuard.narrow(g.villageCode());
            if (a.gridId() != null && !a.gridId().equals(gridId)) {
                throw new NotFoundException("未找到 / not found");
            }
        } else {
            String code = villageCode == null || villageCode.isBlank() ? a.scopeCode() : villageCode.trim();
            if (Level.ofCode(code).orElse(null) != Level.VILLAGE) {
                throw new InvalidInputException("division", "请选择一个村或网格 / choose a village or a grid");
            }
            village = ScopeGuard.narrow(code);
        }
        List<Household> households = new ArrayList<>();
        for (int p = 0; ; p++) {
            Page<Household> chunk = registry.searchHouseholds(village, null, p, Page.MAX_SIZE);
            chunk.items().stream().filter(h -> gridId == null || gridId.equals(h.gridId())).forEach(households::add);
            if ((long) (p + 1) * Page.MAX_SIZE >= chunk.total()) {
                break;
            }
        }
        LocalDate since = LocalDate.now(clock).minusDays(days - 1L);
        Map<Long, LocalDate> last = new HashMap<>();
        jdbc.sql("select household_id, max(visited_on) from case_visits where county_code = ? and village_code = ? group by household_id")
                .params(a.countyCode(), village)
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getObject(2, LocalDate.class))).list()
                .forEach(e -> last.put(e.getKey(), e.getValue()));
        List<HouseholdRef> notVisited = new ArrayList<>();
        int visited = 0;
        for (Household h : households) {
            LocalDate l = last.get(h.id());
            if (l != null && !l.isBefore(since)) {
                visited++;
            } else {
                notVisited.add(new HouseholdRef(h.id(), h.number(), h.headName(), h.address(), h.gridId(), l));
            }
        }
        int from = Math.min(page * size, notVisited.size());
        Page<HouseholdRef> pageOf = new Page<>(notVisited.subList(from, Math.min(from + size, notVisited.size())), page, size,
                notVisited.size());
        return new Coverage(village, gridId, days, since, households.size(), visited,
                households.isEmpty() ? null : (double) visited / households.size(), pageOf);
    }

    private static Actor requireReader() {
        Actor a = ScopeGuard.actor();
        if (java.util.Set.of("MERCHANT", "DEPARTMENT_STAFF").contains(a.role())) {
            throw new NotFoundException("未找到 / not found");
        }
        return a;
    }
}
