package org.shanzhi.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * County survey and measures campaigns (琼中 返贫实时监测): versioned templates over the household facts;
 * a campaign is issued to townships (下发), forwarded to villages and to the households of each grid (转办),
 * filled by grid workers (反馈) and evaluated (评价). Progress is counted live from the forms.
 */
@Service
public class Campaigns {

    public record Template(long id, String kind, String code, int version, String title, List<String> fields,
            LocalDateTime createdAt) {
    }

    public record Campaign(long id, String title, long surveyTemplateId, Long measuresTemplateId, LocalDate deadline,
            String issuedBy, LocalDateTime issuedAt) {
    }

    /** Counts for one township or village of a campaign. */
    public record Progress(String code, String name, String status, long assigned, long filled, long evaluated) {
    }

    public record Form(long id, long campaignId, long householdId, String householdNumber, String villageCode, Long gridId,
            String status, Map<String, String> answers, String filledBy, LocalDateTime filledAt, String evaluationNote,
            String evaluatedBy, LocalDateTime evaluatedAt) {
    }

    private final JdbcClient jdbc;
    private final Registry registry;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JsonMapper json;

    Campaigns(JdbcClient jdbc, Registry registry, Territory territory, ApplicationEventPublisher events, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.territory = territory;
        this.events = events;
        this.clock = clock;
        this.json = json;
    }

    // ---- templates -------------------------------------------------------------------------------

    /** A new version of a survey or measures template (same code = next version); fields are household fact keys. */
    @Transactional
    public Template createTemplate(String kind, String code, String title, List<String> fields) {
        Actor a = MonitoringPolicy.requireStaff();
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA), "制定调查表/措施表");
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (!"SURVEY".equals(kind) && !"MEASURES".equals(kind)) {
            errors.add(new InvalidInputException.FieldError("kind", "类型应为 SURVEY(调查表)或 MEASURES(措施表)"));
        }
        if (code == null || !code.matches("[A-Za-z0-9_-]{1,40}")) {
            errors.add(new InvalidInputException.FieldError("code", "编码为 1-40 位字母数字 / code is 1-40 letters or digits"));
        }
        if (title == null || title.isBlank() || title.length() > 200) {
            errors.add(new InvalidInputException.FieldError("title", "标题必填,最多 200 字 / title is required"));
        }
        Set<String> known = new LinkedHashSet<>();
        registry.fields(a.countyCode()).forEach(f -> known.add(f.key()));
        if (fields == null || fields.isEmpty() || fields.size() > 100) {
            errors.add(new InvalidInputException.FieldError("fields", "须选择 1 到 100 项户信息 / choose 1..100 household facts"));
        } else {
            for (String f : fields) {
                if (f == null || !known.contains(f)) {
                    errors.add(new InvalidInputException.FieldError("fields", "未定义的户信息项 / undefined household fact: " + f));
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int version = jdbc.sql("select coalesce(max(version), 0) from monitoring_templates where county_code = ? and kind = ? and code = ?")
                .params(a.countyCode(), kind, code).query(Integer.class).single() + 1;
        long id = Ids.next();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(fields));
        jdbc.sql("insert into monitoring_templates (county_code, id, kind, code, version, title, field_keys, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), id, kind, code, version, title.trim(), String.join(",", distinct), a.displayName(), LocalDateTime.now(clock))
                .update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.template.created", "monitoring-template", String.valueOf(id), null, null,
                kind + " " + code + " v" + version));
        return template(a.countyCode(), id);
    }

    public List<Template> templates() {
        Actor a = MonitoringPolicy.requireStaff();
        return jdbc.sql("select id, kind, code, version, title, field_keys, created_at from monitoring_templates where county_code = ? order by kind, code, version desc")
                .param(a.countyCode()).query(Campaigns::mapTemplate).list();
    }

    private Template template(String county, long id) {
        return jdbc.sql("select id, kind, code, version, title, field_keys, created_at from monitoring_templates where county_code = ? and id = ?")
                .params(county, id).query(Campaigns::mapTemplate).optional()
                .orElseThrow(() -> new InvalidInputException("templateId", "模板不存在 / no such template"));
    }

    // ---- campaigns -------------------------------------------------------------------------------

    /** 下发: the county issues a campaign to some townships (all of the county's when none are named). */
    @Transactional
    public Campaign issue(String title, Long surveyTemplateId, Long measuresTemplateId, List<String> townships, LocalDate deadline) {
        Actor a = MonitoringPolicy.requireStaff();
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA), "下发排查任务");
        String t = Monitoring.text(title, "title", 200, true);
        if (surveyTemplateId == null) {
            throw new InvalidInputException("surveyTemplateId", "调查表必填 / surveyTemplateId is required");
        }
        Template survey = template(a.countyCode(), surveyTemplateId);
        if (!"SURVEY".equals(survey.kind())) {
            throw new InvalidInputException("surveyTemplateId", "应为调查表 / not a survey template");
        }
        if (measuresTemplateId != null && !"MEASURES".equals(template(a.countyCode(), measuresTemplateId).kind())) {
            throw new InvalidInputException("measuresTemplateId", "应为措施表 / not a measures template");
        }
        List<String> targets = new ArrayList<>();
        if (townships == null || townships.isEmpty()) {
            territory.children(a.countyCode()).forEach(d -> targets.add(d.code()));
        } else {
            for (String code : new LinkedHashSet<>(townships)) {
                if (code == null || Level.ofCode(code).orElse(null) != Level.TOWNSHIP || !code.startsWith(a.countyCode())
                        || territory.find(code).isEmpty()) {
                    throw new InvalidInputException("townships", "乡镇不在本县 / not a township of the county: " + code);
                }
                targets.add(code);
            }
        }
        long id = Ids.next();
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("insert into monitoring_campaigns (county_code, id, title, survey_template_id, measures_template_id, deadline, issued_by, issued_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), id, t, surveyTemplateId, measuresTemplateId, deadline, a.displayName(), now).update();
        for (String code : targets) {
            jdbc.sql("insert into monitoring_campaign_units (county_code, campaign_id, division_code, status, arrived_at) values (?, ?, ?, 'ISSUED', ?)")
                    .params(a.countyCode(), id, code, now).update();
        }
        events.publishEvent(new Audited(a.countyCode(), "monitoring.campaign.issued", "monitoring-campaign", String.valueOf(id), null, null,
                t + " → " + targets.size() + " townships"));
        return campaign(a.countyCode(), id);
    }

    public List<Campaign> campaigns() {
        Actor a = MonitoringPolicy.requireStaff();
        return jdbc.sql("select id, title, survey_template_id, measures_template_id, deadline, issued_by, issued_at from monitoring_campaigns where county_code = ? order by issued_at desc, id desc")
                .param(a.countyCode()).query(Campaigns::mapCampaign).list();
    }

    public Campaign campaign(long id) {
        Actor a = MonitoringPolicy.requireStaff();
        return campaign(a.countyCode(), id);
    }

    private Campaign campaign(String county, long id) {
        return jdbc.sql("select id, title, survey_template_id, measures_template_id, deadline, issued_by, issued_at from monitoring_campaigns where county_code = ? and id = ?")
                .params(county, id).query(Campaigns::mapCampaign).optional()
                .orElseThrow(() -> new NotFoundException("排查任务不存在 / no such campaign"));
    }

    /**
     * 转办: a township passes the campaign to each of its villages; a village passes it to its grid workers,
     * which assigns one form to every household of the village.
     */
    @Transactional
    public List<Progress> forward(long campaignId, String division) {
        Actor a = MonitoringPolicy.requireStaff();
        Campaign c = campaign(a.countyCode(), campaignId);
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA, MonitoringPolicy.TA, MonitoringPolicy.VC), "转办排查任务");
        Level level = division == null ? null : Level.ofCode(division).orElse(null);
        if (level != Level.TOWNSHIP && level != Level.VILLAGE) {
            throw new InvalidInputException("division", "应为乡镇或行政村代码 / division is a township or village code");
        }
        MonitoringPolicy.requireRole(level == Level.TOWNSHIP ? Set.of(MonitoringPolicy.CA, MonitoringPolicy.TA)
                : Set.of(MonitoringPolicy.CA, MonitoringPolicy.TA, MonitoringPolicy.VC), "转办排查任务");
        ScopeGuard.writable(new Located(a.countyCode(), division, null, null));
        String status = unitStatus(a.countyCode(), campaignId, division);
        if (status == null) {
            throw new ConflictException("division", "任务尚未下发到此 / the campaign has not reached " + division);
        }
        if ("FORWARDED".equals(status)) {
            throw new ConflictException("division", "已转办 / already forwarded");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        int created = 0;
        if (level == Level.TOWNSHIP) {
            for (Division v : territory.children(division)) {
                jdbc.sql("insert into monitoring_campaign_units (county_code, campaign_id, division_code, status, arrived_at) values (?, ?, ?, 'ISSUED', ?)")
                        .params(a.countyCode(), campaignId, v.code(), now).update();
                created++;
            }
        } else {
            List<Object[]> rows = new ArrayList<>();
            for (int page = 0; ; page++) {
                Page<Household> batch = registry.searchHouseholds(division, null, page, Page.MAX_SIZE);
                for (Household h : batch.items()) {
                    rows.add(new Object[] {a.countyCode(), Ids.next(), campaignId, h.id(), h.number(), division.substring(0, 9), division,
                            h.groupCode() != null ? h.groupCode() : division, h.gridId()});
                }
                if ((long) (page + 1) * Page.MAX_SIZE >= batch.total()) {
                    break;
                }
            }
            for (Object[] r : rows) {
                jdbc.sql("insert into monitoring_forms (county_code, id, campaign_id, household_id, household_number, township_code, village_code, location_code, grid_id, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ASSIGNED')")
                        .params(r).update();
            }
            created = rows.size();
        }
        jdbc.sql("update monitoring_campaign_units set status = 'FORWARDED', forwarded_by = ?, forwarded_at = ? where county_code = ? and campaign_id = ? and division_code = ?")
                .params(a.displayName(), now, a.countyCode(), campaignId, division).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.campaign.forwarded", "monitoring-campaign", String.valueOf(c.id()), null,
                null, division + " → " + created + (level == Level.TOWNSHIP ? " villages" : " forms")));
        return progress(campaignId, division);
    }

    private String unitStatus(String county, long campaignId, String division) {
        return jdbc.sql("select status from monitoring_campaign_units where county_code = ? and campaign_id = ? and division_code = ?")
                .params(county, campaignId, division).query(String.class).optional().orElse(null);
    }

    /**
     * Live progress one level below a node: per township for a county, per village for a township, the
     * village itself for a village. Counts come from the forms.
     */
    public List<Progress> progress(long campaignId, String division) {
        Actor a = MonitoringPolicy.requireStaff();
        campaign(a.countyCode(), campaignId);
        String code = ScopeGuard.narrow(division);
        int childLength = switch (code.length()) {
            case 6 -> 9;
            case 9, 12 -> 12;
            default -> throw new InvalidInputException("division", "应为县、乡镇或行政村代码 / county, township or village code");
        };
        String formColumn = childLength == 9 ? "f.township_code" : "f.village_code";
        List<Progress> rows = jdbc.sql("""
                select u.division_code, u.status, count(f.id) as assigned,
                       coalesce(sum(case when f.status in ('FILLED', 'EVALUATED') then 1 else 0 end), 0) as filled,
                       coalesce(sum(case when f.status = 'EVALUATED' then 1 else 0 end), 0) as evaluated
                from monitoring_campaign_units u
                left join monitoring_forms f on f.county_code = u.county_code and f.campaign_id = u.campaign_id
                     and %s = u.division_code
                where u.county_code = :county and u.campaign_id = :campaign and u.division_code like :prefix
                  and length(u.division_code) = :len
                group by u.division_code, u.status
                order by u.division_code""".formatted(formColumn))
                .param("county", a.countyCode()).param("campaign", campaignId).param("prefix", code + "%").param("len", childLength)
                .query((rs, i) -> new Progress(rs.getString(1), null, rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
        return rows.stream().map(p -> new Progress(p.code(), territory.find(p.code()).map(Division::name).orElse(p.code()), p.status(),
                p.assigned(), p.filled(), p.evaluated())).toList();
    }

    // ---- forms -----------------------------------------------------------------------------------

    /** Forms of a campaign under a village the caller works on (a grid worker: their grid's households). */
    public Page<Form> forms(long campaignId, String division, String status, int page, int size) {
        Page.check(page, size);
        Actor a = MonitoringPolicy.requireCaseWorker();
        campaign(a.countyCode(), campaignId);
        String code = ScopeGuard.narrow(division);
        Map<String, Object> p = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where county_code = :county and campaign_id = :campaign and location_code like :prefix");
        p.put("county", a.countyCode());
        p.put("campaign", campaignId);
        p.put("prefix", code + "%");
        if (a.gridId() != null) {
            where.append(" and grid_id = :grid");
            p.put("grid", a.gridId());
        }
        if (status != null && !status.isBlank()) {
            if (!Set.of("ASSIGNED", "FILLED", "EVALUATED").contains(status)) {
                throw new InvalidInputException("status", "状态应为 ASSIGNED/FILLED/EVALUATED");
            }
            where.append(" and status = :status");
            p.put("status", status);
        }
        long total = jdbc.sql("select count(*) from monitoring_forms" + where).params(p).query(Long.class).single();
        List<Form> items = jdbc.sql(FORM_SELECT + where + " order by village_code, household_number limit :limit offset :offset")
                .params(p).param("limit", size).param("offset", (long) page * size).query(this::mapForm).list();
        return new Page<>(items, page, size, total);
    }

    /** One form (a grid worker: of their grid). */
    public Form form(long formId) {
        Actor a = MonitoringPolicy.requireCaseWorker();
        return readableForm(a, formId);
    }

    /** The household facts a form of the campaign asks for: the survey's, then the measures form's. */
    public List<String> formFields(long campaignId) {
        Actor a = MonitoringPolicy.requireStaff();
        Campaign c = campaign(a.countyCode(), campaignId);
        Set<String> fields = new LinkedHashSet<>(template(a.countyCode(), c.surveyTemplateId()).fields());
        if (c.measuresTemplateId() != null) {
            fields.addAll(template(a.countyCode(), c.measuresTemplateId()).fields());
        }
        return List.copyOf(fields);
    }

    /** 反馈: the grid worker fills a household's form (again, until it is evaluated). */
    @Transactional
    public Form fill(long formId, Map<String, String> answers) {
        Actor a = MonitoringPolicy.requireCaseWorker();
        Form f = readableForm(a, formId);
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.GW, MonitoringPolicy.VC), "填报调查表");
        Campaign c = campaign(a.countyCode(), f.campaignId());
        Set<String> allowed = new LinkedHashSet<>(template(a.countyCode(), c.surveyTemplateId()).fields());
        if (c.measuresTemplateId() != null) {
            allowed.addAll(template(a.countyCode(), c.measuresTemplateId()).fields());
        }
        if (answers == null || answers.isEmpty()) {
            throw new InvalidInputException("answers", "填报内容不能为空 / answers are required");
        }
        for (Map.Entry<String, String> e : answers.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new InvalidInputException("answers." + e.getKey(), "不在调查表/措施表中 / not on the forms");
            }
            if (e.getValue() != null && (e.getValue().length() > 200 || e.getValue().indexOf('\u0000') >= 0)) {
                throw new InvalidInputException("answers." + e.getKey(), "最多 200 字 / at most 200 characters");
            }
        }
        writableForm(a, f);
        if ("EVALUATED".equals(f.status())) {
            throw new ConflictException("formId", "已评价,不能再填报 / already evaluated");
        }
        jdbc.sql("update monitoring_forms set status = 'FILLED', answers = ?, filled_by = ?, filled_at = ? where county_code = ? and id = ? and status <> 'EVALUATED'")
                .params(json.writeValueAsString(answers), a.displayName(), LocalDateTime.now(clock), a.countyCode(), formId).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.form.filled", "monitoring-form", String.valueOf(formId), null, null,
                "household=" + f.householdId() + ", items=" + answers.size()));
        return form(a.countyCode(), formId);
    }

    /** 评价: the village or township accepts a filled form, or returns it to be filled again. */
    @Transactional
    public Form evaluate(long formId, Boolean accepted, String note) {
        Actor a = MonitoringPolicy.requireCaseWorker();
        Form f = readableForm(a, formId);
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA, MonitoringPolicy.TA, MonitoringPolicy.VC), "评价调查表");
        if (accepted == null) {
            throw new InvalidInputException("accepted", "须说明是否通过 / accepted is required");
        }
        String n = Monitoring.text(note, "note", 500, !accepted);
        writableForm(a, f);
        if (!"FILLED".equals(f.status())) {
            throw new ConflictException("formId", "只能评价已填报的表 / only a filled form is evaluated");
        }
        jdbc.sql("update monitoring_forms set status = ?, evaluation_note = ?, evaluated_by = ?, evaluated_at = ? where county_code = ? and id = ? and status = 'FILLED'")
                .params(accepted ? "EVALUATED" : "ASSIGNED", n, a.displayName(), LocalDateTime.now(clock), a.countyCode(), formId).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.form.evaluated", "monitoring-form", String.valueOf(formId), null,
                "FILLED", accepted ? "EVALUATED" : "RETURNED"));
        return form(a.countyCode(), formId);
    }

    private static final String FORM_SELECT = """
            select id, campaign_id, household_id, household_number, village_code, location_code, grid_id, status, answers, filled_by,
                   filled_at, evaluation_note, evaluated_by, evaluated_at from monitoring_forms""";

    private Form readableForm(Actor a, long id) {
        Form f = form(a.countyCode(), id);
        return ScopeGuard.readable(f, located(a, id, f));
    }

    private void writableForm(Actor a, Form f) {
        ScopeGuard.writable(located(a, f.id(), f));
    }

    private Located located(Actor a, long id, Form f) {
        String location = jdbc.sql("select location_code from monitoring_forms where county_code = ? and id = ?").params(a.countyCode(), id)
                .query(String.class).single();
        return new Located(a.countyCode(), location, f.gridId(), f.householdId());
    }

    private Form form(String county, long id) {
        return jdbc.sql(FORM_SELECT + " where county_code = ? and id = ?").params(county, id).query(this::mapForm).optional()
                .orElseThrow(() -> new NotFoundException("调查表不存在 / no such form"));
    }

    private Form mapForm(ResultSet rs, int i) throws SQLException {
        String answers = rs.getString("answers");
        Map<String, String> map = answers == null ? Map.of() : json.readValue(answers, new TypeReference<LinkedHashMap<String, String>>() {
        });
        return new Form(rs.getLong("id"), rs.getLong("campaign_id"), rs.getLong("household_id"), rs.getString("household_number"),
                rs.getString("village_code"), rs.getObject("grid_id", Long.class), rs.getString("status"), map, rs.getString("filled_by"),
                rs.getObject("filled_at", LocalDateTime.class), rs.getString("evaluation_note"), rs.getString("evaluated_by"),
                rs.getObject("evaluated_at", LocalDateTime.class));
    }

    private static Template mapTemplate(ResultSet rs, int i) throws SQLException {
        return new Template(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                List.of(rs.getString(6).split(",")), rs.getObject(7, LocalDateTime.class));
    }

    private static Campaign mapCampaign(ResultSet rs, int i) throws SQLException {
        return new Campaign(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getObject(4, Long.class), rs.getObject(5, LocalDate.class),
                rs.getString(6), rs.getObject(7, LocalDateTime.class));
    }
}
