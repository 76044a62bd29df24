package org.shanzhi.cases;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.shanzhi.cases.internal.CaseSettings;
import org.shanzhi.cases.internal.CasesPolicy;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.ScopeGuard;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A county's case configuration: the list of matter types (罗江 grew it from 8 to 43, with a lead department
 * each), the county departments that can be dispatched or whistled, and the time limit of each level.
 */
@Service
public class CaseCatalog {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,20}");

    /** A matter type: where it starts (level) and which department leads (主体), if any. */
    public record Category(String code, String name, CaseKind kind, CaseLevel startLevel, String department, int position,
            boolean active) {
    }

    /** A level and its time limit in hours. */
    public record LevelLimit(CaseLevel level, String label, int hours) {
    }

    private final JdbcClient jdbc;
    private final CaseSettings settings;
    private final ApplicationEventPublisher events;

    CaseCatalog(JdbcClient jdbc, CaseSettings settings, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.events = events;
    }

    // ---- categories ------------------------------------------------------------------------------

    /** The caller's county's active categories, in the county's order. */
    public List<Category> categories() {
        return categories(ScopeGuard.actor().countyCode());
    }

    public List<Category> categories(String county) {
        return jdbc.sql("select * from case_categories where county_code = ? and active = true order by \"position\", code")
                .param(county).query((rs, i) -> new Category(rs.getString("code"), rs.getString("name"),
                        CaseKind.valueOf(rs.getString("kind")), CaseLevel.valueOf(rs.getString("start_level")),
                        rs.getString("department"), rs.getInt("position"), rs.getBoolean("active")))
                .list();
    }

    public Optional<Category> category(String county, String code) {
        return jdbc.sql("select * from case_categories where county_code = ? and code = ?").params(county, code)
                .query((rs, i) -> new Category(rs.getString("code"), rs.getString("name"), CaseKind.valueOf(rs.getString("kind")),
                        CaseLevel.valueOf(rs.getString("start_level")), rs.getString("department"), rs.getInt("position"),
                        rs.getBoolean("active")))
                .optional();
    }

    /** Adds or changes a category of the caller's county (an inactive one is kept for old cases). */
    @Transactional
    public Category defineCategory(Category c) {
        Actor a = ScopeGuard.actor();
        CasesPolicy.requireConfigurer(a);
        List<FieldError> errors = new ArrayList<>();
        if (c.code() == null || !CODE.matcher(c.code()).matches()) {
            errors.add(new FieldError("code", "编码为 1-20 位大写字母、数字或下划线 / code: 1-20 of A-Z, 0-9, _"));
        }
        if (c.name() == null || c.name().isBlank() || c.name().length() > 60) {
            errors.add(new FieldError("name", "名称必填,最多 60 字 / name is required, at most 60 characters"));
        }
        if (c.kind() == null) {
            errors.add(new FieldError("kind", "类型必填 / kind is required"));
        }
        if (c.startLevel() == null) {
            errors.add(new FieldError("startLevel", "起始层级必填 / start level is required"));
        }
        if (c.department() != null && !c.department().isBlank() && !departments(a.countyCode()).contains(c.department())) {
            errors.add(new FieldError("department", "部门不在本县部门名单中 / not a department of the county"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String dept = c.department() == null || c.department().isBlank() ? null : c.department();
        boolean exists = category(a.countyCode(), c.code()).isPresent();
        if (exists) {
            jdbc.sql("update case_categories set name = ?, kind = ?, start_level = ?, department = ?, \"position\" = ?, active = ? where county_code = ? and code = ?")
                    .params(c.name().trim(), c.kind().name(), c.startLevel().name(), dept, c.position(), c.active(), a.countyCode(), c.code())
                    .update();
        } else {
            jdbc.sql("insert into case_categories (county_code, code, name, kind, start_level, department, \"position\", active) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(a.countyCode(), c.code(), c.name().trim(), c.kind().name(), c.startLevel().name(), dept, c.position(), c.active())
                    .update();
        }
        events.publishEvent(new Audited(a.countyCode(), exists ? "case-category.changed" : "case-category.created",
                "case_category", c.code(), null, null, c.name() + ", " + c.kind() + ", " + c.startLevel() + ", active=" + c.active()));
        return category(a.countyCode(), c.code()).orElseThrow();
    }

    // ---- departments -----------------------------------------------------------------------------

    public List<String> departments() {
        return departments(ScopeGuard.actor().countyCode());
    }

    public List<String> departments(String county) {
        return jdbc.sql("select name from case_departments where county_code = ? order by \"position\", name").param(county)
                .query(String.class).list();
    }

    @Transactional
    public List<String> defineDepartment(String name) {
        Actor a = ScopeGuard.actor();
        CasesPolicy.requireConfigurer(a);
        if (name == null || name.isBlank() || name.length() > 50) {
            throw new InvalidInputException("name", "部门名称必填,最多 50 字 / name is required, at most 50 characters");
        }
        String n = name.trim();
        if (!departments(a.countyCode()).contains(n)) {
            int position = jdbc.sql("select coalesce(max(\"position\"), 0) + 1 from case_departments where county_code = ?")
                    .param(a.countyCode()).query(Integer.class).single();
            jdbc.sql("insert into case_departments (county_code, name, \"position\") values (?, ?, ?)").params(a.countyCode(), n, position).update();
            events.publishEvent(new Audited(a.countyCode(), "case-department.created", "case_department", n, null, null, n));
        }
        return departments(a.countyCode());
    }

    // ---- level limits ----------------------------------------------------------------------------

    public List<LevelLimit> limits() {
        return limits(ScopeGuard.actor().countyCode());
    }

    public List<LevelLimit> limits(String county) {
        Map<CaseLevel, Integer> hours = new EnumMap<>(CaseLevel.class);
        for (CaseLevel l : CaseLevel.values()) {
            hours.put(l, settings.levelHours(l));
        }
        jdbc.sql("select level, limit_hours from case_level_limits where county_code = ?").param(county)
                .query((rs, i) -> Map.entry(CaseLevel.valueOf(rs.getString(1)), rs.getInt(2))).list()
                .forEach(e -> hours.put(e.getKey(), e.getValue()));
        return hours.entrySet().stream().map(e -> new LevelLimit(e.getKey(), e.getKey().label(), e.getValue())).toList();
    }

    public Duration limit(String county, CaseLevel level) {
        Integer hours = jdbc.sql("select limit_hours from case_level_limits where county_code = ? and level = ?")
                .params(county, level.name()).query(Integer.class).optional().orElse(settings.levelHours(level));
        return Duration.ofHours(hours);
    }

    @Transactional
    public List<LevelLimit> setLimit(CaseLevel level, Integer hours) {
        Actor a = ScopeGuard.actor();
        CasesPolicy.requireConfigurer(a);
        if (hours == null || hours < 1 || hours > 24 * 90) {
            throw new InvalidInputException("hours", "时限须在 1 到 2160 小时之间 / hours must be 1..2160");
        }
        Duration before = limit(a.countyCode(), level);
        jdbc.sql("delete from case_level_limits where county_code = ? and level = ?").params(a.countyCode(), level.name()).update();
        jdbc.sql("insert into case_level_limits (county_code, level, limit_hours) values (?, ?, ?)")
                .params(a.countyCode(), level.name(), hours).update();
        events.publishEvent(new Audited(a.countyCode(), "case-level.limit", "case_level", level.name(), null,
                before.toHours() + "h", hours + "h"));
        return limits(a.countyCode());
    }
}
