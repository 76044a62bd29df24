package org.shanzhi.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import java.util.Objects;
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
 * Imports households and persons from a CSV or .xlsx sheet (one row per person; rows with the same 户编号 form
 * one household). Two passes over the file: the first checks every row and keeps only what later rows need
 * (household numbers, ID numbers as longs), the second writes in batches inside one transaction. A file with
 * any bad row imports nothing and returns its bad rows (row, column, reason; the first 1,000 listed).
 */
@Service
public class HouseholdImport {

    private static final int MAX_ERRORS_LISTED = 1_000;
    private static final int CHECK_CHUNK = 1_000;
    private static final int BATCH = 5_000;
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

    /** What the first pass keeps of a household: where it is, its first row, its heads, its new id. */
    private static final class HouseholdState {
        final long id = Ids.next();
        final long firstRow;
        final String village;
        int heads;

        HouseholdState(long firstRow, String village) {
            this.firstRow = firstRow;
            this.village = village;
        }
    }

    /** Everything the first pass learns. */
    private final class Check {
        final Actor actor;
        final LocalDate today = LocalDate.now(clock);
        final Map<String, HouseholdState> households = new LinkedHashMap<>();
        final Set<Long> idKeys = new HashSet<>();
        final Map<String, Boolean> villageOk = new HashMap<>();
        final Map<String, Boolean> groupOk = new HashMap<>();
        final List<RowError> errors = new ArrayList<>();
        final Map<String, Long> pendingNumbers = new HashMap<>();
        final Map<String, Long> pendingIds = new HashMap<>();
        long errorCount;
        long rows;

        Check(Actor actor) {
            this.actor = actor;
        }

        void error(long row, String column, String reason) {
            errorCount++;
            if (errors.size() < MAX_ERRORS_LISTED) {
                errors.add(new RowError(row, col(column), reason));
            }
        }
    }

    /** Imports an uploaded file; it is copied to a temporary file so that it can be read twice. */
    public ImportResult importFile(String filename, InputStream in) {
        Actor actor = RegistryPolicy.requireWriterRole();
        Path tmp = null;
        try {
            tmp = Files.createTempFile("households", ".upload");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return importPath(filename, tmp, actor);
        } catch (IOException e) {
            return new ImportResult(false, 0, 0, List.of(new RowError(0, "文件", "文件无法读取")));
        } finally {
            if (tmp != null) {
                tmp.toFile().delete();
            }
        }
    }

    /** Imports a file on disk (command line, benchmarks): same checks, same all-or-nothing rule. */
    public ImportResult importPath(String filename, Path file) {
        return importPath(filename, file, RegistryPolicy.requireWriterRole());
    }

    private ImportResult importPath(String filename, Path file, Actor actor) {
        Check check = new Check(actor);
        try {
            HouseholdFile.forEach(filename, file, line -> checkLine(check, line));
        } catch (HouseholdFile.Unreadable e) {
            return new ImportResult(false, 0, 0, List.of(new RowError(0, "文件", e.getMessage())));
        }
        flushExistenceChecks(check);
        if (check.rows == 0) {
            return new ImportResult(false, 0, 0, List.of(new RowError(0, "文件", "没有数据行")));
        }
        for (var e : check.households.entrySet()) {
            if (e.getValue().heads != 1) {
                check.error(e.getValue().firstRow, "relation", "户编号 " + e.getKey() + " 应有且只有一个户主(现有 " + e.getValue().heads + " 个)");
            }
        }
        if (check.errorCount > 0) {
            check.errors.sort(java.util.Comparator.comparingLong(RowError::row));
            return new ImportResult(false, 0, 0, check.errors);
        }
        long persons = write(filename, file, check);
        events.publishEvent(new Audited(actor.countyCode(), "registry.imported", "file", filename, null, null,
                check.households.size() + " 户, " + persons + " 人"));
        return new ImportResult(true, check.households.size(), (int) persons, List.of());
    }

    private void checkLine(Check c, Line line) {
        c.rows++;
        long row = line.row();
        for (var cell : line.cells().entrySet()) {
            if (cell.getValue() != null && cell.getValue().length() > HouseholdFile.MAX_CELL) {
                c.error(row, cell.getKey(), "内容过长(最多 " + HouseholdFile.MAX_CELL + " 字)");
            }
        }
        String number = line.get("number");
        if (number == null) {
            c.error(row, "number", "户编号必填");
            return;
        }
        String village = line.get("villageCode");
        HouseholdState hh = c.households.get(number);
        boolean first = hh == null;
        if (first) {
            hh = new HouseholdState(row, village);
            c.households.put(number, hh);
            c.pendingNumbers.put(number, row);
        } else if (!Objects.equals(village, hh.village)) {
            c.error(row, "villageCode", "同一户的行政村代码不一致");
        }
        boolean ok = c.villageOk.computeIfAbsent(village == null ? "" : village,
                v -> territory.find(v).filter(d -> d.level() == Level.VILLAGE).isPresent());
        if (!ok) {
            c.error(row, "villageCode", "行政村代码不存在");
        } else if (c.actor.readOnly()
                || !ScopeGuard.covers(c.actor, new Located(Level.countyOf(village), village, c.actor.gridId(), null))) {
            c.error(row, "villageCode", "该村不在您的管辖范围");
        }
        LocalDate birth = null;
        String birthText = line.get("birthDate");
        if (birthText != null) {
            birth = parseDate(birthText);
            if (birth == null) {
                c.error(row, "birthDate", "日期格式应为 yyyy-MM-dd");
            }
        }
        NewPerson p = new NewPerson(line.get("name"), line.get("gender"), birth, upper(line.get("idNumber")), line.get("phone"),
                line.get("relation"), splitTags(line.get("tags")));
        for (FieldError fe : Registry.personFieldErrors(p, c.today)) {
            if (!(fe.field().equals("birthDate") && birthText != null && birth == null)) {
                c.error(row, fe.field(), fe.message().split(" / ")[0]);
            }
        }
        if (Relation.HEAD.equals(p.relation())) {
            hh.heads++;
        }
        if (p.idNumber() != null && p.idNumber().length() == 18 && p.idNumber().substring(0, 17).chars().allMatch(Character::isDigit)) {
            if (!c.idKeys.add(Long.parseLong(p.idNumber().substring(0, 17)))) {
                c.error(row, "idNumber", "身份证号在文件中重复");
            } else {
                c.pendingIds.put(p.idNumber(), row);
            }
        }
        if (first) {
            NewHousehold h = new NewHousehold(village, line.get("groupCode"), null, number, line.get("address"),
                    line.get("householdPhone"), splitTags(line.get("householdTags")), Map.of());
            for (FieldError fe : Registry.householdFieldErrors(h)) {
                c.error(row, fe.field().equals("phone") ? "householdPhone" : fe.field().equals("tags") ? "householdTags" : fe.field(),
                        fe.message().split(" / ")[0]);
            }
            String group = line.get("groupCode");
            if (group != null && ok && (!group.startsWith(village)
                    || !c.groupOk.computeIfAbsent(group, g -> territory.find(g).isPresent()))) {
                c.error(row, "groupCode", "村民小组不存在或不在该村");
            }
        }
        if (c.pendingNumbers.size() >= CHECK_CHUNK || c.pendingIds.size() >= CHECK_CHUNK) {
            flushExistenceChecks(c);
        }
    }

    /** Household numbers and ID numbers already registered in the county are bad rows too. */
    private void flushExistenceChecks(Check c) {
        String county = c.actor.countyCode();
        if (!c.pendingNumbers.isEmpty()) {
            for (String n : named.queryForList("select number from households where county_code = :c and number in (:n)",
                    Map.of("c", county, "n", c.pendingNumbers.keySet()), String.class)) {
                c.error(c.pendingNumbers.get(n), "number", "户编号已存在");
            }
            c.pendingNumbers.clear();
        }
        if (!c.pendingIds.isEmpty()) {
            for (String id : named.queryForList("select id_number from persons where county_code = :c and id_number in (:n)",
                    Map.of("c", county, "n", c.pendingIds.keySet()), String.class)) {
                c.error(c.pendingIds.get(id), "idNumber", "身份证号已登记");
            }
            c.pendingIds.clear();
        }
    }

    /** Second pass: every row is known good; write households and persons in batches, all in one transaction. */
    private long write(String filename, Path file, Check c) {
        LocalDateTime now = LocalDateTime.now(clock);
        long[] persons = {0};
        tx.executeWithoutResult(s -> {
            Set<String> written = new HashSet<>();
            List<Object[]> hRows = new ArrayList<>();
            List<Object[]> pRows = new ArrayList<>();
            try {
                HouseholdFile.forEach(filename, file, l -> {
                    String number = l.get("number");
                    HouseholdState hh = c.households.get(number);
                    String village = hh.village;
                    String county = Level.countyOf(village);
                    if (written.add(number)) {
                        hRows.add(new Object[] {hh.id, county, village, l.get("groupCode"), null, number, l.get("address"),
                                l.get("householdPhone"), Tags.join(splitTags(l.get("householdTags"))), null, now});
                    }
                    String idNumber = upper(l.get("idNumber"));
                    pRows.add(new Object[] {Ids.next(), county, hh.id, village, l.get("name"), Pinyin.initials(l.get("name")),
                            Registry.normalGender(l.get("gender")), parseDate(l.get("birthDate")), idNumber, idNumber.substring(14),
                            l.get("phone"), l.get("relation"), Tags.join(splitTags(l.get("tags"))), now});
                    if (pRows.size() >= BATCH) {
                        insertHouseholds(jdbc, hRows);
                        insertPersons(jdbc, pRows);
                        persons[0] += pRows.size();
                        hRows.clear();
                        pRows.clear();
                    }
                });
            } catch (HouseholdFile.Unreadable e) {
                throw new IllegalStateException("file changed between passes", e);
            }
            insertHouseholds(jdbc, hRows);
            insertPersons(jdbc, pRows);
            persons[0] += pRows.size();
        });
        return persons[0];
    }

    /** Batch inserts shared with the demo-data loader. */
    public static void insertHouseholds(JdbcTemplate jdbc, List<Object[]> rows) {
        for (int i = 0; i < rows.size(); i += BATCH) {
            jdbc.batchUpdate("""
                    insert into households (id, county_code, village_code, group_code, grid_id, number, address, phone, tags, extra, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows.subList(i, Math.min(rows.size(), i + BATCH)));
        }
    }

    public static void insertPersons(JdbcTemplate jdbc, List<Object[]> rows) {
        for (int i = 0; i < rows.size(); i += BATCH) {
            jdbc.batchUpdate("""
                    insert into persons (id, county_code, household_id, village_code, name, initials, gender, birth_date, id_number,
                                         id_last4, phone, relation, tags, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows.subList(i, Math.min(rows.size(), i + BATCH)));
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
