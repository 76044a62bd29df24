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

    /**
     * Imports a catalogue CSV ({@code code,name,mode,online,phone,documents,limitDays}; lines starting with # are
     * comments); an existing code is updated. All lines are checked first; any error refuses the whole file.
     */
    @Transactional
    public Imported importCsv(InputStream in) {
        Actor a = ActivitiesPolicy.reader();
        if (a.readOnly() || !Set.of("SYSTEM", "COUNTY_ADMIN").contains(a.role())) {
            throw new ForbiddenException("只有县级管理员可以导入服务目录 / only the county admin imports the catalogue");
        }
        List<String[]> rows = new ArrayList<>();
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int no = 0;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    if (line.startsWith("code,")) {
                        continue;
                    }
                }
                String[] f = line.split(",", -1);
                if (f.length != 7 || !f[0].trim().matches("[A-Za-z0-9_-]{1,20}") || f[1].isBlank() || f[1].length() > 100
                        || !MODES.contains(f[2].trim().toUpperCase()) || !f[3].trim().matches("true|false") || !f[4].trim().matches("true|false")
                        || f[5].length() > 500 || !f[6].trim().matches("\\d{1,3}")) {
                    errors.add(new InvalidInputException.FieldError("line " + no, "格式应为 code,name,PROXY|ONSITE,true|false,true|false,documents,days"));
                    continue;
                }
                rows.add(f);
            }
        } catch (IOException e) {
            throw new InvalidInputException("file", "无法读取文件 / cannot read the file");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.size() > 20 ? errors.subList(0, 20) : errors);
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException("file", "文件没有事项 / the file has no items");
        }
        for (String[] f : rows) {
            String code = f[0].trim();
            int updated = jdbc.sql("""
                    update service_items set name = ?, mode = ?, online = ?, by_phone = ?, documents = ?, limit_days = ?, active = true
                    where county_code = ? and code = ?""")
                    .params(f[1].trim(), f[2].trim().toUpperCase(), Boolean.parseBoolean(f[3].trim()), Boolean.parseBoolean(f[4].trim()), f[5].trim(),
                            Integer.parseInt(f[6].trim()), a.countyCode(), code).update();
            if (updated == 0) {
                jdbc.sql("""
                        insert into service_items (county_code, id, code, name, mode, online, by_phone, documents, limit_days, active)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, true)""")
                        .params(a.countyCode(), Ids.next(), code, f[1].trim(), f[2].trim().toUpperCase(), Boolean.parseBoolean(f[3].trim()),
                                Boolean.parseBoolean(f[4].trim()), f[5].trim(), Integer.parseInt(f[6].trim())).update();
            }
        }
        events.publishEvent(new Audited(a.countyCode(), "activities.catalogue_imported", "service_items", a.countyCode(), null, null,
                rows.size() + " items"));
        return new Imported(rows.size(), count(rows, 2, "PROXY"), count(rows, 2, "ONSITE"), count(rows, 3, "true"), count(rows, 4, "true"));
    }

    private static int count(List<String[]> rows, int col, String value) {
        return (int) rows.stream().filter(f -> f[col].trim().equalsIgnoreCase(value)).count();
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
        Case k = cases.report(new ReportCase(CASE_CATEGORY, CaseKind.SERVICE_REQUEST, "代办:" + item.name(), description + "(所需材料:"
                + item.documents() + ";办理时限 " + item.limitDays() + " 天)", household, null, null, null, null, null, null, null, null,
                null, null, null));
        LocalDateTime now = LocalDateTime.now(clock.withZone(TimeConfig.ZONE));
        LocalDateTime due = now.plusDays(item.limitDays());
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
}
