package org.shanzhi.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.Located;
import org.shanzhi.common.Masking;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.registry.internal.RegistryPolicy;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Grid;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The registry module's API: households, persons, search, grid membership and 联户 links. */
@Service
public class Registry {

    public static final int MAX_LINKED = 15;
    static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LAST4 = Pattern.compile("\\d{3}[\\dXx]");
    private static final Pattern INITIALS = Pattern.compile("[A-Za-z]{1,10}");

    private static final String HOUSEHOLD_SELECT = """
            select h.id, h.county_code, h.village_code, h.group_code, h.grid_id, h.number, h.address, h.phone, h.tags,
                   h.extra,
                   (select min(p.name) from persons p where p.county_code = h.county_code and p.household_id = h.id
                       and p.relation = '户主') as head_name,
                   (select count(*) from persons p where p.county_code = h.county_code and p.household_id = h.id) as members
            from households h
            """;
    private static final String PERSON_SELECT = """
            select p.id, p.household_id, p.village_code, p.name, p.gender, p.birth_date, p.id_number, p.phone,
                   p.relation, p.tags
            from persons p
            """;

    private final JdbcClient jdbc;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JsonMapper json;

    Registry(JdbcClient jdbc, Territory territory, ApplicationEventPublisher events, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.territory = territory;
        this.events = events;
        this.clock = clock;
        this.json = json;
    }

    // ---- households ------------------------------------------------------------------------------

    @Transactional
    public Household createHousehold(NewHousehold cmd) {
        List<FieldError> errors = new ArrayList<>();
        Division village = cmd.villageCode() == null ? null : territory.find(cmd.villageCode()).orElse(null);
        if (village == null || village.level() != Level.VILLAGE) {
            errors.add(new FieldError("villageCode", "行政村不存在 / no such village"));
        } else {
            if (cmd.groupCode() != null && !cmd.groupCode().isBlank()
                    && (!cmd.groupCode().startsWith(cmd.villageCode()) || territory.find(cmd.groupCode()).isEmpty())) {
                errors.add(new FieldError("groupCode", "村民小组不在该村 / group not in this village"));
            }
            if (cmd.gridId() != null && territory.findGrid(cmd.gridId()).filter(g -> g.villageCode().equals(cmd.villageCode())).isEmpty()) {
                errors.add(new FieldError("gridId", "网格不在该村 / grid not in this village"));
            }
        }
        errors.addAll(householdFieldErrors(cmd));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String county = Level.countyOf(cmd.villageCode());
        String group = cmd.groupCode() == null || cmd.groupCode().isBlank() ? null : cmd.groupCode();
        long id = Ids.next();
        RegistryPolicy.requireWrite(new Located(county, group != null ? group : cmd.villageCode(), cmd.gridId(), id));
        Map<String, String> extra = checkedExtra(county, cmd.extra());
        if (jdbc.sql("select count(*) from households where county_code = ? and number = ?").params(county, cmd.number().trim())
                .query(Long.class).single() > 0) {
            throw new ConflictException("number", "户编号已存在 / household number exists");
        }
        jdbc.sql("""
                insert into households (id, county_code, village_code, group_code, grid_id, number, address, phone, tags, extra, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, county, cmd.villageCode(), group, cmd.gridId(), cmd.number().trim(), cmd.address().trim(),
                        blankToNull(cmd.phone()), Tags.join(cmd.tags()), extra.isEmpty() ? null : json.writeValueAsString(extra),
                        LocalDateTime.now(clock))
                .update();
        events.publishEvent(new Audited(county, "household.created", "household", String.valueOf(id), null, null,
                "number=" + cmd.number().trim() + ", village=" + cmd.villageCode()));
        return household(id);
    }

    /** Field errors of a household command, shared by the API and the file import. */
    public static List<FieldError> householdFieldErrors(NewHousehold cmd) {
        List<FieldError> errors = new ArrayList<>();
        if (cmd.number() == null || cmd.number().isBlank() || cmd.number().length() > 40) {
            errors.add(new FieldError("number", "户编号必填,最多 40 字符 / number is required"));
        }
        if (cmd.address() == null || cmd.address().isBlank() || cmd.address().length() > 200) {
            errors.add(new FieldError("address", "地址必填,最多 200 字 / address is required"));
        }
        if (cmd.phone() != null && !cmd.phone().isBlank() && !PHONE.matcher(cmd.phone()).matches()) {
            errors.add(new FieldError("phone", "手机号应为 11 位 / phone must be an 11-digit mobile number"));
        }
        String tag = Tags.unknown(cmd.tags());
        if (tag != null) {
            errors.add(new FieldError("tags", "未知标签 / unknown tag: " + tag));
        }
        return errors;
    }

    public Household household(long id) {
        RegistryPolicy.requireRead();
        Household h = jdbc.sql(HOUSEHOLD_SELECT + " where h.id = ?").param(id).query(this::mapHousehold).optional()
                .orElseThrow(() -> new NotFoundException("户不存在 / no such household"));
        return ScopeGuard.readable(h, h.located());
    }

    public Page<Household> searchHouseholds(String division, String q, int page, int size) {
        Page.check(page, size);
        Actor a = RegistryPolicy.requireRead();
        String code = ScopeGuard.narrow(division);
        StringBuilder where = new StringBuilder(" where h.county_code = :county and h.village_code like :prefix");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("county", a.countyCode());
        params.put("prefix", (code.length() > 12 ? code.substring(0, 12) : code) + "%");
        if (code.length() == 15) {
            where.append(" and h.group_code = :group");
            params.put("group", code);
        }
        restrictToActor(a, where, params, "h.grid_id", "h.id");
        String match = personMatch(q, params);
        if (match != null) {
            where.append(" and (h.number = :q or h.address like :qLike or exists (select 1 from persons p where p.county_code = h.county_code and p.household_id = h.id and (")
                    .append(match).append(")))");
        }
        long total = jdbc.sql("select count(*) from households h" + where).params(params).query(Long.class).single();
        List<Household> items = jdbc.sql(HOUSEHOLD_SELECT + where + " order by h.village_code, h.number limit :limit offset :offset")
                .params(params).param("limit", size).param("offset", (long) page * size)
                .query(this::mapHousehold).list();
        return new Page<>(items, page, size, total);
    }

    /** Where a household sits and its number: what a whole-village result needs of every household. */
    public record HouseholdSlot(long id, String groupCode, String number) {
    }

    /**
     * Every household of a village that the caller may read, in number order, without names or member counts:
     * a ranking orders thousands of these and labels only the page it shows ({@link #households(Collection)}).
     */
    public List<HouseholdSlot> villageHouseholdSlots(String villageCode) {
        Actor a = RegistryPolicy.requireRead();
        String code = ScopeGuard.narrow(villageCode);
        if (code.length() != 12) {
            throw new InvalidInputException("villageCode", "请选择一个村 / choose a village");
        }
        StringBuilder where = new StringBuilder(" where h.county_code = :county and h.village_code = :village");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("county", a.countyCode());
        params.put("village", code);
        restrictToActor(a, where, params, "h.grid_id", "h.id");
        return jdbc.sql("select h.id, h.group_code, h.number from households h" + where + " order by h.number").params(params)
                .query((rs, i) -> new HouseholdSlot(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The households with these ids that the caller may read, by id (one read; a page's labels). */
    public Map<Long, Household> households(Collection<Long> ids) {
        Actor a = RegistryPolicy.requireRead();
        Map<Long, Household> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql(HOUSEHOLD_SELECT + " where h.county_code = :county and h.id in (:ids)").param("county", a.countyCode())
                .param("ids", ids).query(this::mapHousehold).list().stream()
                .filter(h -> ScopeGuard.covers(a, h.located())).forEach(h -> out.put(h.id(), h));
        return out;
    }

    /** Households per village of the given villages in the caller's area (one indexed GROUP BY; none: absent). */
    public Map<String, Long> householdCounts(Collection<String> villageCodes) {
        Actor a = RegistryPolicy.requireRead();
        Map<String, Long> out = new HashMap<>();
        String area = ScopeGuard.area(a.scopeCode());
        List<String> villages = villageCodes.stream().filter(v -> v.startsWith(area)).toList();
        if (villages.isEmpty()) {
            return out;
        }
        jdbc.sql("select village_code, count(*) from households where county_code = :county and village_code in (:villages) group by village_code")
                .param("county", a.countyCode()).param("villages", villages)
                .query((rs, i) -> out.put(rs.getString(1), rs.getLong(2))).list();
        return out;
    }

    /** How many households and persons the caller sees under a node (the console's scope summary). */
    public record Counts(long households, long persons) {
    }

    public Counts counts(String division) {
        Actor a = RegistryPolicy.requireRead();
        String code = ScopeGuard.narrow(division);
        StringBuilder where = new StringBuilder(" where h.county_code = :county and h.village_code like :prefix");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("county", a.countyCode());
        params.put("prefix", (code.length() > 12 ? code.substring(0, 12) : code) + "%");
        if (code.length() == 15) {
            where.append(" and h.group_code = :group");
            params.put("group", code);
        }
        restrictToActor(a, where, params, "h.grid_id", "h.id");
        long households = jdbc.sql("select count(*) from households h" + where).params(params).query(Long.class).single();
        long persons = jdbc.sql("select count(*) from persons p join households h on h.county_code = p.county_code and h.id = p.household_id"
                + where).params(params).query(Long.class).single();
        return new Counts(households, persons);
    }

    /** Households and persons per sub-area of a node (code prefix of {@code codeLength}), for cockpits. */
    public record AreaCount(String code, long households, long persons) {
    }

    /**
     * Households and persons under {@code division} grouped by the first {@code codeLength} digits of their
     * village code (9: per township, 12: per village); two indexed GROUP BY queries.
     */
    public List<AreaCount> countsBy(String division, int codeLength) {
        Actor a = RegistryPolicy.requireRead();
        String code = ScopeGuard.area(division);
        if (codeLength != 9 && codeLength != 12) {
            throw new InvalidInputException("codeLength", "只能按乡镇或村汇总 / by township or village only");
        }
        String key = "substring(village_code, 1, " + codeLength + ")";
        Map<String, long[]> by = new java.util.TreeMap<>();
        jdbc.sql("select " + key + " as k, count(*) as n from households where county_code = ? and village_code like ? group by " + key)
                .params(a.countyCode(), code + "%").query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> by.computeIfAbsent(e.getKey(), k -> new long[2])[0] = e.getValue());
        jdbc.sql("select " + key + " as k, count(*) as n from persons where county_code = ? and village_code like ? group by " + key)
                .params(a.countyCode(), code + "%").query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> by.computeIfAbsent(e.getKey(), k -> new long[2])[1] = e.getValue());
        List<AreaCount> list = new ArrayList<>();
        by.forEach((k, v) -> list.add(new AreaCount(k, v[0], v[1])));
        return list;
    }

    /** The heads of households the caller sees (masked), by household id: list pages show them in one query. */
    public Map<Long, Person> heads(List<Household> households) {
        Actor a = RegistryPolicy.requireRead();
        Map<Long, Person> heads = new LinkedHashMap<>();
        List<Long> ids = households.stream().filter(h -> ScopeGuard.covers(a, h.located())).map(Household::id).toList();
        if (ids.isEmpty()) {
            return heads;
        }
        jdbc.sql(PERSON_SELECT + " where p.county_code = :county and p.household_id in (:ids) and p.relation = '户主' order by p.id")
                .param("county", a.countyCode()).param("ids", ids).query(this::mapPersonRow).list()
                .forEach(r -> heads.putIfAbsent(r.person().householdId(), r.masked()));
        return heads;
    }

    // ---- persons ---------------------------------------------------------------------------------

    @Transactional
    public Person addPerson(long householdId, NewPerson cmd) {
        Household h = household(householdId);
        RegistryPolicy.requireWrite(h.located());
        List<FieldError> errors = personFieldErrors(cmd, LocalDate.now(clock));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (jdbc.sql("select count(*) from persons where county_code = ? and id_number = ?").params(h.countyCode(), cmd.idNumber())
                .query(Long.class).single() > 0) {
            throw new ConflictException("idNumber", "身份证号已登记 / ID number already registered");
        }
        if (Relation.HEAD.equals(cmd.relation()) && h.headName() != null) {
            throw new ConflictException("relation", "该户已有户主 / household already has a head");
        }
        long id = Ids.next();
        jdbc.sql("""
                insert into persons (id, county_code, household_id, village_code, name, initials, gender, birth_date, id_number,
                                     id_last4, phone, relation, tags, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, h.countyCode(), householdId, h.villageCode(), cmd.name().trim(), Pinyin.initials(cmd.name().trim()),
                        normalGender(cmd.gender()), cmd.birthDate(), cmd.idNumber(), cmd.idNumber().substring(14),
                        blankToNull(cmd.phone()), cmd.relation(), Tags.join(cmd.tags()), LocalDateTime.now(clock))
                .update();
        events.publishEvent(new Audited(h.countyCode(), "person.created", "person", String.valueOf(id), id, null,
                "name=" + cmd.name().trim() + ", id=" + Masking.idNumber(cmd.idNumber()) + ", household=" + householdId));
        return person(id);
    }

    /** Field errors of a person command, shared by the API and the file import. */
    public static List<FieldError> personFieldErrors(NewPerson cmd, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (cmd.name() == null || cmd.name().isBlank() || cmd.name().length() > 50) {
            errors.add(new FieldError("name", "姓名必填,最多 50 字 / name is required"));
        }
        String gender = normalGender(cmd.gender());
        if (gender == null) {
            errors.add(new FieldError("gender", "性别应为 男/女 / gender must be M or F"));
        }
        if (cmd.birthDate() == null) {
            errors.add(new FieldError("birthDate", "出生日期必填 / birth date is required"));
        }
        String idProblem = IdNumber.problem(cmd.idNumber(), cmd.birthDate(), today);
        if (idProblem != null) {
            errors.add(new FieldError("idNumber", idProblem));
        } else if (gender != null && IdNumber.gender(cmd.idNumber()) != gender.charAt(0)) {
            errors.add(new FieldError("gender", "性别与身份证号不符 / gender does not match the ID number"));
        }
        if (cmd.phone() != null && !cmd.phone().isBlank() && !PHONE.matcher(cmd.phone()).matches()) {
            errors.add(new FieldError("phone", "手机号应为 11 位 / phone must be an 11-digit mobile number"));
        }
        if (cmd.relation() == null || !Relation.ALL.contains(cmd.relation())) {
            errors.add(new FieldError("relation", "与户主关系应为 " + String.join("/", Relation.ALL)));
        }
        String tag = Tags.unknown(cmd.tags());
        if (tag != null) {
            errors.add(new FieldError("tags", "未知标签 / unknown tag: " + tag));
        }
        return errors;
    }

    public Person person(long id) {
        RegistryPolicy.requireRead();
        PersonRow row = jdbc.sql(PERSON_SELECT + " where p.id = ?").param(id).query(this::mapPersonRow).optional()
                .orElseThrow(() -> new NotFoundException("人员不存在 / no such person"));
        household(row.person().householdId()); // scope check through the household
        return row.masked();
    }

    /** The person with ID number and phone in clear, for a role that may see them; the view is audited. */
    @Transactional
    public Person revealPerson(long id, String reason) {
        Person masked = person(id);
        Actor a = ScopeGuard.actor();
        if (!RegistryPolicy.mayReveal(a, masked.householdId())) {
            throw new ForbiddenException("该角色不能查看完整身份信息 / this role may not see personal data in clear");
        }
        PersonRow row = jdbc.sql(PERSON_SELECT + " where p.id = ?").param(id).query(this::mapPersonRow).single();
        events.publishEvent(new Audited(a.countyCode(), "person.revealed", "person", String.valueOf(id), id, null,
                reason == null || reason.isBlank() ? "查看完整身份信息" : reason));
        return row.person();
    }

    public List<Person> members(long householdId) {
        household(householdId);
        return jdbc.sql(PERSON_SELECT + " where p.household_id = ? order by case when p.relation = '户主' then 0 else 1 end, p.birth_date")
                .param(householdId).query(this::mapPersonRow).list().stream().map(PersonRow::masked).toList();
    }

    public Page<Person> searchPersons(String division, String q, int page, int size) {
        Page.check(page, size);
        Actor a = RegistryPolicy.requireRead();
        String code = ScopeGuard.narrow(division);
        StringBuilder where = new StringBuilder(" where p.county_code = :county and p.village_code like :prefix");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("county", a.countyCode());
        params.put("prefix", (code.length() > 12 ? code.substring(0, 12) : code) + "%");
        String join = "";
        if (code.length() == 15 || a.gridId() != null) {
            join = " join households h on h.county_code = p.county_code and h.id = p.household_id";
            if (code.length() == 15) {
                where.append(" and h.group_code = :group");
                params.put("group", code);
            }
        }
        restrictToActor(a, where, params, "h.grid_id", "p.household_id");
        String match = personMatch(q, params);
        if (match != null) {
            where.append(" and (").append(match).append(")");
        }
        long total = jdbc.sql("select count(*) from persons p" + join + where).params(params).query(Long.class).single();
        List<Person> items = jdbc.sql(PERSON_SELECT + join + where + " order by p.village_code, p.household_id, p.id limit :limit offset :offset")
                .params(params).param("limit", size).param("offset", (long) page * size)
                .query(this::mapPersonRow).list().stream().map(PersonRow::masked).toList();
        return new Page<>(items, page, size, total);
    }

    // ---- grids and 联户 --------------------------------------------------------------------------

    @Transactional
    public Household assignGrid(long householdId, long gridId) {
        Household h = household(householdId);
        RegistryPolicy.requireWrite(h.located());
        Grid grid = territory.findGrid(gridId).filter(g -> g.villageCode().equals(h.villageCode()))
                .orElseThrow(() -> new InvalidInputException("gridId", "网格不在该户所在村 / grid not in the household's village"));
        jdbc.sql("update households set grid_id = ? where county_code = ? and id = ?").params(grid.id(), h.countyCode(), householdId).update();
        events.publishEvent(new Audited(h.countyCode(), "household.grid", "household", String.valueOf(householdId), null,
                "grid=" + h.gridId(), "grid=" + gridId));
        return household(householdId);
    }

    /** 联户: a party-member central household links households of its village (at most {@value #MAX_LINKED}). */
    @Transactional
    public List<Household> link(long centerId, List<Long> householdIds) {
        Household center = household(centerId);
        RegistryPolicy.requireWrite(center.located());
        boolean partyMember = jdbc.sql("select count(*) from persons where county_code = ? and household_id = ? and tags like '%党员%'")
                .params(center.countyCode(), centerId).query(Long.class).single() > 0;
        if (!partyMember) {
            throw new InvalidInputException("centerId", "党员中心户须有党员 / a central household needs a party member");
        }
        long already = jdbc.sql("select count(*) from household_links where county_code = ? and center_id = ?")
                .params(center.countyCode(), centerId).query(Long.class).single();
        if (householdIds == null || householdIds.isEmpty() || householdIds.stream().anyMatch(java.util.Objects::isNull) || already + householdIds.size() > MAX_LINKED) {
            throw new InvalidInputException("householdIds", "每个党员中心户联系 1 到 " + MAX_LINKED + " 户 / link 1.." + MAX_LINKED + " households");
        }
        for (Long id : householdIds) {
            Household h = household(id);
            if (!h.villageCode().equals(center.villageCode()) || id == centerId) {
                throw new InvalidInputException("householdIds", "只能联系本村其他农户 / only other households of the village");
            }
            jdbc.sql("delete from household_links where county_code = ? and household_id = ?").params(h.countyCode(), id).update();
            jdbc.sql("insert into household_links (county_code, household_id, center_id) values (?, ?, ?)")
                    .params(h.countyCode(), id, centerId).update();
        }
        events.publishEvent(new Audited(center.countyCode(), "household.linked", "household", String.valueOf(centerId), null,
                null, "linked=" + householdIds));
        return linked(centerId);
    }

    public List<Household> linked(long centerId) {
        Household center = household(centerId);
        return jdbc.sql(HOUSEHOLD_SELECT + " where h.county_code = ? and h.id in (select household_id from household_links where county_code = ? and center_id = ?) order by h.number")
                .params(center.countyCode(), center.countyCode(), centerId).query(this::mapHousehold).list();
    }

    /** Households a party-member central household serves (used by identity to build that role's scope). */
    public Set<Long> linkedIds(String countyCode, long centerId) {
        return Set.copyOf(jdbc.sql("select household_id from household_links where county_code = ? and center_id = ?")
                .params(countyCode, centerId).query(Long.class).list());
    }


    // ---- extra fields ----------------------------------------------------------------------------

    public record FieldDef(String key, String category, String label, String type, List<String> options) {
    }

    public List<FieldDef> fields(String countyCode) {
        return jdbc.sql("select field_key, category, label, field_type, options from household_fields where county_code = ? order by \"position\"")
                .param(countyCode)
                .query((rs, i) -> new FieldDef(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5) == null ? List.of() : List.of(rs.getString(5).split("\\|"))))
                .list();
    }

    @Transactional
    public void defineField(String countyCode, FieldDef def, int position) {
        if (!Set.of("TEXT", "NUMBER", "BOOLEAN", "DATE", "CHOICE").contains(def.type())) {
            throw new InvalidInputException("type", "字段类型应为 TEXT/NUMBER/BOOLEAN/DATE/CHOICE");
        }
        jdbc.sql("delete from household_fields where county_code = ? and field_key = ?").params(countyCode, def.key()).update();
        jdbc.sql("insert into household_fields (county_code, field_key, category, label, field_type, options, \"position\") values (?, ?, ?, ?, ?, ?, ?)")
                .params(countyCode, def.key(), def.category(), def.label(), def.type(),
                        def.options().isEmpty() ? null : String.join("|", def.options()), position)
                .update();
    }

    private Map<String, String> checkedExtra(String county, Map<String, String> extra) {
        if (extra == null || extra.isEmpty()) {
            return Map.of();
        }
        Map<String, FieldDef> defs = new LinkedHashMap<>();
        fields(county).forEach(d -> defs.put(d.key(), d));
        List<FieldError> errors = new ArrayList<>();
        extra.forEach((k, v) -> {
            FieldDef d = defs.get(k);
            String problem = d == null ? "未定义的字段 / undefined field" : typeProblem(d, v);
            if (problem != null) {
                errors.add(new FieldError("extra." + k, problem));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new LinkedHashMap<>(extra);
    }

    private static String typeProblem(FieldDef d, String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            switch (d.type()) {
                case "NUMBER" -> new java.math.BigDecimal(v);
                case "DATE" -> LocalDate.parse(v);
                case "BOOLEAN" -> {
                    if (!Set.of("是", "否", "true", "false").contains(v)) {
                        return "应为 是/否";
                    }
                }
                case "CHOICE" -> {
                    if (!d.options().contains(v)) {
                        return "应为 " + String.join("/", d.options());
                    }
                }
                default -> {
                    if (v.length() > 200) {
                        return "最多 200 字";
                    }
                }
            }
        } catch (RuntimeException e) {
            return "DATE".equals(d.type()) ? "日期格式应为 yyyy-MM-dd" : "应为数字";
        }
        return null;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static void restrictToActor(Actor a, StringBuilder where, Map<String, Object> params, String gridColumn, String householdColumn) {
        if (a.gridId() != null) {
            where.append(" and ").append(gridColumn).append(" = :actorGrid");
            params.put("actorGrid", a.gridId());
        } else if (!a.householdIds().isEmpty()) {
            where.append(" and ").append(householdColumn).append(" in (:actorHouseholds)");
            params.put("actorHouseholds", a.householdIds());
        }
    }

    /** Name contains q, pinyin initials start with q, or the ID number ends with q (4 characters). */
    private static String personMatch(String q, Map<String, Object> params) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String t = q.trim();
        if (t.length() > 50) {
            throw new InvalidInputException("q", "搜索词最多 50 字 / q is at most 50 characters");
        }
        params.put("q", t);
        params.put("qLike", "%" + t.replace("%", "").replace("_", "") + "%");
        List<String> ors = new ArrayList<>();
        ors.add("p.name like :qLike");
        if (INITIALS.matcher(t).matches()) {
            params.put("qInitials", t.toLowerCase() + "%");
            ors.add("p.initials like :qInitials");
        }
        if (LAST4.matcher(t).matches()) {
            params.put("qLast4", t.toUpperCase());
            ors.add("p.id_last4 = :qLast4");
        }
        return String.join(" or ", ors);
    }

    static String normalGender(String g) {
        if (g == null) {
            return null;
        }
        return switch (g.trim()) {
            case "M", "m", "男" -> "M";
            case "F", "f", "女" -> "F";
            default -> null;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private Household mapHousehold(ResultSet rs, int i) throws SQLException {
        String extra = rs.getString("extra");
        Map<String, String> extraMap = extra == null ? Map.of() : json.readValue(extra, new TypeReference<LinkedHashMap<String, String>>() {
        });
        Long grid = rs.getObject("grid_id", Long.class);
        return new Household(rs.getLong("id"), rs.getString("county_code"), rs.getString("village_code"),
                rs.getString("group_code"), grid, rs.getString("number"), rs.getString("address"),
                rs.getString("head_name"), Masking.phone(rs.getString("phone")), Tags.split(rs.getString("tags")), extraMap,
                rs.getInt("members"));
    }

    private record PersonRow(Person person) {
        Person masked() {
            Person p = person;
            return new Person(p.id(), p.householdId(), p.villageCode(), p.name(), p.gender(), p.birthDate(),
                    Masking.idNumber(p.idNumber()), Masking.phone(p.phone()), p.relation(), p.tags());
        }
    }

    private PersonRow mapPersonRow(ResultSet rs, int i) throws SQLException {
        return new PersonRow(new Person(rs.getLong("id"), rs.getLong("household_id"), rs.getString("village_code"),
                rs.getString("name"), rs.getString("gender"), rs.getObject("birth_date", LocalDate.class),
                rs.getString("id_number"), rs.getString("phone"), rs.getString("relation"), Tags.split(rs.getString("tags"))));
    }
}
