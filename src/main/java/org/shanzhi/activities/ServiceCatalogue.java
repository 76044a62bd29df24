package org.shanzhi.activities;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.shanzhi.activities.internal.ActivitiesPolicy;
import org.shanzhi.cases.Case;
import org.shanzhi.cases.CaseDesk;
import org.shanzhi.cases.CaseKind;
import org.shanzhi.cases.CaseStatus;
import org.shanzhi.cases.Light;
import org.shanzhi.cases.Rating;
import org.shanzhi.cases.ReportCase;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.TimeConfig;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 便民代办 (昌江): the county's catalogue of village services, each handled by the village agent (PROXY, 村级承诺代理) or
 * assisted at the service point (ONSITE, 现场协助办), online and/or by phone, with its documents and time limit (days).
 * A villager's request becomes a SERVICE_REQUEST case of the case engine (category {@value #CASE_CATEGORY}); the item's
 * time limit is kept with the request ({@code dueAt}).
 */
@Service
public class ServiceCatalogue {

    public static final String EXAMPLE = "activities/changjiang-services.csv";
    public static final String CASE_CATEGORY = "PROXY";
    static final Set<String> MODES = Set.of("PROXY", "ONSITE");

    public record Item(long id, String code, String name, String mode, boolean online, boolean byPhone, String documents, int limitDays) {
    }

    public record Imported(int items, int proxy, int onsite, int online, int byPhone) {
    }

    public record ServiceRequest(long id, String itemCode, String itemName, long caseId, String caseStatus, LocalDateTime dueAt) {
    }

    public record NewRequest(String itemCode, Long householdId, String description) {
    }

    private final JdbcClient jdbc;
    private final CaseDesk cases;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ServiceCatalogue(JdbcClient jdbc, CaseDesk cases, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.events = events;
        this.clock = clock;
    }

    /** Imports the shipped 昌江 example into the caller's county (county admins). */
    @Transactional
    public Imported importExample() {
        try (InputStream in = new ClassPathResource(EXAMPLE).getInputStream()) {
            return importCsv(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One refused cell of an import: the file's row (1 = the first line), the column, the reason. */
    public record RowError(int row, String column, String reason) {
    }

    /** The outcome of an import: the counts from the file when imported, else the refused cells (nothing saved). */
    public record ImportReport(boolean imported, Imported counts, List<RowError> errors) {
    }

    static final String[] COLUMNS = {"code", "name", "mode", "online", "phone", "documents", "limitDays"};
    static final int MAX_ROWS = 2000;
    static final int MAX_ERRORS = 200;

    /**
     * Imports a catalogue CSV ({@code code,name,mode,online,phone,documents,limitDays}; lines starting with # are
     * comments; the header line is optional); an existing code is updated. Throws with the refused cells.
     */
    @Transactional
    public Imported importCsv(InputStream in) {
        ImportReport r = importFile(in);
        if (!r.imported()) {
            throw new InvalidInputException(r.errors().stream().limit(20)
                    .map(e -> new InvalidInputException.FieldError("row " + e.row() + (e.column().isEmpty() ? "" : ", " + e.column()), e.reason())).toList());
        }
        return r.counts();
    }

    /**
     * Checks the whole file first (every row and column); any refused cell imports nothing and the report lists each
     * one (row, column, reason). County admins only.
     */
    @Transactional
    public ImportReport importFile(InputStream in) {
        Actor a = requireImporter();
        List<String[]> rows = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        Set<String> codes = new java.util.HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int no = 0;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                no++;
                if (no == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    if (line.trim().toLowerCase().startsWith("code,")) {
                        continue;
                    }
                }
                if (rows.size() >= MAX_ROWS) {
                    errors.add(new RowError(no, "", "事项过多(最多 " + MAX_ROWS + " 行)/ too many rows"));
                    break;
                }
                List<String> cells = cells(line);
                if (cells == null) {
                    errors.add(new RowError(no, "", "引号未闭合 / an unclosed quote"));
                    continue;
                }
                if (cells.size() != COLUMNS.length) {
                    errors.add(new RowError(no, "", "应有 7 列(code,name,mode,online,phone,documents,limitDays),实有 " + cells.size()
                            + " 列 / 7 columns expected"));
                    continue;
                }
                String[] f = cells.stream().map(String::trim).toArray(String[]::new);
                int before = errors.size();
                if (!f[0].matches("[A-Za-z0-9_-]{1,20}")) {
                    errors.add(new RowError(no, "code", "编码应为 1–20 位字母、数字、- 或 _ / 1-20 letters, digits, - or _"));
                } else if (!codes.add(f[0].toUpperCase())) {
                    errors.add(new RowError(no, "code", "编码 " + f[0] + " 在文件中重复 / duplicate code in the file"));
                }
                if (f[1].isEmpty() || f[1].length() > 100 || f[1].indexOf('\0') >= 0 || f[1].indexOf('\uFFFD') >= 0) {
                    errors.add(new RowError(no, "name", "事项名称必填,最多 100 字 / name is required, at most 100 characters"));
                }
                f[2] = mode(f[2]);
                if (f[2] == null) {
                    errors.add(new RowError(no, "mode", "办理方式应为 PROXY(村级承诺代理)或 ONSITE(现场协助办)/ PROXY or ONSITE"));
                }
                f[3] = bool(f[3]);
                if (f[3] == null) {
                    errors.add(new RowError(no, "online", "应为 true/false(是/否)/ true or false"));
                }
                f[4] = bool(f[4]);
                if (f[4] == null) {
                    errors.add(new RowError(no, "phone", "应为 true/false(是/否)/ true or false"));
                }
                if (f[5].length() > 500 || f[5].indexOf('\0') >= 0) {
                    errors.add(new RowError(no, "documents", "所需材料最多 500 字 / documents at most 500 characters"));
                }
                if (!f[6].matches("\\d{1,3}") || Integer.parseInt(f[6]) < 1 || Integer.parseInt(f[6]) > 365) {
                    errors.add(new RowError(no, "limitDays", "办理时限应为 1 到 365 天 / a time limit of 1..365 days"));
                }
                if (errors.size() == before) {
                    rows.add(f);
                }
                if (errors.size() >= MAX_ERRORS) {
                    break;
                }
            }
        } catch (IOException e) {
            errors.add(new RowError(0, "", "无法读取文件 / cannot read the file"));
        }
        if (errors.isEmpty() && rows.isEmpty()) {
            errors.add(new RowError(0, "", "文件没有事项 / the file has no items"));
        }
        if (!errors.isEmpty()) {
            return new ImportReport(false, null, List.copyOf(errors));
        }
        for (String[] f : rows) {
            String code = f[0];
            int updated = jdbc.sql("""
                    update service_items set name = ?, mode = ?, online = ?, by_phone = ?, documents = ?, limit_days = ?, active = true
                    where county_code = ? and code = ?""")
                    .params(f[1], f[2], Boolean.parseBoolean(f[3]), Boolean.parseBoolean(f[4]), f[5], Integer.parseInt(f[6]), a.countyCode(), code)
                    .update();
            if (updated == 0) {
                jdbc.sql("""
                        insert into service_items (county_code, id, code, name, mode, online, by_phone, documents, limit_days, active)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, true)""")
                        .params(a.countyCode(), Ids.next(), code, f[1], f[2], Boolean.parseBoolean(f[3]), Boolean.parseBoolean(f[4]), f[5],
                                Integer.parseInt(f[6])).update();
            }
        }
        events.publishEvent(new Audited(a.countyCode(), "activities.catalogue_imported", "service_items", a.countyCode(), null, null,
                rows.size() + " items"));
        return new ImportReport(true, new Imported(rows.size(), count(rows, 2, "PROXY"), count(rows, 2, "ONSITE"), count(rows, 3, "true"),
                count(rows, 4, "true")), List.of());
    }

    /** The county admin (or the system) imports the catalogue: else 403 (404 for roles that do not read activities). */
    public Actor requireImporter() {
        Actor a = ActivitiesPolicy.reader();
        if (a.readOnly() || !Set.of("SYSTEM", "COUNTY_ADMIN").contains(a.role())) {
            throw new ForbiddenException("只有县级管理员可以导入服务目录 / only the county admin imports the catalogue");
        }
        return a;
    }

    private static String mode(String s) {
        return switch (s.toUpperCase()) {
            case "PROXY", "村级承诺代理", "代理" -> "PROXY";
            case "ONSITE", "现场协助办", "现场" -> "ONSITE";
            default -> null;
        };
    }

    private static String bool(String s) {
        return switch (s.toLowerCase()) {
            case "true", "是", "y", "yes" -> "true";
            case "false", "否", "n", "no" -> "false";
            default -> null;
        };
    }

    /** The cells of a CSV line (double quotes, "" inside quotes); null when a quote is left open. */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(cell.toString());
        return out;
    }

    private static int count(List<String[]> rows, int col, String value) {
        return (int) rows.stream().filter(f -> f[col].equalsIgnoreCase(value)).count();
    }

    public List<Item> items() {
        Actor a = ActivitiesPolicy.reader();
        return jdbc.sql("""
                select id, code, name, mode, online, by_phone, documents, limit_days from service_items where county_code = ? and active = true
                order by code""").param(a.countyCode()).query(ServiceCatalogue::map).list();
    }

    public Optional<Item> item(String code) {
        Actor a = ActivitiesPolicy.reader();
        return jdbc.sql("select id, code, name, mode, online, by_phone, documents, limit_days from service_items where county_code = ? and code = ? and active = true")
                .params(a.countyCode(), code).query(ServiceCatalogue::map).optional();
    }

    private static Item map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6), rs.getString(7), rs.getInt(8));
    }

    /** A villager (or staff for them) requests a service: a SERVICE_REQUEST case through the case engine, due by the item's limit. */
    @Transactional
    public ServiceRequest request(NewRequest cmd) {
        Actor a = ActivitiesPolicy.reader();
        if (cmd == null || cmd.itemCode() == null || cmd.itemCode().isBlank() || cmd.itemCode().length() > 20) {
            throw new InvalidInputException("itemCode", "请选择服务事项 / choose a service");
        }
        Item item = item(cmd.itemCode().trim()).orElseThrow(() -> new InvalidInputException("itemCode", "服务目录中没有该事项 / no such service"));
        String description = cmd.description() == null || cmd.description().isBlank()
                ? "申请代办:" + item.name() : cmd.description().trim();
        Long household = cmd.householdId();
        if (household == null && a.householdIds().size() == 1) {
            household = a.householdIds().iterator().next();
        }
        if (household == null) {
            throw new InvalidInputException("householdId", "请选择申请的农户 / choose the household");
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(TimeConfig.ZONE));
        LocalDateTime due = now.plusDays(item.limitDays());
        Case k = cases.report(new ReportCase(CASE_CATEGORY, CaseKind.SERVICE_REQUEST, "代办:" + item.name(), description + "(所需材料:"
                + item.documents() + ";办理时限 " + item.limitDays() + " 天,须于 " + due.format(DUE) + " 前办结)", household, null, null, null,
                null, null, null, null, null, null, null, null));
        long id = Ids.next();
        jdbc.sql("""
                insert into service_requests (county_code, id, item_id, case_id, household_id, village_code, due_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.countyCode(), id, item.id(), k.id(), household, k.villageCode(), due, now).update();
        return new ServiceRequest(id, item.code(), item.name(), k.id(), k.status().name(), due);
    }

    /** The service request behind a case (its item and due time), if the case came from the catalogue. */
    public ServiceRequest requestOfCase(long caseId) {
        Case k = cases.get(caseId);
        return jdbc.sql("""
                select r.id, i.code, i.name, r.case_id, r.due_at from service_requests r join service_items i on i.county_code = r.county_code and i.id = r.item_id
                where r.county_code = ? and r.case_id = ?""").params(k.countyCode(), caseId)
                .query((rs, n) -> new ServiceRequest(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), k.status().name(),
                        rs.getTimestamp(5).toLocalDateTime())).optional().orElseThrow(() -> new NotFoundException("未找到 / not found"));
    }

    static final java.time.format.DateTimeFormatter DUE = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /**
     * A request as the villager and the agent follow it: the case's status, the item's time limit and the SLA light
     * against that limit (green up to 80 % of it, yellow to 100 %, red past it; once handled, red if it was late).
     */
    public record RequestView(long id, String itemCode, String itemName, int limitDays, String documents, long caseId, CaseStatus status,
            LocalDateTime createdAt, LocalDateTime dueAt, LocalDateTime handledAt, Light light, Rating rating, boolean mayRate,
            Long householdId) {

        public String statusLabel() {
            return status.label();
        }
    }

    private record Row(long id, long caseId, String itemCode, String itemName, int limitDays, String documents, LocalDateTime createdAt,
            LocalDateTime dueAt, Long householdId) {
    }

    private static final String ROW = """
            select r.id, r.case_id, i.code, i.name, i.limit_days, i.documents, r.created_at, r.due_at, r.household_id
            from service_requests r join service_items i on i.county_code = r.county_code and i.id = r.item_id""";

    private static Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                rs.getTimestamp(7).toLocalDateTime(), rs.getTimestamp(8).toLocalDateTime(), rs.getObject(9) == null ? null : rs.getLong(9));
    }

    /** One request (the case's scope applies: outside it, 404). */
    public RequestView view(long id) {
        Actor a = ActivitiesPolicy.reader();
        Row r = jdbc.sql(ROW + " where r.county_code = ? and r.id = ?").params(a.countyCode(), id).query(ServiceCatalogue::row).optional()
                .orElseThrow(() -> new NotFoundException("未找到 / not found"));
        return view(r, cases.get(r.caseId()));
    }

    /** The caller's requests, newest first: a household's own, or those of the staff member's territory (at most 100). */
    public List<RequestView> requests() {
        Actor a = ActivitiesPolicy.reader();
        List<Row> rows;
        if (!a.territorial() && !a.householdIds().isEmpty() && Set.of("VILLAGER", "PARTY_CENTER").contains(a.role())) {
            rows = new ArrayList<>();
            for (Long h : a.householdIds()) {
                rows.addAll(jdbc.sql(ROW + " where r.county_code = ? and r.household_id = ? order by r.created_at desc, r.id desc limit 100")
                        .params(a.countyCode(), h).query(ServiceCatalogue::row).list());
            }
            rows.sort(java.util.Comparator.comparing(Row::createdAt).reversed());
        } else {
            rows = jdbc.sql(ROW + " where r.county_code = ? and r.village_code like ? order by r.created_at desc, r.id desc limit 100")
                    .params(a.countyCode(), ("SYSTEM".equals(a.role()) ? a.countyCode() : a.scopeCode()) + "%").query(ServiceCatalogue::row).list();
        }
        List<RequestView> out = new ArrayList<>();
        for (Row r : rows.subList(0, Math.min(100, rows.size()))) {
            try {
                out.add(view(r, cases.get(r.caseId())));
            } catch (NotFoundException outside) {
                // a grid worker sees only the cases of the grid
            }
        }
        return out;
    }

    /** 评价 of a handled request, by the household that asked (through the case engine). */
    @Transactional
    public RequestView rate(long id, Rating rating, String note) {
        RequestView v = view(id);
        cases.rate(v.caseId(), rating, note);
        return view(id);
    }

    private RequestView view(Row r, Case k) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(TimeConfig.ZONE));
        boolean mayRate = k.status() == CaseStatus.FEEDBACK && cases.allowedActions(k).contains(org.shanzhi.cases.CaseAction.RATE);
        return new RequestView(r.id(), r.itemCode(), r.itemName(), r.limitDays(), r.documents(), r.caseId(), k.status(), r.createdAt(), r.dueAt(),
                k.handledAt(), light(r.createdAt(), r.dueAt(), k.handledAt(), k.status(), now), k.rating(), mayRate, r.householdId());
    }

    /** The light against the item's limit: live while the request is open, settled once handled. */
    public static Light light(LocalDateTime from, LocalDateTime due, LocalDateTime handledAt, CaseStatus status, LocalDateTime now) {
        LocalDateTime at = handledAt != null ? handledAt : now;
        if (handledAt == null && !status.timed()) {
            return Light.GREEN; // refused or closed without handling: the clock stopped
        }
        if (at.isAfter(due)) {
            return Light.RED;
        }
        if (handledAt != null) {
            return Light.GREEN;
        }
        long limit = java.time.Duration.between(from, due).toSeconds();
        long used = java.time.Duration.between(from, at).toSeconds();
        return used * 5 >= limit * 4 ? Light.YELLOW : Light.GREEN;
    }
}
