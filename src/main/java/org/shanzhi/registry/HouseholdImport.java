package org.shanzhi.registry;

import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.Located;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.registry.ImportResult.RowError;
import org.shanzhi.registry.internal.HouseholdFile;
import org.shanzhi.registry.internal.HouseholdFile.Line;
import org.shanzhi.registry.internal.RegistryPolicy;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports households and persons from a CSV or .xlsx sheet. The whole file is checked first; a file
 * with any bad row imports nothing and returns every bad row (row, column, reason).
 */
@Service
public class HouseholdImport {

    private static final int MAX_ROWS = 200_000;
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyyMMdd"), DateTimeFormatter.ofPattern("yyyy.M.d"));

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    HouseholdImport(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, TransactionTemplate tx, Territory territory,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.named = named;
        this.tx = tx;
        this.territory = territory;
        this.events = events;
        this.clock = clock;
    }

    private record HouseholdRows(String number, Line first, List<Line> lines) {
    }

    public ImportResult importFile(String filename, InputStream in) {
        Actor actor = RegistryPolicy.requireWriterRole();
        List<Line> lines;
        try {
            lines = HouseholdFile.read(filename, in);
        } catch (HouseholdFile.Unreadable e) {
            return new ImportResult(false, 0, 0, List.of(new RowError(0, "文件", e.getMessage())));
        }
        List<RowError> errors = new ArrayList<>();
        if (lines.isEmpty()) {
            return new ImportResult(false, 0, 0, List.of(new RowError(0, "文件", "没有数据行")));
        }
        if (lines.size() > MAX_ROWS) {
            return new ImportResult(false, 0, 0, List.of(new RowError(0, "文件", "一次最多导入 " + MAX_ROWS + " 行")));
        }
        LocalDate today = LocalDate.now(clock);
        Map<String, HouseholdRows> households = new LinkedHashMap<>();
        Map<String, Boolean> villageOk = new HashMap<>();
        Set<String> idsInFile = new HashSet<>();
        for (Line line : lines) {
            for (var cell : line.cells().entrySet()) {
                if (cell.getValue() != null && cell.getValue().length() > HouseholdFile.MAX_CELL) {
                    errors.add(new RowError(line.row(), col(cell.getKey()), "内容过长(最多 " + HouseholdFile.MAX_CELL + " 字)"));
                }
            }
            String number = line.get("number");
            if (number == null) {
                errors.add(new RowError(line.row(), col("number"), "户编号必填"));
                continue;
            }
            HouseholdRows hh = households.computeIfAbsent(number, n -> new HouseholdRows(n, line, new ArrayList<>()));
            hh.lines().add(line);
            String village = line.get("villageCode");
            if (!java.util.Objects.equals(village, hh.first().get("villageCode"))) {
                errors.add(new RowError(line.row(), col("villageCode"), "同一户的行政村代码不一致"));
            }
            boolean ok = villageOk.computeIfAbsent(village == null ? "" : village, v -> territory.find(v)
                    .filter(d -> d.level() == Level.VILLAGE).isPresent());
            if (!ok) {
                errors.add(new RowError(line.row(), col("villageCode"), "行政村代码不存在"));
            } else if (!ScopeGuard.covers(actor, new Located(Level.countyOf(village), village, actor.gridId(), null))
                    || actor.readOnly()) {
                errors.add(new RowError(line.row(), col("villageCode"), "该村不在您的管辖范围"));
            }
            LocalDate birth = null;
            String birthText = line.get("birthDate");
            if (birthText != null) {
                birth = parseDate(birthText);
                if (birth == null) {
                    errors.add(new RowError(line.row(), col("birthDate"), "日期格式应为 yyyy-MM-dd"));
                }
            }
            NewPerson p = new NewPerson(line.get("name"), line.get("gender"), birth, upper(line.get("idNumber")),
                    line.get("phone"), line.get("relation"), splitTags(line.get("tags")));
            for (FieldError fe : Registry.personFieldErrors(p, today)) {
                if (!(fe.field().equals("birthDate") && birthText != null && birth == null)) {
                    errors.add(new RowError(line.row(), col(fe.field()), fe.message().split(" / ")[0]));
                }
            }
            if (p.idNumber() != null && !idsInFile.add(p.idNumber())) {
                errors.add(new RowError(line.row(), col("idNumber"), "身份证号在文件中重复"));
            }
            if (line == hh.first()) {
                NewHousehold h = new NewHousehold(village, line.get("groupCode"), null, number, line.get("address"),
                        line.get("householdPhone"), splitTags(line.get("householdTags")), Map.of());
                for (FieldError fe : Registry.householdFieldErrors(h)) {
                    errors.add(new RowError(line.row(), col(fe.field() .equals("phone") ? "householdPhone"
                            : fe.field().equals("tags") ? "householdTags" : fe.field()), fe.message().split(" / ")[0]));
                }
                String group = line.get("groupCode");
                if (group != null && ok && (!group.startsWith(village) || territory.find(group).isEmpty())) {
                    errors.add(new RowError(line.row(), col("groupCode"), "村民小组不存在或不在该村"));
                }
            }
        }
        for (HouseholdRows hh : households.values()) {
            long heads = hh.lines().stream().filter(l -> Relation.HEAD.equals(l.get("relation"))).count();
            if (heads != 1) {
                errors.add(new RowError(hh.first().row(), col("relation"), "户编号 " + hh.number() + " 应有且只有一个户主(现有 " + heads + " 个)"));
            }
        }
        checkExisting(actor.countyCode(), households, errors);
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingLong(RowError::row));
            return new ImportResult(false, 0, 0, errors);
        }
        int persons = write(households.values(), today);
        events.publishEvent(new Audited(actor.countyCode(), "registry.imported", "file", filename, null, null,
                households.size() + " 户, " + persons + " 人"));
        return new ImportResult(true, households.size(), persons, List.of());
    }

    private void checkExisting(String county, Map<String, HouseholdRows> households, List<RowError> errors) {
        List<String> numbers = new ArrayList<>(households.keySet());
        for (int i = 0; i < numbers.size(); i += 1000) {
            List<String> chunk = numbers.subList(i, Math.min(numbers.size(), i + 1000));
            for (String n : named.queryForList("select number from households where county_code = :c and number in (:n)",
                    Map.of("c", county, "n", chunk), String.class)) {
                errors.add(new RowError(households.get(n).first().row(), col("number"), "户编号已存在"));
            }
        }
        Map<String, Long> rowOfId = new HashMap<>();
        households.values().forEach(h -> h.lines().forEach(l -> {
            if (l.get("idNumber") != null) {
                rowOfId.put(upper(l.get("idNumber")), l.row());
            }
        }));
        List<String> ids = new ArrayList<>(rowOfId.keySet());
        for (int i = 0; i < ids.size(); i += 1000) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
            for (String id : named.queryForList("select id_number from persons where county_code = :c and id_number in (:n)",
                    Map.of("c", county, "n", chunk), String.class)) {
                errors.add(new RowError(rowOfId.get(id), col("idNumber"), "身份证号已登记"));
            }
        }
    }

    private int write(Iterable<HouseholdRows> households, LocalDate today) {
        LocalDateTime now = LocalDateTime.now(clock);
        List<Object[]> hRows = new ArrayList<>();
        List<Object[]> pRows = new ArrayList<>();
        for (HouseholdRows hh : households) {
            long id = Ids.next();
            Line f = hh.first();
            String village = f.get("villageCode");
            hRows.add(new Object[] {id, Level.countyOf(village), village, f.get("groupCode"), null, hh.number(), f.get("address"),
                    f.get("householdPhone"), Tags.join(splitTags(f.get("householdTags"))), null, now});
            for (Line l : hh.lines()) {
                String idNumber = upper(l.get("idNumber"));
                pRows.add(new Object[] {Ids.next(), Level.countyOf(village), id, village, l.get("name"), Pinyin.initials(l.get("name")),
                        Registry.normalGender(l.get("gender")), parseDate(l.get("birthDate")), idNumber, idNumber.substring(14),
                        l.get("phone"), l.get("relation"), Tags.join(splitTags(l.get("tags"))), now});
            }
        }
        tx.executeWithoutResult(s -> {
            insertHouseholds(jdbc, hRows);
            insertPersons(jdbc, pRows);
        });
        return pRows.size();
    }

    /** Batch inserts shared with the demo-data loader. */
    public static void insertHouseholds(JdbcTemplate jdbc, List<Object[]> rows) {
        for (int i = 0; i < rows.size(); i += 2000) {
            jdbc.batchUpdate("""
                    insert into households (id, county_code, village_code, group_code, grid_id, number, address, phone, tags, extra, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows.subList(i, Math.min(rows.size(), i + 2000)));
        }
    }

    public static void insertPersons(JdbcTemplate jdbc, List<Object[]> rows) {
        for (int i = 0; i < rows.size(); i += 2000) {
            jdbc.batchUpdate("""
                    insert into persons (id, county_code, household_id, village_code, name, initials, gender, birth_date, id_number,
                                         id_last4, phone, relation, tags, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows.subList(i, Math.min(rows.size(), i + 2000)));
        }
    }

    private static String col(String key) {
        return HouseholdFile.COLUMNS.getOrDefault(key, key);
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase();
    }

    private static List<String> splitTags(String s) {
        return s == null ? List.of() : List.of(s.split("[,,、;;\\s]+")).stream().filter(t -> !t.isBlank()).toList();
    }

    private static LocalDate parseDate(String s) {
        if (s == null) {
            return null;
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(s.trim(), f);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }
}
