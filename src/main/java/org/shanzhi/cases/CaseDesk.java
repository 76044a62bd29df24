package org.shanzhi.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.shanzhi.cases.CaseCatalog.Category;
import org.shanzhi.cases.internal.CaseSettings;
import org.shanzhi.cases.internal.CaseStore;
import org.shanzhi.cases.internal.CasesPolicy;
import org.shanzhi.cases.internal.CasesPolicy.Caller;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.Located;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.identity.Account;
import org.shanzhi.identity.Accounts;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cases module's API: report a case and move it through the loop, one named command per step (see
 * {@link CaseAction} for the table of allowed steps). Each command checks scope (404), role (403), input (400)
 * and state (409), claims the case with a conditional UPDATE on its version, appends the step to the case log
 * and publishes {@link Audited}.
 */
@Service
public class CaseDesk {

    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");
    private static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/gif");
    private static final BigDecimal NINETY = BigDecimal.valueOf(90);
    private static final BigDecimal ONE_EIGHTY = BigDecimal.valueOf(180);

    private final JdbcClient jdbc;
    private final CaseStore store;
    private final CaseCatalog catalog;
    private final CaseSettings settings;
    private final Registry registry;
    private final Territory territory;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseDesk(JdbcClient jdbc, CaseStore store, CaseCatalog catalog, CaseSettings settings, Registry registry,
            Territory territory, Accounts accounts, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.catalog = catalog;
        this.settings = settings;
        this.registry = registry;
        this.territory = territory;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    // ---- report ----------------------------------------------------------------------------------

    @Transactional
    public Case report(ReportCase cmd) {
        return report(cmd, null, null);
    }

    /**
     * Reports a case, optionally with a photo. The channel follows the reporter's role unless given (Open311).
     * The case starts at the category's level (staff may choose another) with that level's clock running.
     */
    @Transactional
    public Case report(ReportCase cmd, Channel channel, NewPhoto photo) {
        Actor a = ScopeGuard.actor();
        CasesPolicy.requireCasesUser(a);
        if (cmd == null) {
            throw new InvalidInputException("body", "请求体必填 / body is required");
        }
        Where where = locate(a, cmd.householdId(), cmd.divisionCode(), cmd.gridId());
        CasesPolicy.requireReporter(a);

        List<FieldError> errors = new ArrayList<>();
        Category category = cmd.categoryCode() == null ? null
                : catalog.category(a.countyCode(), cmd.categoryCode()).filter(Category::active).orElse(null);
        if (category == null) {
            errors.add(new FieldError("categoryCode", "问题类别不存在 / no such category"));
        }
        String description = trim(cmd.description());
        if (description == null || description.length() > 2000) {
            errors.add(new FieldError("description", "问题描述必填,最多 2000 字 / description is required, at most 2000 characters"));
        }
        String title = trim(cmd.title());
        if (title != null && title.length() > 100) {
            errors.add(new FieldError("title", "标题最多 100 字 / title is at most 100 characters"));
        }
        String address = trim(cmd.address());
        if (address != null && address.length() > 200) {
            errors.add(new FieldError("address", "地址最多 200 字 / address is at most 200 characters"));
        }
        String mediaUrl = trim(cmd.mediaUrl());
        if (mediaUrl != null && (mediaUrl.length() > 500 || !mediaUrl.matches("(?i)https?://\\S+"))) {
            errors.add(new FieldError("mediaUrl", "图片地址应为 http(s) 链接 / media URL must be an http(s) link"));
        }
        if (cmd.lat() != null && cmd.lat().abs().compareTo(NINETY) > 0) {
            errors.add(new FieldError("lat", "纬度应在 -90 到 90 之间 / lat must be -90..90"));
        }
        if (cmd.lon() != null && cmd.lon().abs().compareTo(ONE_EIGHTY) > 0) {
            errors.add(new FieldError("long", "经度应在 -180 到 180 之间 / long must be -180..180"));
        }
        String reporterName = trim(cmd.reporterName());
        if (reporterName != null && reporterName.length() > 50) {
            errors.add(new FieldError("reporterName", "报告人姓名最多 50 字 / reporter name is at most 50 characters"));
        }
        String reporterPhone = trim(cmd.reporterPhone());
        if (reporterPhone != null && !PHONE.matcher(reporterPhone).matches()) {
            errors.add(new FieldError("reporterPhone", "手机号应为 11 位 / phone must be an 11-digit mobile number"));
        }
        if (cmd.level() != null && !CasesPolicy.mayChooseLevel(a)) {
            errors.add(new FieldError("level", "只有工作人员可以指定层级 / only staff choose the level"));
        }
        CaseKind kind = cmd.kind() != null ? cmd.kind() : category == null ? null : category.kind();
        List<ReportCase.Party> parties = cmd.parties() == null ? List.of() : cmd.parties();
        if (kind == CaseKind.DISPUTE) {
            errors.addAll(partyErrors(a.countyCode(), parties));
        } else if (!parties.isEmpty()) {
            errors.add(new FieldError("parties", "只有矛盾纠纷有当事人 / only disputes have parties"));
        }
        if (photo != null) {
            errors.addAll(photoErrors(photo));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }

        CaseLevel level = cmd.level() != null ? cmd.level() : category.startLevel();
        if (level == CaseLevel.HOUSEHOLD && where.householdId() == null) {
            level = CaseLevel.GROUP; // 户联系 needs a household; without one the group takes it
        }
        String county = a.countyCode();
        LocalDateTime now = now();
        LocalDateTime due = now.plus(catalog.limit(county, level));
        long id = Ids.next();
        boolean staff = !Set.of("VILLAGER", "PARTY_CENTER", "GRID_WORKER").contains(a.role());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("county_code", county);
        row.put("id", id);
        row.put("kind", kind.name());
        row.put("category_code", category.code());
        row.put("title", title != null ? title : titleOf(description));
        row.put("description", description);
        row.put("channel", (channel != null ? channel : channelOf(a)).name());
        row.put("status", CaseStatus.REPORTED.name());
        row.put("level", level.name());
        row.put("village_code", where.villageCode());
        row.put("group_code", where.groupCode());
        row.put("grid_id", where.gridId());
        row.put("household_id", where.householdId());
        row.put("address", address);
        row.put("lat", cmd.lat() == null ? null : cmd.lat().setScale(6, RoundingMode.HALF_UP));
        row.put("lon", cmd.lon() == null ? null : cmd.lon().setScale(6, RoundingMode.HALF_UP));
        row.put("media_url", mediaUrl);
        row.put("urgent", Boolean.TRUE.equals(cmd.urgent()));
        row.put("reporter_account_id", actorId(a));
        row.put("reporter_name", staff && reporterName != null ? reporterName : clip(a.displayName(), 50));
        row.put("reporter_phone", staff ? reporterPhone : null);
        row.put("reported_at", now);
        row.put("response_due_at", now.plusHours(settings.responseHours()));
        row.put("level_started_at", now);
        row.put("due_at", due);
        row.put("timer_at", due);
        row.put("updated_at", now);
        store.insert(row);
        store.log(county, id, 0, now, actorId(a), clip(a.displayName(), 50), "REPORT", null, CaseStatus.REPORTED, level,
                clip(description, 200));
        if (kind == CaseKind.DISPUTE) {
            String tier = level == CaseLevel.TOWNSHIP ? "TOWNSHIP" : "VILLAGE";
            jdbc.sql("insert into case_disputes (county_code, case_id, tier, outcome) values (?, ?, ?, 'PENDING')")
                    .params(county, id, tier).update();
            int seq = 0;
            for (ReportCase.Party p : parties) {
                jdbc.sql("insert into case_dispute_parties (county_code, case_id, seq, name, household_id, phone) values (?, ?, ?, ?, ?, ?)")
                        .params(county, id, ++seq, p.name().trim(), p.householdId(), trim(p.phone())).update();
            }
        }
        if (photo != null) {
            insertPhoto(county, id, photo, now);
        }
        events.publishEvent(new Audited(county, "case.reported", "case", String.valueOf(id), null, null,
                kind + ", " + category.code() + ", " + level + ", village=" + where.villageCode()));
        return store.find(county, id, now).orElseThrow();
    }

    private record Where(String villageCode, String groupCode, Long gridId, Long householdId) {
    }

    /**
     * Where a reported case sits. A household is looked up as the caller (so the registry's scope applies);
     * a villager's case is about their own household; a grid worker's case lies in their grid.
     */
    private Where locate(Actor a, Long householdId, String divisionCode, Long gridId) {
        if (householdId == null && "VILLAGER".equals(a.role()) && a.householdIds().size() == 1) {
            householdId = a.householdIds().iterator().next();
        }
        if (householdId != null) {
            Household h = registry.household(householdId);
            return new Where(h.villageCode(), h.groupCode(), h.gridId(), h.id());
        }
        if ("VILLAGER".equals(a.role()) || "PARTY_CENTER".equals(a.role())) {
            throw new InvalidInputException("householdId", "请选择所联系的户 / choose the household");
        }
        if ("GRID_WORKER".equals(a.role())) {
            String group = null;
            if (divisionCode != null && !divisionCode.isBlank() && !divisionCode.equals(a.scopeCode())) {
                if (!divisionCode.startsWith(a.scopeCode())) {
                    throw new NotFoundException("未找到 / not found");
                }
                if (divisionCode.length() != 15 || territory.find(divisionCode).isEmpty()) {
                    throw new InvalidInputException("divisionCode", "应为本村的村民小组 / must be a group of your village");
                }
                group = divisionCode;
            }
            return new Where(a.scopeCode(), group, a.gridId(), null);
        }
        if (divisionCode == null || divisionCode.isBlank()) {
            throw new InvalidInputException("divisionCode", "请选择村或村民小组 / choose a village or group");
        }
        Level level = Level.ofCode(divisionCode).orElse(null);
        if (level != Level.VILLAGE && level != Level.GROUP) {
            throw new InvalidInputException("divisionCode", "应为村或村民小组代码 / must be a village or group code");
        }
        String village = divisionCode.substring(0, 12);
        if (!ScopeGuard.covers(a, new Located(Level.countyOf(divisionCode), divisionCode, null, null))) {
            throw new NotFoundException("未找到 / not found");
        }
        Division d = territory.find(divisionCode).orElseThrow(() -> new InvalidInputException("divisionCode", "区划不存在 / no such division"));
        if (gridId != null && territory.findGrid(gridId).filter(g -> g.villageCode().equals(village)).isEmpty()) {
            throw new InvalidInputException("gridId", "网格不在该村 / grid not in this village");
        }
        return new Where(village, level == Level.GROUP ? d.code() : null, gridId, null);
    }

    private List<FieldError> partyErrors(String county, List<ReportCase.Party> parties) {
        List<FieldError> errors = new ArrayList<>();
        if (parties.size() < 2 || parties.size() > 20) {
            errors.add(new FieldError("parties", "纠纷须有 2 到 20 名当事人 / a dispute has 2..20 parties"));
        }
        for (int i = 0; i < parties.size(); i++) {
            ReportCase.Party p = parties.get(i);
            if (p == null || p.name() == null || p.name().isBlank() || p.name().length() > 50) {
                errors.add(new FieldError("parties[" + i + "].name", "当事人姓名必填 / party name is required"));
                continue;
            }
            if (p.phone() != null && !p.phone().isBlank() && !PHONE.matcher(p.phone().trim()).matches()) {
                errors.add(new FieldError("parties[" + i + "].phone", "手机号应为 11 位 / phone must be an 11-digit mobile number"));
            }
            if (p.householdId() != null && !householdExists(county, p.householdId())) {
                errors.add(new FieldError("parties[" + i + "].householdId", "户不存在 / no such household"));
            }
        }
        return errors;
    }

    boolean householdExists(String county, long householdId) {
        try {
            ScopeGuard.asSystem(county, () -> registry.household(householdId));
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    // ---- the steps -------------------------------------------------------------------------------

    /** 立案. */
    @Transactional
    public Case accept(long id, String note) {
        Loaded l = load(id);
        CasesPolicy.requireDesk(l.caller(), l.k());
        String n = optionalText("note", note, 1000);
        return step(l, CaseAction.ACCEPT, sets("accepted_at", l.now(), "responded_at", l.now()), n);
    }

    /** 不予立案, with a reason the reporter sees. */
    @Transactional
    public Case refuse(long id, String reason) {
        Loaded l = load(id);
        CasesPolicy.requireDesk(l.caller(), l.k());
        String r = requiredText("reason", reason, 1000, "不予立案须说明理由 / a refusal needs a reason");
        return step(l, CaseAction.REFUSE, sets("responded_at", l.now(), "timer_at", null), r);
    }

    /** 派遣 (again: 转办) to a person, a level or a county department. */
    @Transactional
    public Case dispatch(long id, DispatchCase cmd) {
        Loaded l = load(id);
        Case k = l.k();
        CasesPolicy.requireDesk(l.caller(), k);
        if (cmd == null || (blank(cmd.handlerUsername()) && cmd.level() == null && blank(cmd.department()))) {
            throw new InvalidInputException("handlerUsername", "请指定办理人、层级或部门 / name a handler, a level or a department");
        }
        String note = optionalText("note", cmd.note(), 1000);
        Map<String, Object> sets = sets("handler_account_id", null, "handler_name", null, "handler_department", null);
        List<String> to = new ArrayList<>();
        if (!blank(cmd.handlerUsername())) {
            Account h = accounts.byUsername(cmd.handlerUsername().trim()).filter(acc -> acc.countyCode().equals(k.countyCode()))
                    .orElseThrow(() -> new InvalidInputException("handlerUsername", "账号不存在 / no such account"));
            if (!CasesPolicy.handlerRole(h.role().name()) || !handlerCovers(h, k)) {
                throw new InvalidInputException("handlerUsername", "该账号不能办理此案件 / this account cannot handle this case");
            }
            sets.put("handler_account_id", h.id());
            sets.put("handler_name", clip(h.displayName(), 50));
            if (h.department() != null && h.role().name().equals("DEPARTMENT_STAFF")) {
                sets.put("handler_department", h.department());
            }
            to.add(h.displayName() + "(" + h.username() + ")");
        }
        if (!blank(cmd.department())) {
            String dept = cmd.department().trim();
            if (!catalog.departments(k.countyCode()).contains(dept)) {
                throw new InvalidInputException("department", "部门不在本县部门名单中 / not a department of the county");
            }
            sets.put("handler_department", dept);
            to.add(dept);
        }
        if (cmd.level() != null) {
            if (cmd.level() == CaseLevel.HOUSEHOLD && k.householdId() == null) {
                throw new InvalidInputException("level", "户联系层级须有所涉农户 / the household level needs a household");
            }
            if (cmd.level() != k.level()) {
                sets.putAll(levelClock(k.countyCode(), cmd.level(), l.now())); // 授权到任一级: that level's clock starts
            }
            to.add(cmd.level().label());
        }
        String text = "派遣至 / to: " + String.join(", ", to) + (note == null ? "" : " — " + note);
        return step(l, CaseAction.DISPATCH, sets, clip(text, 2000));
    }

    private boolean handlerCovers(Account h, Case k) {
        return switch (h.role()) {
            case DEPARTMENT_STAFF -> true;
            case GRID_WORKER -> h.scopeCode().equals(k.villageCode()) && (k.gridId() == null || k.gridId().equals(h.gridId()));
            case PARTY_CENTER -> k.householdId() != null && h.householdId() != null
                    && (k.householdId().equals(h.householdId()) || registry.linkedIds(k.countyCode(), h.householdId()).contains(k.householdId()));
            default -> k.villageCode().startsWith(h.scopeCode());
        };
    }

    /** 办结: the handling result; a volunteer household's help is announced when the case closes. */
    @Transactional
    public Case handle(long id, HandleCase cmd) {
        Loaded l = load(id);
        CasesPolicy.requireHandle(l.caller(), l.k());
        String note = requiredText("note", cmd == null ? null : cmd.note(), 2000, "办理结果必填 / the handling result is required");
        Long volunteer = cmd.volunteerHouseholdId();
        if (volunteer != null && !householdExists(l.k().countyCode(), volunteer)) {
            throw new InvalidInputException("volunteerHouseholdId", "户不存在 / no such household");
        }
        return step(l, CaseAction.HANDLE, handledSets(l, volunteer), note);
    }

    Map<String, Object> handledSets(Loaded l, Long volunteer) {
        LocalDateTime from = l.k().acceptedAt() != null ? l.k().acceptedAt() : l.k().reportedAt();
        return sets("handled_at", l.now(), "handling_seconds", Duration.between(from, l.now()).toSeconds(), "timer_at", null,
                "volunteer_household_id", volunteer != null ? volunteer : l.k().volunteerHouseholdId());
    }

    /** 反馈 to the reporter; the rating window starts. */
    @Transactional
    public Case feedback(long id, String note) {
        Loaded l = load(id);
        CasesPolicy.requireHandle(l.caller(), l.k());
        String n = requiredText("note", note, 1000, "反馈内容必填 / the feedback is required");
        return step(l, CaseAction.FEEDBACK, sets("feedback_at", l.now(), "timer_at", l.now().plusDays(settings.ratingDays())), n);
    }

    /** 评价 by the reporter; satisfied or basically satisfied closes the case at once. */
    @Transactional
    public Case rate(long id, Rating rating, String note) {
        Loaded l = load(id);
        CasesPolicy.requireRate(l.caller(), l.k());
        if (rating == null) {
            throw new InvalidInputException("rating", "请选择满意、基本满意或不满意 / rating is required");
        }
        String n = optionalText("note", note, 500);
        Case rated = step(l, CaseAction.RATE, sets("rating", rating.name(), "rated_at", l.now(), "timer_at", null),
                rating.label() + (n == null ? "" : " — " + n));
        if (!rating.satisfied()) {
            return rated;
        }
        Case closed = step(new Loaded(l.caller(), rated, l.now()), CaseAction.CLOSE, sets("closed_at", l.now()),
                "评价" + rating.label() + ",自动结案 / closed on a satisfied rating");
        announceVolunteer(closed);
        return closed;
    }

    /** 结案 after a rating (a not-satisfied case the desk decides not to reopen). */
    @Transactional
    public Case close(long id, String note) {
        Loaded l = load(id);
        CasesPolicy.requireDesk(l.caller(), l.k());
        String n = optionalText("note", note, 1000);
        Case closed = step(l, CaseAction.CLOSE, sets("closed_at", l.now(), "timer_at", null), n);
        announceVolunteer(closed);
        return closed;
    }

    /** 重办 once after "not satisfied": back to the same handler with a fresh clock at the current level. */
    @Transactional
    public Case reopen(long id, String reason) {
        Loaded l = load(id);
        Case k = l.k();
        CasesPolicy.requireReopen(l.caller(), k);
        String r = requiredText("reason", reason, 1000, "重办须说明理由 / reopening needs a reason");
        CaseAction.REOPEN.next(k.status());
        if (k.rating() != Rating.NOT_SATISFIED) {
            throw new ConflictException("rating", "只有评价为不满意的案件可以重办 / only a not-satisfied case reopens");
        }
        if (k.reopenCount() >= 1) {
            throw new ConflictException("reopenCount", "每个案件只能重办一次 / a case reopens only once");
        }
        Map<String, Object> sets = levelClock(k.countyCode(), k.level(), l.now());
        sets.put("reopen_count", k.reopenCount() + 1);
        sets.put("handled_at", null);
        sets.put("feedback_at", null);
        return step(l, CaseAction.REOPEN, sets, r);
    }

    // ---- whistle (吹哨报到) -----------------------------------------------------------------------

    /** 吹哨: the township names county departments, each to respond (报到) within the hours given. */
    @Transactional
    public Case whistle(long id, BlowWhistle cmd) {
        Loaded l = load(id);
        Case k = l.k();
        CasesPolicy.requireWhistle(l.caller(), k);
        List<String> known = catalog.departments(k.countyCode());
        List<String> depts = cmd == null || cmd.departments() == null ? List.of()
                : cmd.departments().stream().filter(d -> d != null && !d.isBlank()).map(String::trim).distinct().toList();
        if (depts.isEmpty() || depts.size() > 20) {
            throw new InvalidInputException("departments", "请选择 1 到 20 个部门 / name 1..20 departments");
        }
        for (String d : depts) {
            if (!known.contains(d)) {
                throw new InvalidInputException("departments", "部门不在本县部门名单中 / not a department of the county: " + d);
            }
        }
        int hours = cmd.hours() == null ? settings.whistleHours() : cmd.hours();
        if (hours < 1 || hours > 720) {
            throw new InvalidInputException("hours", "报到时限须在 1 到 720 小时之间 / hours must be 1..720");
        }
        String note = optionalText("note", cmd.note(), 1000);
        CaseAction.WHISTLE.next(k.status());
        long whistleId = Ids.next();
        Actor a = l.caller().actor();
        LocalDateTime due = l.now().plusHours(hours);
        jdbc.sql("insert into case_whistles (county_code, id, case_id, blown_by_id, blown_by, blown_at, hours, note) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(k.countyCode(), whistleId, k.id(), actorId(a), clip(a.displayName(), 50), l.now(), hours, note).update();
        for (String d : depts) {
            jdbc.sql("insert into case_whistle_calls (county_code, whistle_id, case_id, department, blown_at, due_at) values (?, ?, ?, ?, ?, ?)")
                    .params(k.countyCode(), whistleId, k.id(), d, l.now(), due).update();
        }
        return step(l, CaseAction.WHISTLE, sets(), clip("吹哨 / whistle: " + String.join("、", depts) + ", " + hours
                + " 小时内报到 / respond within " + hours + "h" + (note == null ? "" : " — " + note), 2000));
    }

    /** 报到: a whistled department answers; an answer after the deadline counts as late. */
    @Transactional
    public Case respond(long id, String note) {
        Loaded l = load(id);
        CasesPolicy.requireRespond(l.caller());
        return respond(l, l.caller().department(), note);
    }

    /** The system records a department's answer (demo data; a department's answer given on paper). */
    @Transactional
    Case respondFor(long id, String department, String note) {
        Loaded l = load(id);
        if (!l.caller().is("SYSTEM")) {
            throw new org.shanzhi.common.ForbiddenException("只有系统代录 / system only");
        }
        return respond(l, department, note);
    }

    private Case respond(Loaded l, String department, String note) {
        long id = l.k().id();
        Caller c = new Caller(l.caller().actor(), department);
        String n = optionalText("note", note, 1000);
        CaseAction.RESPOND.next(l.k().status());
        List<LocalDateTime> dues = jdbc.sql("select due_at from case_whistle_calls where county_code = ? and case_id = ? and department = ? and responded_at is null")
                .params(l.k().countyCode(), id, c.department()).query(LocalDateTime.class).list();
        int answered = jdbc.sql("""
                update case_whistle_calls set responded_at = ?, responder_id = ?, responder_name = ?, response_note = ?
                where county_code = ? and case_id = ? and department = ? and responded_at is null""")
                .params(l.now(), actorId(c.actor()), clip(c.actor().displayName(), 50), n, l.k().countyCode(), id, c.department())
                .update();
        if (answered == 0) {
            throw new ConflictException("department", "本部门没有待报到的吹哨 / no whistle awaits your department");
        }
        boolean late = dues.stream().anyMatch(d -> l.now().isAfter(d));
        return step(l, CaseAction.RESPOND, sets(), clip(c.department() + " 报到 / responded" + (late ? "(超时 / late)" : "")
                + (n == null ? "" : " — " + n), 2000));
    }

    public List<WhistleCall> calls(long caseId) {
        Loaded l = load(caseId);
        return jdbc.sql("select * from case_whistle_calls where county_code = ? and case_id = ? order by blown_at, department")
                .params(l.k().countyCode(), caseId).query((rs, i) -> mapCall(rs, l.now())).list();
    }

    /**
     * Whistle calls the caller can see: department staff their department's, others those of cases in their
     * scope. {@code state} filters PENDING / ON_TIME / LATE / MISSING.
     */
    public Page<WhistleCall> whistleCalls(WhistleCall.State state, int page, int size) {
        Page.check(page, size);
        Caller c = caller();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("county", c.actor().countyCode());
        String where = " where w.county_code = :county and w.case_id in (select c.id from cases c where c.county_code = :county and "
                + CasesPolicy.readFilter(c, p) + ")";
        if (c.is("DEPARTMENT_STAFF")) {
            where += " and w.department = :myDepartment";
        }
        p.put("now", now());
        if (state != null) {
            where += switch (state) {
                case PENDING -> " and w.responded_at is null and w.due_at > :now";
                case MISSING -> " and w.responded_at is null and w.due_at <= :now";
                case ON_TIME -> " and w.responded_at is not null and w.responded_at <= w.due_at";
                case LATE -> " and w.responded_at > w.due_at";
            };
        }
        long total = jdbc.sql("select count(*) from case_whistle_calls w" + where).params(p).query(Long.class).single();
        LocalDateTime now = now();
        List<WhistleCall> items = jdbc.sql("select w.* from case_whistle_calls w" + where + " order by w.due_at desc, w.department limit :limit offset :offset")
                .params(p).param("limit", size).param("offset", (long) page * size).query((rs, i) -> mapCall(rs, now)).list();
        return new Page<>(items, page, size, total);
    }

    private static WhistleCall mapCall(java.sql.ResultSet rs, LocalDateTime now) throws java.sql.SQLException {
        LocalDateTime due = rs.getObject("due_at", LocalDateTime.class);
        LocalDateTime responded = rs.getObject("responded_at", LocalDateTime.class);
        return new WhistleCall(rs.getLong("whistle_id"), rs.getLong("case_id"), rs.getString("department"),
                rs.getObject("blown_at", LocalDateTime.class), due, responded, rs.getString("responder_name"),
                rs.getString("response_note"), WhistleCall.state(due, responded, now));
    }

    // ---- photos ----------------------------------------------------------------------------------

    /** Adds a photo to a case (the reporter or a handler); returns the photo's id. */
    @Transactional
    public long addPhoto(long caseId, NewPhoto photo) {
        Loaded l = load(caseId);
        CasesPolicy.requireAddPhoto(l.caller(), l.k());
        if (photo == null || photo.data() == null || photo.data().length == 0) {
            throw new InvalidInputException("file", "请选择照片 / choose a photo");
        }
        List<FieldError> errors = photoErrors(photo);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        CaseAction.PHOTO.next(l.k().status());
        long photoId = insertPhoto(l.k().countyCode(), caseId, photo, l.now());
        step(l, CaseAction.PHOTO, sets(), "照片 / photo " + photoId);
        return photoId;
    }

    public CasePhoto photo(long caseId, long photoId) {
        Loaded l = load(caseId);
        return jdbc.sql("select id, case_id, content_type, data from case_photos where county_code = ? and case_id = ? and id = ?")
                .params(l.k().countyCode(), caseId, photoId)
                .query((rs, i) -> new CasePhoto(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBytes(4))).optional()
                .orElseThrow(() -> new NotFoundException("照片不存在 / no such photo"));
    }

    public List<Long> photoIds(long caseId) {
        Loaded l = load(caseId);
        return jdbc.sql("select id from case_photos where county_code = ? and case_id = ? order by id")
                .params(l.k().countyCode(), caseId).query(Long.class).list();
    }

    private List<FieldError> photoErrors(NewPhoto photo) {
        List<FieldError> errors = new ArrayList<>();
        if (photo.contentType() == null || !PHOTO_TYPES.contains(photo.contentType().toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError("file", "照片应为 JPEG、PNG、WebP 或 GIF / photo must be JPEG, PNG, WebP or GIF"));
        }
        if (photo.data() == null || photo.data().length == 0 || photo.data().length > settings.photoMaxBytes()) {
            errors.add(new FieldError("file", "照片不能为空,最大 " + settings.photoMaxBytes() / 1024 / 1024 + " MB / photo too large or empty"));
        }
        return errors;
    }

    private long insertPhoto(String county, long caseId, NewPhoto photo, LocalDateTime now) {
        long photoId = Ids.next();
        jdbc.sql("insert into case_photos (county_code, id, case_id, content_type, size_bytes, data, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(county, photoId, caseId, photo.contentType().toLowerCase(Locale.ROOT), photo.data().length, photo.data(), now)
                .update();
        return photoId;
    }

    // ---- reading ---------------------------------------------------------------------------------

    public Case get(long id) {
        return load(id).k();
    }

    public List<CaseLogEntry> log(long id) {
        Case k = load(id).k();
        return store.log(k.countyCode(), id);
    }

    /** What the caller may do with the case now (for pages: which buttons to show). */
    public Set<CaseAction> allowedActions(Case k) {
        Caller c = caller();
        Set<CaseAction> out = new HashSet<>();
        boolean desk = can(() -> CasesPolicy.requireDesk(c, k));
        boolean handle = CasesPolicy.mayHandle(c, k);
        boolean rate = can(() -> CasesPolicy.requireRate(c, k));
        for (CaseAction a : CaseAction.values()) {
            if (!a.allowedFrom(k.status())) {
                continue;
            }
            boolean may = switch (a) {
                case ACCEPT, REFUSE, DISPATCH, CLOSE -> desk;
                case HANDLE, FEEDBACK, MEDIATE, AGREE, REFER, FOLLOW_UP -> handle;
                case RATE -> rate;
                case REOPEN -> (rate || desk) && k.rating() == Rating.NOT_SATISFIED && k.reopenCount() == 0;
                case WHISTLE -> can(() -> CasesPolicy.requireWhistle(c, k));
                case RESPOND -> c.is("DEPARTMENT_STAFF") && pendingFor(k, c.department());
                case PHOTO -> handle || rate;
                case ESCALATE, OVERDUE, EXPIRE -> false;
            };
            if (may && (k.kind() == CaseKind.DISPUTE || !Set.of(CaseAction.MEDIATE, CaseAction.AGREE, CaseAction.REFER,
                    CaseAction.FOLLOW_UP).contains(a))) {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean can(Runnable check) {
        try {
            check.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean pendingFor(Case k, String department) {
        return department != null && jdbc.sql("select count(*) from case_whistle_calls where county_code = ? and case_id = ? and department = ? and responded_at is null")
                .params(k.countyCode(), k.id(), department).query(Long.class).single() > 0;
    }

    /**
     * Cases the caller may see, newest first. {@code division} narrows to a village or township inside the
     * caller's scope; {@code mine} keeps the caller's own reports (a villager's "my cases").
     */
    public Page<Case> list(String division, CaseLevel level, CaseStatus status, CaseKind kind, boolean mine, int page, int size) {
        Page.check(page, size);
        Caller c = caller();
        Map<String, Object> p = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where c.county_code = :county and ").append(CasesPolicy.readFilter(c, p));
        p.put("county", c.actor().countyCode());
        areaFilter(c, division, where, p);
        if (level != null) {
            where.append(" and c.level = :level");
            p.put("level", level.name());
        }
        if (status != null) {
            where.append(" and c.status = :status");
            p.put("status", status.name());
        }
        if (kind != null) {
            where.append(" and c.kind = :kind");
            p.put("kind", kind.name());
        }
        if (mine) {
            where.append(" and c.reporter_account_id = :me");
        }
        return page(where.toString(), " order by c.reported_at desc, c.id desc", p, page, size);
    }

    /**
     * Inbox of one level: cases at that level not yet closed or refused, the ones whose clock runs first and
     * the most urgent deadline first.
     */
    public Page<Case> inbox(CaseLevel level, String division, int page, int size) {
        Page.check(page, size);
        if (level == null) {
            throw new InvalidInputException("level", "层级必填 / level is required");
        }
        Caller c = caller();
        Map<String, Object> p = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where c.county_code = :county and ").append(CasesPolicy.readFilter(c, p))
                .append(" and c.level = :level and c.status in ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'HANDLED', 'FEEDBACK', 'RATED')");
        p.put("county", c.actor().countyCode());
        p.put("level", level.name());
        areaFilter(c, division, where, p);
        return page(where.toString(), " order by case when c.status in ('REPORTED', 'ACCEPTED', 'DISPATCHED') then 0 else 1 end, c.due_at, c.id",
                p, page, size);
    }

    /**
     * The Open311 query: cases the caller may see, by ids, category, report time and open/closed, newest
     * first. Without ids or dates, the last 90 days (GeoReport v2's default).
     */
    public Page<Case> requests(List<Long> ids, String categoryCode, LocalDateTime from, LocalDateTime to, Boolean open,
            int page, int size) {
        Page.check(page, size);
        Caller c = caller();
        Map<String, Object> p = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where c.county_code = :county and ").append(CasesPolicy.readFilter(c, p));
        p.put("county", c.actor().countyCode());
        if (ids != null && !ids.isEmpty()) {
            where.append(" and c.id in (:ids)");
            p.put("ids", ids);
        } else if (from == null && to == null) {
            from = now().minusDays(90);
        }
        if (categoryCode != null) {
            where.append(" and c.category_code = :category");
            p.put("category", categoryCode);
        }
        if (from != null) {
            where.append(" and c.reported_at >= :from");
            p.put("from", from);
        }
        if (to != null) {
            where.append(" and c.reported_at <= :to");
            p.put("to", to);
        }
        if (open != null) {
            where.append(open ? " and c.status not in ('CLOSED', 'REFUSED')" : " and c.status in ('CLOSED', 'REFUSED')");
        }
        return page(where.toString(), " order by c.reported_at desc, c.id desc", p, page, size);
    }

    /** The note of each case's latest step (Open311 status_notes), for a page of cases. */
    public Map<Long, String> lastNotes(List<Case> cases) {
        Map<Long, String> notes = new LinkedHashMap<>();
        for (Case k : cases) {
            jdbc.sql("select note from case_log where county_code = ? and case_id = ? and seq = ?")
                    .params(k.countyCode(), k.id(), k.version()).query(String.class).optional()
                    .ifPresent(n -> notes.put(k.id(), n));
        }
        return notes;
    }

    private void areaFilter(Caller c, String division, StringBuilder where, Map<String, Object> p) {
        if (division == null || division.isBlank()) {
            return;
        }
        if (Level.ofCode(division).isEmpty()) {
            throw new InvalidInputException("division", "区划代码格式不正确 / malformed division code");
        }
        ScopeGuard.narrow(division);
        where.append(" and c.village_code like :area");
        p.put("area", (division.length() > 12 ? division.substring(0, 12) : division) + "%");
        if (division.length() == 15) {
            where.append(" and c.group_code = :group");
            p.put("group", division);
        }
    }

    private Page<Case> page(String where, String order, Map<String, Object> p, int page, int size) {
        long total = jdbc.sql("select count(*) from cases c" + where).params(p).query(Long.class).single();
        LocalDateTime now = now();
        List<Case> items = jdbc.sql(CaseStore.SELECT + where + order + " limit :limit offset :offset").params(p)
                .param("limit", size).param("offset", (long) page * size).query((rs, i) -> store.map(rs, now)).list();
        return new Page<>(items, page, size, total);
    }

    // ---- the sweep's steps (run as the system, see CaseSweep) -------------------------------------

    /**
     * Acts on one case whose timer ran out, if it is still the version the sweep read. The step's conditional
     * UPDATE is the claim: when another node got there first it changes no row and this throws 409.
     *
     * @return whether this call changed the case
     */
    boolean sweepOne(String county, long id, int version, LocalDateTime now) {
        Case k = store.find(county, id, now).orElse(null);
        if (k == null || k.version() != version) {
            return false;
        }
        Loaded l = new Loaded(new Caller(ScopeGuard.actor(), null), k, now);
        if (k.status().timed() && k.dueAt() != null && !now.isBefore(k.dueAt())) {
            CaseLevel next = k.level().next();
            if (next == null) {
                step(l, CaseAction.OVERDUE, sets("overdue", true, "timer_at", null),
                        "超过" + k.level().label() + "时限 / past the top level's limit");
                return true;
            }
            Map<String, Object> sets = levelClock(county, next, now);
            sets.put("overdue", true);
            sets.put("escalations", k.escalations() + 1);
            step(l, CaseAction.ESCALATE, sets, "超过" + k.level().label() + "时限,升级至 / past the limit, up to " + next.label());
            return true;
        }
        if (k.status() == CaseStatus.FEEDBACK && k.feedbackAt() != null
                && !now.isBefore(k.feedbackAt().plusDays(settings.ratingDays()))) {
            Case closed = step(l, CaseAction.EXPIRE, sets("closed_at", now, "timer_at", null),
                    settings.ratingDays() + " 天内未评价,自动结案 / no rating within " + settings.ratingDays() + " days");
            announceVolunteer(closed);
            return true;
        }
        // a timer that no longer means anything (e.g. the state moved on): stop it without a step
        jdbc.sql("update cases set timer_at = null where county_code = ? and id = ? and version = ?")
                .params(county, id, version).update();
        return false;
    }

    /**
     * The sweep's common steps for a batch of one county's due cases, in the caller's transaction: a case past its
     * level's limit moves up one level (ESCALATE) or, at the top, is marked overdue (OVERDUE) — the same steps as
     * {@link #sweepOne}, set-based: one JDBC batch of UPDATEs, each claiming its case by the version the sweep read (a
     * case another node or a person changed meanwhile is left alone), then one batch of case-log rows and the audit
     * entries for the claimed cases only. Returns the ids it changed; {@code rest} receives the candidates due for
     * another reason (rating window, a stale timer), which the caller sweeps one by one.
     */
    List<Long> sweepBatch(String county, Map<Long, Integer> versions, LocalDateTime now, java.util.Collection<Long> rest) {
        Map<Long, Case> byId = new LinkedHashMap<>();
        for (Case k : store.findAll(county, versions.keySet(), now)) {
            byId.put(k.id(), k);
        }
        List<Case> escalate = new ArrayList<>();
        List<Case> overdue = new ArrayList<>();
        versions.forEach((id, version) -> {
            Case k = byId.get(id);
            if (k == null || k.version() != version) {
                return; // gone or changed since the sweep read it
            }
            boolean pastLimit = k.status().timed() && k.dueAt() != null && !now.isBefore(k.dueAt());
            if (pastLimit && CaseAction.ESCALATE.allowedFrom(k.status())) {
                (k.level().next() == null ? overdue : escalate).add(k);
            } else {
                rest.add(id);
            }
        });
        List<Long> acted = new ArrayList<>();
        Actor a = ScopeGuard.actor();
        Map<CaseLevel, Map<String, Object>> clocks = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>();
        for (Case k : escalate) {
            Map<String, Object> c = clocks.computeIfAbsent(k.level().next(), l -> levelClock(county, l, now));
            rows.add(new Object[] {c.get("level"), c.get("level_started_at"), c.get("due_at"), c.get("timer_at"), true,
                    k.escalations() + 1, k.id(), k.version()});
        }
        claimAndLog(county, CaseAction.ESCALATE, escalate,
                store.updateAll(county, List.of("level", "level_started_at", "due_at", "timer_at", "overdue", "escalations"), rows, now),
                k -> "超过" + k.level().label() + "时限,升级至 / past the limit, up to " + k.level().next().label(),
                k -> k.level().next(), now, a, acted);
        rows = new ArrayList<>();
        for (Case k : overdue) {
            rows.add(new Object[] {true, null, k.id(), k.version()});
        }
        claimAndLog(county, CaseAction.OVERDUE, overdue, store.updateAll(county, List.of("overdue", "timer_at"), rows, now),
                k -> "超过" + k.level().label() + "时限 / past the top level's limit", Case::level, now, a, acted);
        return acted;
    }

    private void claimAndLog(String county, CaseAction action, List<Case> cases, int[] changed,
            java.util.function.Function<Case, String> note, java.util.function.Function<Case, CaseLevel> level,
            LocalDateTime now, Actor a, List<Long> acted) {
        List<CaseStore.CaseLogRow> log = new ArrayList<>();
        List<Audited> audit = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            if (changed[i] <= 0) {
                continue; // another node claimed it first
            }
            Case k = cases.get(i);
            CaseStatus to = action.next(k.status());
            String n = note.apply(k);
            CaseLevel l = level.apply(k);
            log.add(new CaseStore.CaseLogRow(k.id(), k.version() + 1, now, actorId(a), clip(a.displayName(), 50), action.name(),
                    k.status(), to, l, n));
            audit.add(new Audited(county, "case." + action.name().toLowerCase(Locale.ROOT), "case", String.valueOf(k.id()), null,
                    k.status() + "/" + k.level(), to + "/" + l + ": " + clip(n, 300)));
            acted.add(k.id());
        }
        if (!log.isEmpty()) {
            store.logAll(county, log);
            audit.forEach(events::publishEvent);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    record Loaded(Caller caller, Case k, LocalDateTime now) {
    }

    Caller caller() {
        Actor a = ScopeGuard.actor();
        String dept = "DEPARTMENT_STAFF".equals(a.role())
                ? accounts.byUsername(a.username()).map(Account::department).orElse(null) : null;
        return new Caller(a, dept);
    }

    Loaded load(long id) {
        Caller c = caller();
        CasesPolicy.requireCasesUser(c.actor());
        LocalDateTime now = now();
        Case k = store.find(c.actor().countyCode(), id, now).orElseThrow(() -> new NotFoundException("案件不存在 / no such case"));
        CasesPolicy.requireRead(c, k, () -> c.department() != null && jdbc.sql(
                "select count(*) from case_whistle_calls where county_code = ? and case_id = ? and department = ?")
                .params(k.countyCode(), id, c.department()).query(Long.class).single() > 0);
        return new Loaded(c, k, now);
    }

    /** Applies one step of the table: claim by version, log, audit. */
    Case step(Loaded l, CaseAction action, Map<String, Object> sets, String note) {
        Case k = l.k();
        CaseStatus to = action.next(k.status());
        Map<String, Object> s = new LinkedHashMap<>(sets);
        if (action.changesState()) {
            s.put("status", to.name());
        }
        if (store.update(k.countyCode(), k.id(), k.version(), s, l.now()) == 0) {
            throw new ConflictException("version", "案件已被他人更新,请刷新后重试 / the case changed meanwhile; reload and retry");
        }
        CaseLevel level = s.containsKey("level") ? CaseLevel.valueOf((String) s.get("level")) : k.level();
        Actor a = l.caller().actor();
        store.log(k.countyCode(), k.id(), k.version() + 1, l.now(), actorId(a), clip(a.displayName(), 50), action.name(),
                k.status(), to, level, note);
        events.publishEvent(new Audited(k.countyCode(), "case." + action.name().toLowerCase(Locale.ROOT), "case",
                String.valueOf(k.id()), null, k.status() + "/" + k.level(), to + "/" + level + (note == null ? "" : ": " + clip(note, 300))));
        return store.find(k.countyCode(), k.id(), l.now()).orElseThrow();
    }

    /** A level's clock restarted at {@code now}. */
    Map<String, Object> levelClock(String county, CaseLevel level, LocalDateTime now) {
        LocalDateTime due = now.plus(catalog.limit(county, level));
        return sets("level", level.name(), "level_started_at", now, "due_at", due, "timer_at", due);
    }

    private void announceVolunteer(Case closed) {
        if (closed.volunteerHouseholdId() != null) {
            events.publishEvent(new VolunteerHelped(closed.countyCode(), closed.volunteerHouseholdId(), closed.id(),
                    closed.villageCode(), closed.categoryCode(), closed.title(), closed.closedAt()));
        }
    }

    static Map<String, Object> sets(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Set only while demo data replays a case's history at past instants (see {@link #replayAt}). */
    private static final ThreadLocal<LocalDateTime> REPLAY_AT = new ThreadLocal<>();

    LocalDateTime now() {
        LocalDateTime replay = REPLAY_AT.get();
        return replay != null ? replay : LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Runs commands as if it were {@code at}: demo data tells a case's history through the real commands. */
    <T> T replayAt(LocalDateTime at, java.util.function.Supplier<T> work) {
        REPLAY_AT.set(at);
        try {
            return work.get();
        } finally {
            REPLAY_AT.remove();
        }
    }

    private static Long actorId(Actor a) {
        return "SYSTEM".equals(a.role()) ? null : a.accountId();
    }

    private static Channel channelOf(Actor a) {
        return switch (a.role()) {
            case "VILLAGER" -> Channel.APP;
            case "GRID_WORKER", "PARTY_CENTER" -> Channel.GRID;
            default -> Channel.HOTLINE;
        };
    }

    private static String titleOf(String description) {
        String oneLine = description.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 30 ? oneLine : oneLine.substring(0, 30) + "…";
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static String requiredText(String field, String value, int max, String message) {
        String t = trim(value);
        if (t == null || t.length() > max) {
            throw new InvalidInputException(field, message + "(最多 " + max + " 字 / at most " + max + ")");
        }
        return t;
    }

    static String optionalText(String field, String value, int max) {
        String t = trim(value);
        if (t != null && t.length() > max) {
            throw new InvalidInputException(field, "最多 " + max + " 字 / at most " + max + " characters");
        }
        return t;
    }
}
