package org.shanzhi.deliberation;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.deliberation.internal.Check;
import org.shanzhi.deliberation.internal.DeliberationPolicy;
import org.shanzhi.deliberation.internal.Roles;
import org.shanzhi.territory.Level;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 小微权力清单: a county's power items, each with its flowchart as ordered steps signed off by one role
 * ("一项权力、一项流程、一张图表", 鄞州 000 L4185). A case of an item follows the steps in order: a step out of
 * order is refused (409 naming the step that is due), a step signed by another role is refused (403).
 */
@Service
public class PowerList {

    /** Templates shipped with the platform: name → classpath file. */
    public static final Map<String, String> TEMPLATES = Map.of("qiongzhong", "deliberation/qiongzhong-power-list.csv");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{1,20}");

    public record StepInput(String name, String role, Boolean requiresResolution) {
    }

    public record NewPowerItem(String code, String name, String category, String description, List<StepInput> steps) {
    }

    public record NewPowerCase(Long itemId, String villageCode, String title, String applicant) {
    }

    public record SignOffInput(String note, Long matterId) {
    }

    public record TemplateImport(String template, int imported, int skipped) {
    }

    private final JdbcClient jdbc;
    private final Matters matters;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PowerList(JdbcClient jdbc, Matters matters, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.matters = matters;
        this.events = events;
        this.clock = clock;
    }

    // ---- items -----------------------------------------------------------------------------------

    public List<PowerItem> items() {
        Actor a = DeliberationPolicy.requireAccess();
        return jdbc.sql("select id from power_items where county_code = ? order by code").param(a.countyCode())
                .query(Long.class).list().stream().map(this::loadItem).toList();
    }

    public PowerItem item(long id) {
        PowerItem item = loadItem(id);
        DeliberationPolicy.requireCounty(item.countyCode());
        return item;
    }

    @Transactional
    public PowerItem define(NewPowerItem cmd) {
        Actor a = DeliberationPolicy.requireCountyAdmin(DeliberationPolicy.requireAccess().countyCode());
        Check check = new Check();
        String code = check.text("code", cmd.code(), 20, true);
        if (code != null && !CODE.matcher(code).matches()) {
            check.add("code", "代码为 1-20 位字母、数字或连字符 / code: 1-20 letters, digits or -");
        }
        String name = check.text("name", cmd.name(), 100, true);
        String category = check.text("category", cmd.category(), 40, true);
        String description = check.text("description", cmd.description(), 1000, false);
        List<PowerItem.Step> steps = new ArrayList<>();
        if (cmd.steps() == null || cmd.steps().isEmpty() || cmd.steps().size() > 20) {
            check.add("steps", "须有 1 到 20 个步骤 / 1..20 steps");
        } else {
            for (int i = 0; i < cmd.steps().size(); i++) {
                StepInput s = cmd.steps().get(i);
                String f = "steps[" + i + "]";
                if (s == null) {
                    check.add(f, "必填 / required");
                    continue;
                }
                String stepName = check.text(f + ".name", s.name(), 100, true);
                String role = check.text(f + ".role", s.role(), 30, true);
                if (role != null && !DeliberationPolicy.SIGNING_ROLES.contains(role)) {
                    check.add(f + ".role", "应为 " + String.join("/", DeliberationPolicy.SIGNING_ROLES.stream().sorted().toList())
                            + " / must be a role that may sign");
                }
                steps.add(new PowerItem.Step(i + 1, stepName, role, Roles.label(role), Boolean.TRUE.equals(s.requiresResolution())));
            }
        }
        check.done();
        if (jdbc.sql("select count(*) from power_items where county_code = ? and code = ?").params(a.countyCode(), code)
                .query(Long.class).single() > 0) {
            throw new ConflictException("code", "该编号已存在 / code exists");
        }
        return insertItem(a.countyCode(), code, name, category, description, steps);
    }

    /** Imports a shipped list (e.g. 琼中's 12 items) into the caller's county; items whose code exists are skipped. */
    @Transactional
    public TemplateImport importTemplate(String template) {
        Actor a = DeliberationPolicy.requireCountyAdmin(DeliberationPolicy.requireAccess().countyCode());
        String file = TEMPLATES.get(template);
        if (file == null) {
            throw new NotFoundException("没有该模板 / no such template");
        }
        Map<String, String[]> items = new LinkedHashMap<>();
        Map<String, List<PowerItem.Step>> steps = new LinkedHashMap<>();
        try (Reader in = new InputStreamReader(new ClassPathResource(file).getInputStream(), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get().parse(in)) {
                String code = r.get("code");
                items.putIfAbsent(code, new String[] {r.get("name"), r.get("category"), r.get("description")});
                List<PowerItem.Step> list = steps.computeIfAbsent(code, k -> new ArrayList<>());
                list.add(new PowerItem.Step(list.size() + 1, r.get("step"), r.get("role"), Roles.label(r.get("role")),
                        Boolean.parseBoolean(r.get("requires_resolution"))));
            }
        } catch (IOException e) {
            throw new IllegalStateException("power-list template unreadable: " + file, e);
        }
        int imported = 0;
        int skipped = 0;
        for (var e : items.entrySet()) {
            if (jdbc.sql("select count(*) from power_items where county_code = ? and code = ?").params(a.countyCode(), e.getKey())
                    .query(Long.class).single() > 0) {
                skipped++;
                continue;
            }
            String[] it = e.getValue();
            insertItem(a.countyCode(), e.getKey(), it[0], it[1], it[2].isBlank() ? null : it[2], steps.get(e.getKey()));
            imported++;
        }
        return new TemplateImport(template, imported, skipped);
    }

    private PowerItem insertItem(String county, String code, String name, String category, String description, List<PowerItem.Step> steps) {
        long id = Ids.next();
        jdbc.sql("insert into power_items (county_code, id, code, name, category, description, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(county, id, code, name, category, description, LocalDateTime.now(clock)).update();
        for (PowerItem.Step s : steps) {
            jdbc.sql("insert into power_steps (county_code, item_id, \"position\", name, role, requires_resolution) values (?, ?, ?, ?, ?, ?)")
                    .params(county, id, s.position(), s.name(), s.role(), s.requiresResolution()).update();
        }
        events.publishEvent(new Audited(county, "power_item.defined", "power_item", String.valueOf(id), null, null,
                "code=" + code + ", name=" + name + ", steps=" + steps.size()));
        return loadItem(id);
    }

    // ---- cases -----------------------------------------------------------------------------------

    /** Opens a case in a village: by a cadre, or by whoever holds the role of the first step (e.g. the applicant). */
    @Transactional
    public PowerCase start(NewPowerCase cmd) {
        Check check = new Check();
        if (cmd.itemId() == null) {
            check.add("itemId", "必填 / required");
        }
        String village = matters.villageCode(check, cmd.villageCode());
        String title = check.text("title", cmd.title(), 200, true);
        String applicant = check.text("applicant", cmd.applicant(), 50, false);
        check.done();
        Actor a = DeliberationPolicy.requireWriter(village);
        PowerItem item = loadItemOrNull(cmd.itemId());
        if (item == null || !item.countyCode().equals(Level.countyOf(village))) {
            throw new InvalidInputException("itemId", "本县没有该权力事项 / no such power item in this county");
        }
        if (!DeliberationPolicy.holds(a, "VILLAGE_CADRE") && !DeliberationPolicy.holds(a, item.steps().get(0).role())) {
            throw new ForbiddenException("由村干部或第一步的办理人发起 / a case is opened by a cadre or by whoever does the first step");
        }
        long id = Ids.next();
        jdbc.sql("""
                insert into power_cases (county_code, id, item_id, village_code, title, applicant, next_position, state, created_by,
                                         created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, 1, 'IN_PROGRESS', ?, ?, ?)""")
                .params(item.countyCode(), id, item.id(), village, title, applicant, a.accountId(), a.displayName(), LocalDateTime.now(clock))
                .update();
        events.publishEvent(new Audited(item.countyCode(), "power_case.started", "power_case", String.valueOf(id), null, null,
                "item=" + item.code() + ", village=" + village + ", title=" + title));
        return loadCase(id);
    }

    public PowerCase powerCase(long id) {
        PowerCase c = loadCase(id);
        DeliberationPolicy.requireRead(c.villageCode());
        return c;
    }

    public Page<PowerCase> cases(String division, int page, int size) {
        Page.check(page, size);
        String code = DeliberationPolicy.requireList(division);
        long total = jdbc.sql("select count(*) from power_cases where county_code = ? and village_code like ?")
                .params(Level.countyOf(code), Matters.prefix(code)).query(Long.class).single();
        List<Long> ids = jdbc.sql("select id from power_cases where county_code = ? and village_code like ? order by created_at desc, id desc limit ? offset ?")
                .params(Level.countyOf(code), Matters.prefix(code), size, (long) page * size).query(Long.class).list();
        return new Page<>(ids.stream().map(this::loadCase).toList(), page, size, total);
    }

    /** Signs off one step: only by the step's role (403 otherwise), only when it is due (409 naming the step due otherwise). */
    @Transactional
    public PowerCase sign(long caseId, int position, SignOffInput cmd) {
        PowerCase c = powerCase(caseId);
        Actor a = DeliberationPolicy.requireWriter(c.villageCode());
        PowerItem item = loadItem(c.itemId());
        if (position < 1 || position > item.steps().size()) {
            throw new InvalidInputException("position", "步骤应为 1 到 " + item.steps().size() + " / step must be 1.." + item.steps().size());
        }
        PowerItem.Step step = item.steps().get(position - 1);
        if (!DeliberationPolicy.holds(a, step.role())) {
            throw new ForbiddenException("第 " + step.position() + " 步「" + step.name() + "」须由" + step.roleLabel() + "签批 / step "
                    + step.position() + " is signed off by " + step.role());
        }
        if (c.nextPosition() == null) {
            throw new ConflictException("position", "该事项已办结 / the case is complete");
        }
        if (position != c.nextPosition()) {
            PowerItem.Step due = item.steps().get(c.nextPosition() - 1);
            throw new ConflictException("position", "须按流程顺序办理,当前应办第 " + due.position() + " 步「" + due.name() + "」 / steps go in order: step "
                    + due.position() + " is due");
        }
        PowerItem.Step due = step;
        SignOffInput in = cmd == null ? new SignOffInput(null, null) : cmd;
        Check check = new Check();
        String note = check.text("note", in.note(), 1000, false);
        check.done();
        if (due.requiresResolution()) {
            if (in.matterId() == null) {
                throw new InvalidInputException("matterId", "该步骤须附四议两公开已公开的决议 / this step needs a published 四议两公开 resolution");
            }
            boolean sameVillage = jdbc.sql("select count(*) from matters where county_code = ? and id = ? and village_code = ?")
                    .params(c.countyCode(), in.matterId(), c.villageCode()).query(Long.class).single() > 0;
            if (!sameVillage || !matters.isResolved(in.matterId())) {
                throw new ConflictException("matterId", "该事项尚未形成并公开决议 / the matter has no published resolution");
            }
        }
        Integer next = position == item.steps().size() ? null : position + 1;
        LocalDateTime now = LocalDateTime.now(clock);
        // guarded in the statement: two people signing the same step at once cannot both succeed
        int changed = jdbc.sql("update power_cases set next_position = ?, state = ?, completed_at = ? where county_code = ? and id = ? and next_position = ?")
                .params(next, next == null ? "COMPLETED" : "IN_PROGRESS", next == null ? now : null, c.countyCode(), caseId, position)
                .update();
        if (changed == 0) {
            throw new ConflictException("position", "该步骤刚被他人签批,请刷新 / the step was just signed by someone else");
        }
        jdbc.sql("""
                insert into power_signoffs (county_code, case_id, "position", role, signed_by, signed_by_name, note, matter_id, signed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.countyCode(), caseId, position, due.role(), a.accountId(), a.displayName(), note,
                        due.requiresResolution() ? in.matterId() : null, now)
                .update();
        events.publishEvent(new Audited(c.countyCode(), "power_case.signed", "power_case", String.valueOf(caseId), null,
                "next=" + position, "signed=" + position + " (" + due.name() + "), role=" + a.role()));
        return loadCase(caseId);
    }

    // ---- loading ---------------------------------------------------------------------------------

    private PowerItem loadItemOrNull(long id) {
        var row = jdbc.sql("select county_code, code, name, category, description from power_items where id = ?").param(id)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)})
                .optional();
        if (row.isEmpty()) {
            return null;
        }
        String[] r = row.get();
        List<PowerItem.Step> steps = jdbc.sql("select \"position\", name, role, requires_resolution from power_steps where county_code = ? and item_id = ? order by \"position\"")
                .params(r[0], id)
                .query((rs, i) -> new PowerItem.Step(rs.getInt(1), rs.getString(2), rs.getString(3), Roles.label(rs.getString(3)), rs.getBoolean(4)))
                .list();
        return new PowerItem(id, r[0], r[1], r[2], r[3], r[4], steps);
    }

    private PowerItem loadItem(long id) {
        PowerItem item = loadItemOrNull(id);
        if (item == null) {
            throw new NotFoundException("权力事项不存在 / no such power item");
        }
        return item;
    }

    private PowerCase loadCase(long id) {
        PowerCase c = jdbc.sql("""
                select c.county_code, c.id, c.village_code, c.item_id, i.code, i.name, c.title, c.applicant, c.next_position, c.state,
                       c.created_by_name, c.created_at, c.completed_at
                from power_cases c join power_items i on i.county_code = c.county_code and i.id = c.item_id where c.id = ?""")
                .param(id)
                .query((rs, i) -> new PowerCase(rs.getLong(2), rs.getString(1), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, Integer.class), rs.getString(10), List.of(),
                        rs.getString(11), rs.getObject(12, LocalDateTime.class), rs.getObject(13, LocalDateTime.class)))
                .optional().orElseThrow(() -> new NotFoundException("事项不存在 / no such case"));
        List<PowerCase.SignOff> signOffs = jdbc.sql("""
                select s."position", st.name, s.role, s.signed_by_name, s.note, s.matter_id, s.signed_at
                from power_signoffs s join power_steps st on st.county_code = s.county_code and st.item_id = ? and st."position" = s."position"
                where s.county_code = ? and s.case_id = ? order by s."position"
                """)
                .params(c.itemId(), c.countyCode(), id)
                .query((rs, i) -> new PowerCase.SignOff(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, Long.class), rs.getObject(7, LocalDateTime.class)))
                .list();
        return new PowerCase(c.id(), c.countyCode(), c.villageCode(), c.itemId(), c.itemCode(), c.itemName(), c.title(), c.applicant(),
                c.nextPosition(), c.state(), signOffs, c.createdByName(), c.createdAt(), c.completedAt());
    }
}
