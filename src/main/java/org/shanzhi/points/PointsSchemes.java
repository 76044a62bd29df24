package org.shanzhi.points;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.points.internal.PointsPolicy;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Points schemes (积分方案): a county template with locked categories ("6+X"), township and village schemes that
 * extend it, versions adopted by a recorded decision, and which version applies to a village on a given day.
 */
@Service
public class PointsSchemes {

    /** 金寨's six mandatory categories (必评事项), the county template's default. */
    public static final List<String> SIX = List.of("勤劳致富", "孝老爱亲", "移风易俗", "环保卫生", "遵纪守法", "热心公益");

    private final JdbcClient jdbc;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PointsSchemes(JdbcClient jdbc, Territory territory, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.territory = territory;
        this.events = events;
        this.clock = clock;
    }

    // ---- reading ---------------------------------------------------------------------------------

    public Scheme scheme(long id) {
        Scheme s = load(id).orElseThrow(() -> new NotFoundException("积分方案不存在 / no such scheme"));
        PointsPolicy.requireSchemeRead(s.countyCode(), s.ownerCode());
        return s;
    }

    /** Schemes on the path of a node: the templates above it, its own, and those of the nodes under it. */
    public List<Scheme> list(String division) {
        Actor a = ScopeGuard.actor();
        String code = division == null || division.isBlank() ? a.scopeCode() : division.trim();
        PointsPolicy.requireSchemeRead(a.countyCode(), code);
        if (!code.startsWith(a.scopeCode())) {
            code = a.scopeCode(); // asked for a node above their scope: its templates, not its other villages
        }
        List<String> above = new ArrayList<>();
        for (Level l : Level.values()) {
            if (l.codeLength() >= 6 && l.codeLength() <= code.length()) {
                above.add(code.substring(0, l.codeLength()));
            }
        }
        List<Long> ids = jdbc.sql("""
                select id from points_schemes where county_code = :county and (owner_code in (:above) or owner_code like :under)
                order by length(owner_code), owner_code, lineage_id, version desc""")
                .param("county", a.countyCode()).param("above", above).param("under", code + "%")
                .query(Long.class).list();
        return ids.stream().map(id -> load(id).orElseThrow()).toList();
    }

    /** The adopted scheme that applies to a village on a day: the most specific owner, then the latest version. */
    public Optional<Scheme> applicable(String villageCode, LocalDate day) {
        return jdbc.sql("""
                select id from points_schemes
                where county_code = ? and template = false and status = 'ADOPTED' and effective_from <= ?
                  and ? like owner_code || '%'
                order by length(owner_code) desc, effective_from desc, version desc limit 1""")
                .params(Level.countyOf(villageCode), day, villageCode).query(Long.class).optional()
                .flatMap(this::load);
    }

    public Scheme applicableOrThrow(String villageCode, LocalDate day) {
        return applicable(villageCode, day).orElseThrow(() -> new ConflictException("villageCode",
                "本村在 " + day + " 还没有通过的积分方案 / no scheme adopted for this village on " + day));
    }

    // ---- drafting --------------------------------------------------------------------------------

    @Transactional
    public Scheme create(NewScheme cmd) {
        List<FieldError> errors = new ArrayList<>();
        Division owner = cmd.ownerCode() == null ? null : territory.find(cmd.ownerCode().trim()).orElse(null);
        boolean template = Boolean.TRUE.equals(cmd.template());
        if (owner == null || !Set.of(Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE).contains(owner.level())) {
            errors.add(new FieldError("ownerCode", "应为县、乡镇或村的区划代码 / a county, township or village code"));
        } else if (template && owner.level() == Level.VILLAGE) {
            errors.add(new FieldError("template", "模板只能由县或乡镇制定 / templates belong to a county or township"));
        }
        if (cmd.name() == null || cmd.name().isBlank() || cmd.name().length() > 100) {
            errors.add(new FieldError("name", "名称必填,最多 100 字 / name is required, at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String ownerCode = owner.code();
        String county = Level.countyOf(ownerCode);
        Actor a = PointsPolicy.requireSchemeManager(county, ownerCode);
        Scheme parent = null;
        if (cmd.parentId() != null) {
            parent = load(cmd.parentId()).orElse(null);
            if (parent == null || !parent.template() || !Scheme.ADOPTED.equals(parent.status()) || !parent.countyCode().equals(county)
                    || !ownerCode.startsWith(parent.ownerCode()) || ownerCode.equals(parent.ownerCode())) {
                throw new InvalidInputException("parentId", "只能扩展上级已发布的模板 / extend a published template of a node above");
            }
        }
        SchemeSettings settings = cmd.settings() != null ? cmd.settings().withDefaults()
                : parent != null ? parent.settings() : SchemeSettings.defaults();
        settings.validate();
        List<String> mandatory = template ? categories(cmd.mandatoryCategories()) : List.of();
        long id = Ids.next();
        insertScheme(id, county, id, 1, ownerCode, template, cmd.parentId(), cmd.name().trim(), settings, mandatory);
        if (parent != null) {
            copyItems(parent, id);
        }
        events.publishEvent(new Audited(county, "points.scheme.created", "points_scheme", String.valueOf(id), null, null,
                "owner=" + ownerCode + ", name=" + cmd.name().trim() + ", template=" + template + ", parent=" + cmd.parentId()
                        + ", by=" + a.username()));
        return load(id).orElseThrow();
    }

    /** Replaces a draft's name, settings and (for a template) its locked categories. */
    @Transactional
    public Scheme update(long id, String name, List<String> mandatoryCategories, SchemeSettings settings) {
        Scheme s = draftToChange(id);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "名称必填,最多 100 字 / name is required, at most 100 characters");
        }
        SchemeSettings st = (settings == null ? s.settings() : settings).withDefaults();
        st.validate();
        List<String> mandatory = s.template() ? categories(mandatoryCategories == null ? s.mandatoryCategories() : mandatoryCategories)
                : List.of();
        int n = jdbc.sql("""
                update points_schemes set name = ?, subject_type = ?, base_score = ?, max_score = ?, min_score = ?, review_day = ?,
                    notice_cycle = ?, notice_days = ?, settlement = ?, redemption = ?, veto_ranking = ?, star_mode = ?, star1 = ?,
                    star2 = ?, star3 = ?, list_mode = ?, red_size = ?, black_size = ?, black_probation_days = ?, group_rule = ?,
                    group_pass_score = ?, voucher_quota_pct = ?, honour_quota_pct = ?, rectification_days = ?, mandatory_categories = ?
                where county_code = ? and id = ? and status = 'DRAFT'""")
                .params(name.trim(), st.subjectType(), st.baseScore(), st.maxScore(), st.minScore(), st.reviewDay(), st.noticeCycle(),
                        st.noticeDays(), st.settlement(), st.redemption(), st.vetoRanking(), st.starMode(), st.star1(), st.star2(),
                        st.star3(), st.listMode(), st.redSize(), st.blackSize(), st.blackProbationDays(), st.groupRule(),
                        st.groupPassScore(), st.voucherQuotaPct(), st.honourQuotaPct(), st.rectificationDays(),
                        mandatory.isEmpty() ? null : String.join(",", mandatory), s.countyCode(), id)
                .update();
        if (n == 0) {
            throw notDraft();
        }
        events.publishEvent(new Audited(s.countyCode(), "points.scheme.updated", "points_scheme", String.valueOf(id), null,
                String.valueOf(s.settings()), String.valueOf(st)));
        return load(id).orElseThrow();
    }

    @Transactional
    public SchemeItem addItem(long schemeId, NewItem cmd) {
        Scheme s = draftToChange(schemeId);
        List<FieldError> errors = new ArrayList<>();
        if (cmd.category() == null || cmd.category().isBlank() || cmd.category().length() > 40) {
            errors.add(new FieldError("category", "类别必填,最多 40 字 / category is required, at most 40 characters"));
        }
        if (cmd.name() == null || cmd.name().isBlank() || cmd.name().length() > 200) {
            errors.add(new FieldError("name", "事项必填,最多 200 字 / name is required, at most 200 characters"));
        }
        if (!"+".equals(cmd.sign()) && !"-".equals(cmd.sign())) {
            errors.add(new FieldError("sign", "加分为 +,扣分为 - / sign must be + or -"));
        }
        if (cmd.points() == null || cmd.points() < 1 || cmd.points() > 100_000) {
            errors.add(new FieldError("points", "分值应为 1 到 100000 / points must be 1..100000"));
        }
        List<String> recorders = cmd.recorders() == null || cmd.recorders().isEmpty() ? List.of("SELF", "OTHERS", "GROUP_LEADER", "GRID_WORKER", "CADRE")
                : cmd.recorders().stream().map(String::trim).distinct().toList();
        if (!PointsPolicy.RECORDER_KINDS.containsAll(recorders)) {
            errors.add(new FieldError("recorders", "记录人应为 SELF/OTHERS/ORGANISATION/GROUP_LEADER/GRID_WORKER/CADRE"));
        }
        if (cmd.capPerPeriod() != null && cmd.capPerPeriod() < 1) {
            errors.add(new FieldError("capPerPeriod", "每期上限应大于 0 / the cap must be positive"));
        }
        boolean veto = Boolean.TRUE.equals(cmd.veto());
        boolean subsidy = Boolean.TRUE.equals(cmd.affectsSubsidy());
        if (veto && "+".equals(cmd.sign())) {
            errors.add(new FieldError("veto", "一票否决只能用于扣分项 / only a deduction can be a veto item"));
        }
        if (subsidy && "-".equals(cmd.sign())) {
            // 中农发〔2020〕11号: 惩罚措施不得剥夺农民依法享有的政府补贴和集体经济收益
            errors.add(new FieldError("affectsSubsidy", "扣分项不得与政府补贴或集体经济收益挂钩(中农发〔2020〕11号) / "
                    + "a deduction may not take away government subsidies or collective income"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int position = jdbc.sql("select coalesce(max(\"position\"), 0) + 1 from points_items where county_code = ? and scheme_id = ?")
                .params(s.countyCode(), schemeId).query(Integer.class).single();
        long id = Ids.next();
        insertItem(s.countyCode(), id, schemeId, position, cmd.category().trim(), cmd.name().trim(), cmd.sign(), cmd.points(),
                Boolean.TRUE.equals(cmd.evidenceRequired()), recorders, cmd.capPerPeriod(), veto, subsidy);
        events.publishEvent(new Audited(s.countyCode(), "points.item.added", "points_scheme", String.valueOf(schemeId), null, null,
                cmd.category() + "/" + cmd.name() + " " + cmd.sign() + cmd.points() + (veto ? " veto" : "")));
        return items(s.countyCode(), schemeId).stream().filter(i -> i.id() == id).findFirst().orElseThrow();
    }

    @Transactional
    public void removeItem(long schemeId, long itemId) {
        Scheme s = draftToChange(schemeId);
        SchemeItem item = s.items().stream().filter(i -> i.id() == itemId).findFirst()
                .orElseThrow(() -> new NotFoundException("积分事项不存在 / no such item"));
        jdbc.sql("delete from points_items where county_code = ? and scheme_id = ? and id = ?").params(s.countyCode(), schemeId, itemId).update();
        events.publishEvent(new Audited(s.countyCode(), "points.item.removed", "points_scheme", String.valueOf(schemeId), null,
                item.category() + "/" + item.name(), null));
    }

    /** A new draft version of a scheme, with its settings and items, to change and adopt in turn. */
    @Transactional
    public Scheme newVersion(long id) {
        Scheme s = scheme(id);
        PointsPolicy.requireSchemeManager(s.countyCode(), s.ownerCode());
        int version = jdbc.sql("select max(version) + 1 from points_schemes where county_code = ? and lineage_id = ?")
                .params(s.countyCode(), s.lineageId()).query(Integer.class).single();
        long nid = Ids.next();
        insertScheme(nid, s.countyCode(), s.lineageId(), version, s.ownerCode(), s.template(), s.parentId(), s.name(), s.settings(),
                s.mandatoryCategories());
        copyItems(s, nid);
        events.publishEvent(new Audited(s.countyCode(), "points.scheme.versioned", "points_scheme", String.valueOf(nid), null,
                "from=" + id, "version=" + version));
        return load(nid).orElseThrow();
    }

    /**
     * Adopts a draft by its recorded decision (a template is published by its owner's admin). Refused when a
     * category its templates lock has no item, or a deduction is tied to subsidies or collective income.
     */
    @Transactional
    public Scheme adopt(long id, Decision d) {
        Scheme s = draftToChange(id);
        LocalDate today = LocalDate.now(clock);
        List<FieldError> errors = new ArrayList<>();
        Decision decision = d == null ? new Decision(null, null, null, null, null) : d;
        if (!s.template()) {
            if (decision.decisionDate() == null || decision.decisionDate().isAfter(today)) {
                errors.add(new FieldError("decisionDate", "表决日期必填,不能晚于今天 / the decision date is required and not in the future"));
            }
            if (decision.meeting() == null || decision.meeting().isBlank() || decision.meeting().length() > 200) {
                errors.add(new FieldError("meeting", "请填写表决会议(如 村民代表会议) / name the meeting that decided"));
            }
            if (decision.votesFor() == null || decision.votesAgainst() == null || decision.votesFor() < 0 || decision.votesAgainst() < 0) {
                errors.add(new FieldError("votesFor", "请填写赞成与反对票数 / votes for and against are required"));
            } else if (decision.votesFor() <= decision.votesAgainst()) {
                errors.add(new FieldError("votesFor", "赞成票未过半,方案未通过 / the votes for do not carry it"));
            }
            if (decision.effectiveFrom() == null || (decision.decisionDate() != null && decision.effectiveFrom().isBefore(decision.decisionDate()))) {
                errors.add(new FieldError("effectiveFrom", "生效日期必填,不早于表决日期 / effective date required, not before the decision"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (s.items().isEmpty()) {
            throw new ConflictException("items", "方案没有任何积分事项 / the scheme has no items");
        }
        Set<String> present = new LinkedHashSet<>();
        s.items().forEach(i -> present.add(i.category()));
        Set<String> missing = new LinkedHashSet<>(s.requiredCategories());
        if (s.template()) {
            missing.addAll(s.mandatoryCategories());
        }
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            throw new ConflictException("items", "缺少必评类别:" + String.join("、", missing) + ",方案不能通过 / missing mandatory categories: "
                    + String.join(", ", missing));
        }
        if (s.items().stream().anyMatch(i -> i.affectsSubsidy() && "-".equals(i.sign()))) {
            throw new ConflictException("items", "扣分项不得与政府补贴或集体经济收益挂钩 / a deduction is tied to subsidies or collective income");
        }
        Actor a = ScopeGuard.actor();
        LocalDate effective = decision.effectiveFrom() != null ? decision.effectiveFrom() : today;
        int n = jdbc.sql("""
                update points_schemes set status = 'ADOPTED', decision_date = ?, decision_meeting = ?, votes_for = ?, votes_against = ?,
                    effective_from = ?, adopted_at = ?, adopted_by_name = ?
                where county_code = ? and id = ? and status = 'DRAFT'""")
                .params(decision.decisionDate(), decision.meeting() == null ? null : decision.meeting().trim(), decision.votesFor(),
                        decision.votesAgainst(), effective, LocalDateTime.now(clock), a.displayName(), s.countyCode(), id)
                .update();
        if (n == 0) {
            throw notDraft();
        }
        events.publishEvent(new Audited(s.countyCode(), "points.scheme.adopted", "points_scheme", String.valueOf(id), null, null,
                "meeting=" + decision.meeting() + ", for=" + decision.votesFor() + ", against=" + decision.votesAgainst()
                        + ", effective=" + effective));
        return load(id).orElseThrow();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private Scheme draftToChange(long id) {
        Scheme s = scheme(id);
        PointsPolicy.requireSchemeManager(s.countyCode(), s.ownerCode());
        if (!s.draft()) {
            throw notDraft();
        }
        return s;
    }

    private static ConflictException notDraft() {
        return new ConflictException("status", "已通过的方案不能修改,请新建版本 / an adopted scheme is not changed: make a new version");
    }

    private static List<String> categories(List<String> list) {
        if (list == null) {
            return List.of();
        }
        List<String> out = list.stream().filter(c -> c != null && !c.isBlank()).map(String::trim).distinct().toList();
        if (out.stream().anyMatch(c -> c.length() > 40 || c.contains(","))) {
            throw new InvalidInputException("mandatoryCategories", "类别最多 40 字,不含逗号 / categories: at most 40 characters, no commas");
        }
        return out;
    }

    private void insertScheme(long id, String county, long lineage, int version, String owner, boolean template, Long parent, String name,
            SchemeSettings st, List<String> mandatory) {
        jdbc.sql("""
                insert into points_schemes (county_code, id, lineage_id, version, owner_code, template, parent_id, name, status, subject_type,
                    base_score, max_score, min_score, review_day, notice_cycle, notice_days, settlement, redemption, veto_ranking, star_mode,
                    star1, star2, star3, list_mode, red_size, black_size, black_probation_days, group_rule, group_pass_score,
                    voucher_quota_pct, honour_quota_pct, rectification_days, mandatory_categories, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(county, id, lineage, version, owner, template, parent, name, st.subjectType(), st.baseScore(), st.maxScore(),
                        st.minScore(), st.reviewDay(), st.noticeCycle(), st.noticeDays(), st.settlement(), st.redemption(), st.vetoRanking(),
                        st.starMode(), st.star1(), st.star2(), st.star3(), st.listMode(), st.redSize(), st.blackSize(),
                        st.blackProbationDays(), st.groupRule(), st.groupPassScore(), st.voucherQuotaPct(), st.honourQuotaPct(),
                        st.rectificationDays(), mandatory.isEmpty() ? null : String.join(",", mandatory), LocalDateTime.now(clock))
                .update();
    }

    private void copyItems(Scheme from, long toId) {
        for (SchemeItem i : from.items()) {
            insertItem(from.countyCode(), Ids.next(), toId, i.position(), i.category(), i.name(), i.sign(), i.points(), i.evidenceRequired(),
                    i.recorders(), i.capPerPeriod(), i.veto(), i.affectsSubsidy());
        }
    }

    private void insertItem(String county, long id, long schemeId, int position, String category, String name, String sign, long points,
            boolean evidence, List<String> recorders, Long cap, boolean veto, boolean subsidy) {
        jdbc.sql("""
                insert into points_items (county_code, id, scheme_id, "position", category, name, sign, points, evidence_required, recorders,
                    cap_per_period, veto, affects_subsidy) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(county, id, schemeId, position, category, name, sign, points, evidence, String.join(",", recorders), cap, veto, subsidy)
                .update();
    }

    /**
     * Adopted schemes by id. An adopted scheme never changes (only drafts are edited; a revision is a new scheme, and a
     * scheme extends only adopted templates), so every node may keep it; a scheme is kept only once the transaction
     * that read it as adopted has committed. Saves a declaration four look-ups (scheme, items, templates above).
     */
    private final java.util.concurrent.ConcurrentHashMap<Long, Scheme> adopted = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int ADOPTED_CACHE_MAX = 5_000;

    /** Loads a scheme without a scope check (callers check). */
    Optional<Scheme> load(long id) {
        Scheme kept = adopted.get(id);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<Scheme> s = jdbc.sql("select * from points_schemes where id = ?").param(id).query((rs, i) -> map(rs)).optional();
        s.filter(x -> Scheme.ADOPTED.equals(x.status())).ifPresent(this::keepAfterCommit);
        return s;
    }

    private void keepAfterCommit(Scheme s) {
        Runnable keep = () -> {
            if (adopted.size() >= ADOPTED_CACHE_MAX) {
                adopted.clear();
            }
            adopted.put(s.id(), s);
        };
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            keep.run();
                        }
                    });
        } else {
            keep.run();
        }
    }

    private Scheme map(ResultSet rs) throws SQLException {
        String county = rs.getString("county_code");
        long id = rs.getLong("id");
        SchemeSettings st = new SchemeSettings(rs.getString("subject_type"), rs.getLong("base_score"), rs.getObject("max_score", Long.class),
                rs.getObject("min_score", Long.class), rs.getInt("review_day"), rs.getString("notice_cycle"), rs.getInt("notice_days"),
                rs.getString("settlement"), rs.getString("redemption"), rs.getString("veto_ranking"), rs.getString("star_mode"),
                rs.getLong("star1"), rs.getLong("star2"), rs.getLong("star3"), rs.getString("list_mode"), rs.getInt("red_size"),
                rs.getInt("black_size"), rs.getInt("black_probation_days"), rs.getString("group_rule"),
                rs.getObject("group_pass_score", Long.class), rs.getObject("voucher_quota_pct", Integer.class),
                rs.getObject("honour_quota_pct", Integer.class), rs.getInt("rectification_days"));
        Decision d = new Decision(rs.getObject("decision_date", LocalDate.class), rs.getString("decision_meeting"),
                rs.getObject("votes_for", Integer.class), rs.getObject("votes_against", Integer.class),
                rs.getObject("effective_from", LocalDate.class));
        String mc = rs.getString("mandatory_categories");
        List<String> mandatory = mc == null ? List.of() : Arrays.asList(mc.split(","));
        Long parent = rs.getObject("parent_id", Long.class);
        return new Scheme(id, county, rs.getLong("lineage_id"), rs.getInt("version"), rs.getString("owner_code"), rs.getBoolean("template"),
                parent, rs.getString("name"), rs.getString("status"), st, d, rs.getObject("adopted_at", LocalDateTime.class),
                rs.getString("adopted_by_name"), mandatory, required(parent), List.copyOf(items(county, id)));
    }

    /** Categories locked by the templates above a scheme (its parent and the parent's parents). */
    private List<String> required(Long parentId) {
        Set<String> out = new LinkedHashSet<>();
        Long p = parentId;
        int guard = 0;
        while (p != null && guard++ < 5) {
            var row = jdbc.sql("select parent_id, mandatory_categories from points_schemes where id = ?").param(p)
                    .query((rs, i) -> new Object[] {rs.getObject(1, Long.class), rs.getString(2)}).optional();
            if (row.isEmpty()) {
                break;
            }
            if (row.get()[1] != null) {
                out.addAll(Arrays.asList(((String) row.get()[1]).split(",")));
            }
            p = (Long) row.get()[0];
        }
        return List.copyOf(out);
    }

    List<SchemeItem> items(String county, long schemeId) {
        return jdbc.sql("select * from points_items where county_code = ? and scheme_id = ? order by \"position\", id").params(county, schemeId)
                .query((rs, i) -> new SchemeItem(rs.getLong("id"), rs.getLong("scheme_id"), rs.getInt("position"), rs.getString("category"),
                        rs.getString("name"), rs.getString("sign"), rs.getLong("points"), rs.getBoolean("evidence_required"),
                        Arrays.asList(rs.getString("recorders").split(",")), rs.getObject("cap_per_period", Long.class),
                        rs.getBoolean("veto"), rs.getBoolean("affects_subsidy")))
                .list();
    }
}
