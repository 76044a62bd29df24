package org.shanzhi.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Located;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.monitoring.internal.MonitoringPolicy;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Return-to-poverty monitoring (防返贫动态监测): the county's income line, rule runs over registry facts,
 * monitoring cases and their steps, assistance measures, income checks and risk elimination.
 * A flag or an application only opens a case; a household is monitored after village review, village
 * notice, township check and county decision, in that order.
 */
@Service
public class Monitoring {

    /** 监测对象 kinds. */
    public static final List<String> KINDS = List.of("脱贫不稳定户", "边缘易致贫户", "突发严重困难户");
    /** 帮扶措施 kinds: code → label. */
    public static final Map<String, String> MEASURE_KINDS = orderedMap("INDUSTRY", "产业帮扶", "JOBS", "就业帮扶",
            "MEDICAL", "健康帮扶", "EDUCATION", "教育帮扶", "HOUSING", "住房保障", "SOCIAL_SECURITY", "社会保障兜底");
    /** Case statuses → labels. */
    public static final Map<String, String> STATUS_LABELS = orderedMap("OPEN", "待村级评议", "VILLAGE_REVIEWED", "村级公示中",
            "NOTICED", "待乡镇审核", "TOWNSHIP_CHECKED", "待县级确定", "MONITORED", "监测帮扶中", "ELIM_REVIEWED", "风险消除公示中",
            "ELIM_NOTICED", "待确认风险消除", "ELIMINATED", "风险已消除", "CLOSED", "未纳入监测");
    static final Set<String> ACTIVE = Set.of("OPEN", "VILLAGE_REVIEWED", "NOTICED", "TOWNSHIP_CHECKED", "MONITORED",
            "ELIM_REVIEWED", "ELIM_NOTICED");

    /**
     * The steps of a case, each allowed from one status, by some roles. A refused step (approved = false)
     * closes an identification, or leaves the household under monitoring during elimination.
     */
    public enum Step {
        VILLAGE_REVIEW("OPEN", "VILLAGE_REVIEWED", "CLOSED", Set.of(MonitoringPolicy.VC), "村级评议"),
        VILLAGE_NOTICE("VILLAGE_REVIEWED", "NOTICED", "CLOSED", Set.of(MonitoringPolicy.VC), "村级公示"),
        TOWNSHIP_CHECK("NOTICED", "TOWNSHIP_CHECKED", "CLOSED", Set.of(MonitoringPolicy.TA), "乡镇审核"),
        COUNTY_DECISION("TOWNSHIP_CHECKED", "MONITORED", "CLOSED", Set.of(MonitoringPolicy.CA), "县级确定"),
        ELIMINATION_REVIEW("MONITORED", "ELIM_REVIEWED", "MONITORED", Set.of(MonitoringPolicy.VC), "风险消除村级评议"),
        ELIMINATION_NOTICE("ELIM_REVIEWED", "ELIM_NOTICED", "MONITORED", Set.of(MonitoringPolicy.VC), "风险消除公示"),
        ELIMINATE("ELIM_NOTICED", "ELIMINATED", "MONITORED", Set.of(MonitoringPolicy.TA, MonitoringPolicy.CA), "确认风险消除"),
        RETURN("ELIMINATED", "MONITORED", "ELIMINATED", Set.of(MonitoringPolicy.VC, MonitoringPolicy.TA, MonitoringPolicy.CA), "返回监测");

        final String from;
        final String to;
        final String refusedTo;
        final Set<String> roles;
        public final String label;

        Step(String from, String to, String refusedTo, Set<String> roles, String label) {
            this.from = from;
            this.to = to;
            this.refusedTo = refusedTo;
            this.roles = roles;
            this.label = label;
        }

        /** Whether this step may be taken now, on a case in {@code status}, by a (not read-only) {@code role}. */
        public boolean allows(String status, String role) {
            return from.equals(status) && (MonitoringPolicy.SYSTEM.equals(role) || roles.contains(role));
        }

        static Step parse(String s) {
            if (s == null) {
                throw new InvalidInputException("step", "步骤必填 / step is required");
            }
            try {
                return valueOf(s.trim().toUpperCase().replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("step", "未知步骤 / unknown step");
            }
        }
    }

    public record IncomeLine(String countyCode, int year, BigDecimal lineYuan, int stableMonths) {
    }

    public record MonitoringCase(long id, long householdId, String villageCode, Long gridId, String channel, String kind,
            String reason, String status, String statusLabel, String openedBy, LocalDateTime openedAt, LocalDateTime updatedAt) {
        Located located(String county, String locationCode) {
            return new Located(county, locationCode, gridId, householdId);
        }
    }

    public record StepRecord(String step, String label, boolean approved, String note, String actorName, String actorRole,
            LocalDateTime at) {
    }

    public record Measure(long id, long caseId, String kind, String kindLabel, String description, String responsible,
            LocalDate startOn, LocalDate endOn, String outcome) {
    }

    public record IncomeCheck(LocalDate checkedOn, BigDecimal incomePerCapita, boolean aboveLine, String recordedBy) {
    }

    /** A household's monitoring file: the case, the household (masked), steps, measures, income checks. */
    public record CaseFile(MonitoringCase monitoringCase, Household household, List<StepRecord> steps, List<Measure> measures,
            List<IncomeCheck> incomeChecks, LocalDate stableSince, LocalDate eliminableFrom) {
    }

    public record RuleRun(String division, int year, int scanned, int flagged, int opened) {
    }

    private static final String CASE_SELECT = """
            select id, county_code, household_id, village_code, location_code, grid_id, channel, kind, reason, status,
                   opened_by, opened_at, updated_at from monitoring_cases""";

    private final JdbcClient jdbc;
    private final Registry registry;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Monitoring(JdbcClient jdbc, Registry registry, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
    }

    // ---- income line -----------------------------------------------------------------------------

    /** The county's line for a year (the current year when null). */
    public Optional<IncomeLine> incomeLine(Integer year) {
        Actor a = MonitoringPolicy.requireStaff();
        int y = year == null ? LocalDate.now(clock).getYear() : checkYear(year);
        return line(a.countyCode(), y);
    }

    private Optional<IncomeLine> line(String county, int year) {
        return jdbc.sql("select line_yuan, stable_months from monitoring_income_lines where county_code = ? and line_year = ?")
                .params(county, year)
                .query((rs, i) -> new IncomeLine(county, year, rs.getBigDecimal(1), rs.getInt(2))).optional();
    }

    /** The county sets (or changes) its yearly line and the stable time before risk elimination. */
    @Transactional
    public IncomeLine setIncomeLine(Integer year, BigDecimal lineYuan, Integer stableMonths) {
        Actor a = MonitoringPolicy.requireStaff();
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA), "设置监测收入标准");
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (year == null || year < 2020 || year > 2100) {
            errors.add(new InvalidInputException.FieldError("year", "年度须在 2020 到 2100 之间 / year must be 2020..2100"));
        }
        if (lineYuan == null || lineYuan.signum() <= 0 || lineYuan.compareTo(new BigDecimal("1000000")) >= 0) {
            errors.add(new InvalidInputException.FieldError("lineYuan", "监测标准须为正数(元) / line must be a positive amount"));
        }
        if (stableMonths == null || stableMonths < 1 || stableMonths > 60) {
            errors.add(new InvalidInputException.FieldError("stableMonths", "稳定期须在 1 到 60 个月之间 / stableMonths must be 1..60"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        BigDecimal amount = lineYuan.setScale(2, RoundingMode.HALF_UP);
        Optional<IncomeLine> before = line(a.countyCode(), year);
        jdbc.sql("delete from monitoring_income_lines where county_code = ? and line_year = ?").params(a.countyCode(), year).update();
        jdbc.sql("insert into monitoring_income_lines (county_code, line_year, line_yuan, stable_months, set_by, set_at) values (?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), year, amount, stableMonths, a.displayName(), LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.line.set", "income-line", a.countyCode() + ":" + year, null,
                before.map(Object::toString).orElse(null), "line=" + amount + ", stableMonths=" + stableMonths));
        return new IncomeLine(a.countyCode(), year, amount, stableMonths);
    }

    // ---- rules -----------------------------------------------------------------------------------

    /**
     * Flags households under a division from their registry facts (income per person below the line, or
     * 两不愁三保障 not secured) and opens a case for each flagged household without an active case.
     */
    @Transactional
    public RuleRun runRules(String division, Integer year) {
        Actor a = MonitoringPolicy.requireCaseWorker();
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA, MonitoringPolicy.TA), "运行监测规则");
        String code = ScopeGuard.narrow(division);
        int y = year == null ? LocalDate.now(clock).getYear() : checkYear(year);
        IncomeLine line = line(a.countyCode(), y).orElseThrow(() -> new ConflictException("year",
                "该年度未设置监测收入标准 / no income line set for " + y));
        int scanned = 0;
        int flagged = 0;
        int opened = 0;
        for (int page = 0; ; page++) {
            Page<Household> batch = registry.searchHouseholds(code, null, page, Page.MAX_SIZE);
            for (Household h : batch.items()) {
                scanned++;
                List<String> reasons = flags(h.extra(), line.lineYuan());
                if (reasons.isEmpty()) {
                    continue;
                }
                flagged++;
                if (activeCase(h.countyCode(), h.id()).isEmpty()) {
                    insertCase(a, h, "RULE", null, "规则预警:" + String.join(";", reasons));
                    opened++;
                }
            }
            if ((long) (page + 1) * Page.MAX_SIZE >= batch.total()) {
                break;
            }
        }
        events.publishEvent(new Audited(a.countyCode(), "monitoring.rules.run", "division", code, null, null,
                "year=" + y + ", scanned=" + scanned + ", flagged=" + flagged + ", opened=" + opened));
        return new RuleRun(code, y, scanned, flagged, opened);
    }

    /** The rule: which 两不愁三保障 or income facts of a household are not secured. */
    public static List<String> flags(Map<String, String> extra, BigDecimal line) {
        List<String> reasons = new ArrayList<>();
        String income = extra.get("income_per_capita");
        if (income != null && !income.isBlank()) {
            try {
                BigDecimal v = new BigDecimal(income.trim());
                if (v.compareTo(line) < 0) {
                    reasons.add("人均纯收入 " + v.stripTrailingZeros().toPlainString() + " 元低于监测标准 "
                            + line.stripTrailingZeros().toPlainString() + " 元");
                }
            } catch (NumberFormatException e) {
                // an unreadable figure is not a flag; the registry validates typed facts on entry
            }
        }
        String house = extra.get("house_safe");
        if ("C级".equals(house) || "D级".equals(house)) {
            reasons.add("住房安全无保障(" + house + ")");
        }
        if (no(extra.get("water_safe"))) {
            reasons.add("饮水安全无保障");
        }
        if (yes(extra.get("dropout"))) {
            reasons.add("义务教育阶段有辍学");
        }
        if (no(extra.get("medical_insured"))) {
            reasons.add("未参加基本医疗保险");
        }
        return reasons;
    }

    private static boolean no(String v) {
        return "否".equals(v) || "false".equals(v);
    }

    private static boolean yes(String v) {
        return "是".equals(v) || "true".equals(v);
    }

    // ---- cases -----------------------------------------------------------------------------------

    /** A household applies (channel APPLIED) or a cadre/grid worker finds it on a visit (VISIT). */
    @Transactional
    public MonitoringCase openCase(Long householdId, String channel, String kind, String reason) {
        if (householdId == null) {
            throw new InvalidInputException("householdId", "户必填 / householdId is required");
        }
        Household h = registry.household(householdId); // scope: 404 outside
        Actor a = ScopeGuard.actor();
        String ch = channel == null ? "" : channel.trim().toUpperCase();
        if (MonitoringPolicy.is(a, MonitoringPolicy.VI)) {
            ScopeGuard.writable(h.located());
            if (!"APPLIED".equals(ch)) {
                throw new InvalidInputException("channel", "农户只能自主申报 / a household applies (APPLIED)");
            }
        } else {
            MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA, MonitoringPolicy.TA, MonitoringPolicy.VC, MonitoringPolicy.GW),
                    "纳入监测");
            ScopeGuard.writable(h.located());
            if (!"APPLIED".equals(ch) && !"VISIT".equals(ch)) {
                throw new InvalidInputException("channel", "渠道应为 APPLIED(农户申报)或 VISIT(走访发现) / channel is APPLIED or VISIT");
            }
        }
        if (kind != null && !kind.isBlank() && !KINDS.contains(kind.trim())) {
            throw new InvalidInputException("kind", "类型应为 " + String.join("/", KINDS));
        }
        String r = text(reason, "reason", 1000, true);
        if (activeCase(h.countyCode(), h.id()).isPresent()) {
            throw new ConflictException("householdId", "该户已有进行中的监测 / the household already has an active case");
        }
        return insertCase(a, h, ch, kind == null || kind.isBlank() ? null : kind.trim(), r);
    }

    private MonitoringCase insertCase(Actor a, Household h, String channel, String kind, String reason) {
        long id = Ids.next();
        LocalDateTime now = LocalDateTime.now(clock);
        String location = h.groupCode() != null ? h.groupCode() : h.villageCode();
        jdbc.sql("""
                insert into monitoring_cases (county_code, id, household_id, village_code, location_code, grid_id, channel, kind,
                    reason, status, opened_by, opened_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)""")
                .params(h.countyCode(), id, h.id(), h.villageCode(), location, h.gridId(), channel, kind,
                        reason.length() > 1000 ? reason.substring(0, 1000) : reason, a.displayName(), now, now)
                .update();
        events.publishEvent(new Audited(h.countyCode(), "monitoring.case.opened", "monitoring-case", String.valueOf(id), null, null,
                "household=" + h.id() + ", channel=" + channel));
        return caseRow(h.countyCode(), id).orElseThrow();
    }

    private Optional<Long> activeCase(String county, long householdId) {
        return jdbc.sql("select min(id) from monitoring_cases where county_code = :county and household_id = :household and status in (:active)")
                .param("county", county).param("household", householdId).param("active", ACTIVE)
                .query((rs, i) -> Optional.ofNullable(rs.getObject(1, Long.class))).single();
    }

    /** Cases under a division the caller may see (a grid worker: their grid), optionally by status. */
    public Page<MonitoringCase> cases(String division, String status, int page, int size) {
        Page.check(page, size);
        Actor a = MonitoringPolicy.requireCaseWorker();
        String code = ScopeGuard.narrow(division);
        Map<String, Object> p = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where county_code = :county and location_code like :prefix");
        p.put("county", a.countyCode());
        p.put("prefix", code + "%");
        if (a.gridId() != null) {
            where.append(" and grid_id = :grid");
            p.put("grid", a.gridId());
        }
        if (status != null && !status.isBlank()) {
            if (!STATUS_LABELS.containsKey(status)) {
                throw new InvalidInputException("status", "未知状态 / unknown status");
            }
            where.append(" and status = :status");
            p.put("status", status);
        }
        long total = jdbc.sql("select count(*) from monitoring_cases" + where).params(p).query(Long.class).single();
        List<MonitoringCase> items = jdbc.sql(CASE_SELECT + where + " order by opened_at desc, id desc limit :limit offset :offset")
                .params(p).param("limit", size).param("offset", (long) page * size).query(this::mapCase).list();
        return new Page<>(items, page, size, total);
    }

    /** A household's monitoring file; every view is audited. */
    @Transactional
    public CaseFile caseFile(long caseId) {
        Actor a = MonitoringPolicy.requireCaseWorker();
        MonitoringCase c = readableCase(a, caseId);
        Household h = registry.household(c.householdId());
        String county = a.countyCode();
        List<StepRecord> steps = jdbc.sql("select step, approved, note, actor_name, actor_role, step_at from monitoring_case_steps where county_code = ? and case_id = ? order by step_at, id")
                .params(county, caseId)
                .query((rs, i) -> new StepRecord(rs.getString(1), Step.valueOf(rs.getString(1)).label, rs.getBoolean(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDateTime.class))).list();
        List<Measure> measures = jdbc.sql("select id, case_id, kind, description, responsible, start_on, end_on, outcome from monitoring_measures where county_code = ? and case_id = ? order by start_on, id")
                .params(county, caseId).query(Monitoring::mapMeasure).list();
        List<IncomeCheck> checks = checks(county, caseId);
        LocalDate since = stableSince(checks);
        LocalDate from = null;
        if (since != null) {
            Optional<IncomeLine> line = line(county, LocalDate.now(clock).getYear());
            if (line.isPresent()) {
                from = since.plusMonths(line.get().stableMonths());
            }
        }
        events.publishEvent(new Audited(county, "monitoring.case.viewed", "monitoring-case", String.valueOf(caseId), null, null,
                "household=" + c.householdId()));
        return new CaseFile(c, h, steps, measures, checks, since, from);
    }

    /**
     * One step of identification or elimination. Steps run in order (a skipped step is 409); each records
     * who and when. The village notice steps are recorded by {@link #recordNoticePassed}.
     */
    @Transactional
    public MonitoringCase step(long caseId, String stepName, Boolean approved, String kind, String note) {
        Actor a = MonitoringPolicy.requireCaseWorker();
        MonitoringCase c = readableCase(a, caseId);
        Step step = Step.parse(stepName);
        MonitoringPolicy.requireRole(step.roles, step.label);
        if (approved == null) {
            throw new InvalidInputException("approved", "须说明通过与否 / approved is required");
        }
        String n = text(note, "note", 1000, false);
        String k = null;
        if (step == Step.COUNTY_DECISION && approved) {
            String given = kind != null && !kind.isBlank() ? kind.trim() : c.kind();
            if (given == null || !KINDS.contains(given)) {
                throw new InvalidInputException("kind", "县级确定须选择监测对象类型:" + String.join("/", KINDS) + " / kind is required");
            }
            k = given;
        }
        return advance(a, c, step, approved, k, n);
    }

    /**
     * The village public notice of a case ended (公示期满): the explicit call the disclosure module (or a
     * cadre, until it is wired) makes. Covers the identification notice and the risk-elimination notice.
     *
     * @param approved false when an objection was upheld during the notice
     */
    @Transactional
    public MonitoringCase recordNoticePassed(long caseId, boolean approved, String note) {
        Actor a = MonitoringPolicy.requireCaseWorker();
        MonitoringCase c = readableCase(a, caseId);
        Step step = "ELIM_REVIEWED".equals(c.status()) ? Step.ELIMINATION_NOTICE : Step.VILLAGE_NOTICE;
        MonitoringPolicy.requireRole(step.roles, step.label);
        return advance(a, c, step, approved, null, text(note, "note", 1000, false));
    }

    /** Whether the case waits for the end of a village notice (identification or risk elimination); for the notice wiring. */
    boolean awaitsNotice(String countyCode, long caseId) {
        return caseRow(countyCode, caseId).map(c -> "VILLAGE_REVIEWED".equals(c.status()) || "ELIM_REVIEWED".equals(c.status()))
                .orElse(false);
    }

    private MonitoringCase advance(Actor a, MonitoringCase c, Step step, boolean approved, String kind, String note) {
        ScopeGuard.writable(c.located(a.countyCode(), locationOf(a.countyCode(), c.id())));
        if (!step.from.equals(c.status())) {
            throw new ConflictException("step", "步骤顺序不对:当前为「" + c.statusLabel() + "」,不能进行「" + step.label
                    + "」 / step " + step + " is not allowed in status " + c.status());
        }
        if (approved && (step == Step.ELIMINATION_REVIEW || step == Step.ELIMINATE)) {
            requireStable(a.countyCode(), c.id());
        }
        String to = approved ? step.to : step.refusedTo;
        LocalDateTime now = LocalDateTime.now(clock);
        int n = jdbc.sql("update monitoring_cases set status = ?, kind = coalesce(?, kind), updated_at = ? where county_code = ? and id = ? and status = ?")
                .params(to, kind, now, a.countyCode(), c.id(), c.status()).update();
        if (n != 1) {
            throw new ConflictException("step", "案件状态已变化,请刷新 / the case changed meanwhile");
        }
        jdbc.sql("insert into monitoring_case_steps (county_code, id, case_id, step, approved, note, actor_name, actor_role, step_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), Ids.next(), c.id(), step.name(), approved, note, a.displayName(), a.role(), now).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.case." + step.name().toLowerCase(), "monitoring-case",
                String.valueOf(c.id()), null, "status=" + c.status(), "status=" + to + (approved ? "" : " (未通过)")));
        if (approved && (step == Step.VILLAGE_REVIEW || step == Step.ELIMINATION_REVIEW)) {
            boolean elim = step == Step.ELIMINATION_REVIEW;
            // names no person: a public notice shows the household number only, the rest stays in the file
            String number = registry.household(c.householdId()).number();
            events.publishEvent(new MonitoringNoticeRequested(a.countyCode(), c.villageCode(), "monitoring-case", String.valueOf(c.id()),
                    elim ? "防返贫监测对象风险消除公示" : "防返贫监测对象识别公示",
                    (elim ? "拟对以下农户标注风险消除:" : "拟将以下农户纳入防返贫监测:") + "户编号 " + number
                            + "。公示期内如有异议,请向村委会反映。"));
        }
        return caseRow(a.countyCode(), c.id()).orElseThrow();
    }

    // ---- measures and income checks --------------------------------------------------------------

    @Transactional
    public Measure addMeasure(long caseId, String kind, String description, String responsible, LocalDate startOn, LocalDate endOn) {
        Actor a = MonitoringPolicy.requireCaseWorker();
        MonitoringCase c = readableCase(a, caseId);
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA, MonitoringPolicy.TA, MonitoringPolicy.VC), "登记帮扶措施");
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (kind == null || !MEASURE_KINDS.containsKey(kind)) {
            errors.add(new InvalidInputException.FieldError("kind", "措施类型应为 " + String.join("/", MEASURE_KINDS.keySet())));
        }
        if (startOn == null) {
            errors.add(new InvalidInputException.FieldError("startOn", "开始日期必填 / startOn is required"));
        } else if (endOn != null && endOn.isBefore(startOn)) {
            errors.add(new InvalidInputException.FieldError("endOn", "结束日期不能早于开始日期 / endOn before startOn"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String d = text(description, "description", 1000, true);
        String r = text(responsible, "responsible", 100, true);
        ScopeGuard.writable(c.located(a.countyCode(), locationOf(a.countyCode(), caseId)));
        if (!Set.of("MONITORED", "ELIM_REVIEWED", "ELIM_NOTICED").contains(c.status())) {
            throw new ConflictException("caseId", "只有纳入监测的户才登记帮扶措施 / measures belong to monitored households");
        }
        long id = Ids.next();
        jdbc.sql("insert into monitoring_measures (county_code, id, case_id, kind, description, responsible, start_on, end_on, outcome, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?)")
                .params(a.countyCode(), id, caseId, kind, d, r, startOn, endOn, a.displayName(), LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.measure.added", "monitoring-measure", String.valueOf(id), null, null,
                "case=" + caseId + ", kind=" + kind + ", responsible=" + r));
        return measure(a.countyCode(), caseId, id);
    }

    @Transactional
    public Measure recordOutcome(long caseId, long measureId, String outcome, LocalDate endOn) {
        Actor a = MonitoringPolicy.requireCaseWorker();
        MonitoringCase c = readableCase(a, caseId);
        Measure before = measure(a.countyCode(), caseId, measureId);
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA, MonitoringPolicy.TA, MonitoringPolicy.VC), "登记帮扶成效");
        String o = text(outcome, "outcome", 1000, true);
        if (endOn != null && endOn.isBefore(before.startOn())) {
            throw new InvalidInputException("endOn", "结束日期不能早于开始日期 / endOn before startOn");
        }
        ScopeGuard.writable(c.located(a.countyCode(), locationOf(a.countyCode(), caseId)));
        jdbc.sql("update monitoring_measures set outcome = ?, end_on = coalesce(?, end_on) where county_code = ? and id = ?")
                .params(o, endOn, a.countyCode(), measureId).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.measure.outcome", "monitoring-measure", String.valueOf(measureId), null,
                before.outcome(), o));
        return measure(a.countyCode(), caseId, measureId);
    }

    /** A recorded income check (today, per person per year) against the current year's line. */
    @Transactional
    public IncomeCheck recordIncomeCheck(long caseId, BigDecimal incomePerCapita) {
        Actor a = MonitoringPolicy.requireCaseWorker();
        MonitoringCase c = readableCase(a, caseId);
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA, MonitoringPolicy.TA, MonitoringPolicy.VC, MonitoringPolicy.GW), "登记收入核查");
        if (incomePerCapita == null || incomePerCapita.signum() < 0 || incomePerCapita.compareTo(new BigDecimal("100000000")) >= 0) {
            throw new InvalidInputException("incomePerCapita", "人均纯收入须为非负数(元) / incomePerCapita must be ≥ 0");
        }
        ScopeGuard.writable(c.located(a.countyCode(), locationOf(a.countyCode(), caseId)));
        LocalDate today = LocalDate.now(clock);
        IncomeLine line = line(a.countyCode(), today.getYear()).orElseThrow(() -> new ConflictException("year",
                "本年度未设置监测收入标准 / no income line set for this year"));
        if (!ACTIVE.contains(c.status()) && !"ELIMINATED".equals(c.status())) {
            throw new ConflictException("caseId", "该案件已结束 / the case is closed");
        }
        BigDecimal v = incomePerCapita.setScale(2, RoundingMode.HALF_UP);
        boolean above = v.compareTo(line.lineYuan()) >= 0;
        jdbc.sql("insert into monitoring_income_checks (county_code, id, case_id, checked_on, income_per_capita, above_line, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), Ids.next(), caseId, today, v, above, a.displayName(), LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.income.checked", "monitoring-case", String.valueOf(caseId), null, null,
                "income=" + v + ", line=" + line.lineYuan()));
        return new IncomeCheck(today, v, above, a.displayName());
    }

    private void requireStable(String county, long caseId) {
        LocalDate today = LocalDate.now(clock);
        IncomeLine line = line(county, today.getYear()).orElseThrow(() -> new ConflictException("year",
                "本年度未设置监测收入标准 / no income line set for this year"));
        LocalDate since = stableSince(checks(county, caseId));
        if (since == null || since.plusMonths(line.stableMonths()).isAfter(today)) {
            throw new ConflictException("incomeChecks", "收入稳定超过监测标准未满 " + line.stableMonths() + " 个月,不能消除风险"
                    + (since == null ? "" : "(自 " + since + " 起稳定,最早 " + since.plusMonths(line.stableMonths()) + ")")
                    + " / income has not stayed above the line for " + line.stableMonths() + " months");
        }
    }

    /** The first check of the latest unbroken run of checks at or above the line; null when the latest is below. */
    static LocalDate stableSince(List<IncomeCheck> checks) {
        LocalDate since = null;
        for (IncomeCheck c : checks) {
            if (c.aboveLine()) {
                if (since == null) {
                    since = c.checkedOn();
                }
            } else {
                since = null;
            }
        }
        return since;
    }

    private List<IncomeCheck> checks(String county, long caseId) {
        return jdbc.sql("select checked_on, income_per_capita, above_line, recorded_by from monitoring_income_checks where county_code = ? and case_id = ? order by checked_on, recorded_at, id")
                .params(county, caseId)
                .query((rs, i) -> new IncomeCheck(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2), rs.getBoolean(3), rs.getString(4)))
                .list();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private MonitoringCase readableCase(Actor a, long caseId) {
        MonitoringCase c = caseRow(a.countyCode(), caseId).orElseThrow(() -> new NotFoundException("监测案件不存在 / no such case"));
        return ScopeGuard.readable(c, c.located(a.countyCode(), locationOf(a.countyCode(), caseId)));
    }

    private String locationOf(String county, long caseId) {
        return jdbc.sql("select location_code from monitoring_cases where county_code = ? and id = ?").params(county, caseId)
                .query(String.class).single();
    }

    private Optional<MonitoringCase> caseRow(String county, long id) {
        return jdbc.sql(CASE_SELECT + " where county_code = ? and id = ?").params(county, id).query(this::mapCase).optional();
    }

    private Measure measure(String county, long caseId, long id) {
        return jdbc.sql("select id, case_id, kind, description, responsible, start_on, end_on, outcome from monitoring_measures where county_code = ? and case_id = ? and id = ?")
                .params(county, caseId, id).query(Monitoring::mapMeasure).optional()
                .orElseThrow(() -> new NotFoundException("帮扶措施不存在 / no such measure"));
    }

    private MonitoringCase mapCase(ResultSet rs, int i) throws SQLException {
        String status = rs.getString("status");
        return new MonitoringCase(rs.getLong("id"), rs.getLong("household_id"), rs.getString("village_code"),
                rs.getObject("grid_id", Long.class), rs.getString("channel"), rs.getString("kind"), rs.getString("reason"), status,
                STATUS_LABELS.get(status), rs.getString("opened_by"), rs.getObject("opened_at", LocalDateTime.class),
                rs.getObject("updated_at", LocalDateTime.class));
    }

    private static Measure mapMeasure(ResultSet rs, int i) throws SQLException {
        String kind = rs.getString(3);
        return new Measure(rs.getLong(1), rs.getLong(2), kind, MEASURE_KINDS.get(kind), rs.getString(4), rs.getString(5),
                rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getString(8));
    }

    static int checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw new InvalidInputException("year", "年度须在 2000 到 2100 之间 / year must be 2000..2100");
        }
        return year;
    }

    /** A trimmed text of at most {@code max} characters; required ones must not be blank. */
    static String text(String v, String field, int max, boolean required) {
        if (v == null || v.isBlank()) {
            if (required) {
                throw new InvalidInputException(field, "必填 / required");
            }
            return null;
        }
        String t = v.trim();
        if (t.length() > max || t.indexOf('\u0000') >= 0) {
            throw new InvalidInputException(field, "最多 " + max + " 字 / at most " + max + " characters");
        }
        return t;
    }

    static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
