package org.shanzhi.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.BulkCopy;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
    private final TransactionTemplate tx;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final BulkCopy copy;

    HouseholdImport(JdbcTemplate jdbc, TransactionTemplate tx, Territory territory,
            ApplicationEventPublisher events, Clock clock, BulkCopy copy) {
        this.copy = copy;
        this.jdbc = jdbc;
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
        boolean written;

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
        /** What the county already holds, read once before the file: household numbers, ID numbers (as keys, sorted). */
        final Set<String> storedNumbers = new HashSet<>();
        long[] storedIds = new long[1024];
        int storedIdCount;
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
        loadStored(check, filename, file);
        // single-database PostgreSQL and no transaction around the call (command line, console upload): the rows
        // checked so far stream into COPY on another thread while the check goes on, committed only if the whole file
        // passes. Otherwise: check the whole file, then write in a second pass.
        Pipeline pipe = copy.available() && !TransactionSynchronizationManager.isActualTransactionActive()
                ? new Pipeline(LocalDateTime.now(clock)) : null;
        try {
            try {
                HouseholdFile.forEach(filename, file, line -> {
                    checkLine(check, line);
                    if (pipe != null && check.errorCount == 0) {
                        pipe.send(line, check.households.get(line.get("number")));
                    }
                });
            } catch (HouseholdFile.Unreadable e) {
                return new ImportResult(false, 0, 0, List.of(new RowError(0, "文件", e.getMessage())));
            }
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
            long persons = pipe != null ? pipe.commit() : write(filename, file, check);
            events.publishEvent(new Audited(actor.countyCode(), "registry.imported", "file", filename, null, null,
                    check.households.size() + " 户, " + persons + " 人"));
            return new ImportResult(true, check.households.size(), (int) persons, List.of());
        } finally {
            if (pipe != null) {
                pipe.abort();
            }
        }
    }

    /** A checked row on its way to the writer, with its household as the check knows it. */
    private record Pending(Line line, HouseholdState household) {
    }

    /**
     * The writer thread of a pipelined import: one transaction holding a COPY of persons (households are encoded into
     * a temporary file and copied at the end: one COPY at a time per connection). It commits only on {@link #commit()};
     * {@link #abort()} (a bad row, an unreadable file, any failure of the check) cancels the COPY and rolls back.
     */
    private final class Pipeline {
        private static final Object COMMIT = new Object();
        private static final Object ABORT = new Object();
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(32);
        private final CompletableFuture<Long> result = new CompletableFuture<>();
        private final LocalDateTime now;
        private List<Pending> chunk = new ArrayList<>(CHECK_CHUNK);
        private boolean ended;

        Pipeline(LocalDateTime now) {
            this.now = now;
            Thread writer = new Thread(this::run, "household-import-copy");
            writer.setDaemon(true);
            writer.start();
        }

        void send(Line line, HouseholdState household) {
            chunk.add(new Pending(line, household));
            if (chunk.size() == CHECK_CHUNK) {
                put(chunk);
                chunk = new ArrayList<>(CHECK_CHUNK);
            }
        }

        long commit() {
            ended = true;
            put(chunk);
            put(COMMIT);
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }

        /** Rolls the writer back unless it committed; returns when it has finished. */
        void abort() {
            if (ended) {
                return;
            }
            ended = true;
            put(ABORT);
            try {
                result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // the import is refused or failed anyway
            }
        }

        private void put(Object message) {
            try {
                while (!queue.offer(message, 100, TimeUnit.MILLISECONDS)) {
                    if (result.isDone()) {
                        return; // the writer failed: commit() reports why
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            }
        }

        private void run() {
            try {
                Long n = tx.execute(this::consume);
                result.complete(n == null ? 0L : n);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }

        @SuppressWarnings("unchecked")
        private Long consume(TransactionStatus status) {
            Path households = null;
            long persons;
            try {
                households = Files.createTempFile("households", ".copy");
                try (BulkCopy.Rows out = copy.open("persons", PERSON_COLUMNS);
                     Writer hOut = Files.newBufferedWriter(households, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
                    StringBuilder hBuf = new StringBuilder(1 << 16);
                    while (true) {
                        Object message = queue.take();
                        if (message == ABORT) {
                            status.setRollbackOnly();
                            return 0L;
                        }
                        if (message == COMMIT) {
                            break;
                        }
                        for (Pending p : (List<Pending>) message) {
                            HouseholdState hh = p.household();
                            if (!hh.written) {
                                hh.written = true;
                                BulkCopy.encode(hBuf, householdRow(p.line(), hh, p.line().get("number"), now));
                                if (hBuf.length() >= 1 << 16) {
                                    write(hOut, hBuf);
                                }
                            }
                            out.add(personRow(p.line(), hh, now));
                        }
                    }
                    write(hOut, hBuf);
                    persons = out.finish();
                }
                try (InputStream in = Files.newInputStream(households)) {
                    copy.copy(in, "households", HOUSEHOLD_COLUMNS);
                }
                return persons;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (households != null) {
                    households.toFile().delete();
                }
            }
        }
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
            if (c.storedNumbers.contains(number)) {
                c.error(row, "number", "户编号已存在");
            }
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
                Long key = idKey(p.idNumber());
                if (key != null && Arrays.binarySearch(c.storedIds, 0, c.storedIdCount, key) >= 0) {
                    c.error(row, "idNumber", "身份证号已登记");
                }
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
    }

    /** Below this size a file's own numbers are looked up; above it the county's are read once (bulk imports). */
    private static final long SMALL_FILE_BYTES = 64 * 1024;

    /**
     * Household numbers and ID numbers already registered in the county are bad rows too. A large file (a county's
     * first import) reads both of the county once, before the file (one query each instead of one per thousand rows;
     * an ID number is kept as a long); a small file (a village adding a few households to a large county) looks up
     * only its own numbers, so its cost does not grow with the county.
     */
    private void loadStored(Check c, String filename, Path file) {
        String county = c.actor.countyCode();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = Long.MAX_VALUE;
        }
        if (size <= SMALL_FILE_BYTES) {
            Set<String> numbers = new HashSet<>();
            Set<String> idNumbers = new HashSet<>();
            try {
                HouseholdFile.forEach(filename, file, l -> {
                    if (l.get("number") != null) {
                        numbers.add(l.get("number"));
                    }
                    if (l.get("idNumber") != null) {
                        idNumbers.add(upper(l.get("idNumber")));
                    }
                });
            } catch (HouseholdFile.Unreadable e) {
                return; // the check's own pass reports the file
            }
            lookUp("select number from households where county_code = ? and number in ", county, numbers, c.storedNumbers::add);
            lookUp("select id_number from persons where county_code = ? and id_number in ", county, idNumbers, id -> storeId(c, id));
        } else {
            jdbc.query("select number from households where county_code = ?", rs -> {
                c.storedNumbers.add(rs.getString(1));
            }, county);
            jdbc.query("select id_number from persons where county_code = ?", rs -> {
                storeId(c, rs.getString(1));
            }, county);
        }
        Arrays.sort(c.storedIds, 0, c.storedIdCount);
    }

    private void lookUp(String sql, String county, Set<String> values, Consumer<String> found) {
        List<String> all = new ArrayList<>(values);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            Object[] args = new Object[chunk.size() + 1];
            args[0] = county;
            for (int i = 0; i < chunk.size(); i++) {
                args[i + 1] = chunk.get(i);
            }
            jdbc.query(sql + "(" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", rs -> {
                found.accept(rs.getString(1));
            }, args);
        }
    }

    private static void storeId(Check c, String idNumber) {
        Long key = idKey(idNumber);
        if (key != null) {
            if (c.storedIdCount == c.storedIds.length) {
                c.storedIds = Arrays.copyOf(c.storedIds, c.storedIds.length * 2);
            }
            c.storedIds[c.storedIdCount++] = key;
        }
    }

    /** An 18-character ID number as one long (17 digits and the check character), or null if it has another form. */
    static Long idKey(String id) {
        if (id == null || id.length() != 18) {
            return null;
        }
        long k = 0;
        for (int i = 0; i < 17; i++) {
            char ch = id.charAt(i);
            if (ch < '0' || ch > '9') {
                return null;
            }
            k = k * 10 + (ch - '0');
        }
        char last = id.charAt(17);
        int check = last == 'X' ? 10 : last >= '0' && last <= '9' ? last - '0' : -1;
        return check < 0 ? null : k * 11 + check;
    }

    private static final String[] HOUSEHOLD_COLUMNS = {"id", "county_code", "village_code", "group_code", "grid_id", "number",
        "address", "phone", "tags", "extra", "created_at"};
    private static final String[] PERSON_COLUMNS = {"id", "county_code", "household_id", "village_code", "name", "initials",
        "gender", "birth_date", "id_number", "id_last4", "phone", "relation", "tags", "created_at"};

    /** Second pass: every row is known good; write households and persons, all in one transaction. */
    private long write(String filename, Path file, Check c) {
        LocalDateTime now = LocalDateTime.now(clock);
        Long persons = tx.execute(s -> copy.available() ? writeByCopy(filename, file, c, now) : writeByBatches(filename, file, c, now));
        return persons == null ? 0 : persons;
    }

    private Object[] householdRow(Line l, HouseholdState hh, String number, LocalDateTime now) {
        return new Object[] {hh.id, Level.countyOf(hh.village), hh.village, l.get("groupCode"), null, number, l.get("address"),
            l.get("householdPhone"), Tags.join(splitTags(l.get("householdTags"))), null, now};
    }

    private Object[] personRow(Line l, HouseholdState hh, LocalDateTime now) {
        String idNumber = upper(l.get("idNumber"));
        String name = l.get("name");
        return new Object[] {Ids.next(), Level.countyOf(hh.village), hh.id, hh.village, name, Pinyin.initials(name),
            Registry.normalGender(l.get("gender")), parseDate(l.get("birthDate")), idNumber, idNumber.substring(14),
            l.get("phone"), l.get("relation"), Tags.join(splitTags(l.get("tags"))), now};
    }

    /**
     * Single-database PostgreSQL: persons stream through one COPY while the file is read; households (one COPY at a
     * time per connection) are encoded into a temporary file and copied after. Same transaction, so nothing is left
     * behind if the database refuses a row.
     */
    private long writeByCopy(String filename, Path file, Check c, LocalDateTime now) {
        Path households = null;
        long written;
        try {
            households = Files.createTempFile("households", ".copy");
            try (BulkCopy.Rows persons = copy.open("persons", PERSON_COLUMNS);
                 Writer hOut = Files.newBufferedWriter(households, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
                StringBuilder hBuf = new StringBuilder(1 << 16);
                HouseholdFile.forEach(filename, file, l -> {
                    String number = l.get("number");
                    HouseholdState hh = c.households.get(number);
                    if (!hh.written) {
                        hh.written = true;
                        BulkCopy.encode(hBuf, householdRow(l, hh, number, now));
                        if (hBuf.length() >= 1 << 16) {
                            write(hOut, hBuf);
                        }
                    }
                    persons.add(personRow(l, hh, now));
                });
                write(hOut, hBuf);
                written = persons.finish();
            }
            try (InputStream in = Files.newInputStream(households)) {
                copy.copy(in, "households", HOUSEHOLD_COLUMNS);
            }
            return written;
        } catch (HouseholdFile.Unreadable e) {
            throw new IllegalStateException("file changed between passes", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (households != null) {
                households.toFile().delete();
            }
        }
    }

    private static void write(Writer out, StringBuilder buf) {
        try {
            out.append(buf);
            buf.setLength(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** H2 and the sharded engine: batched INSERTs of 5,000 persons (and their new households). */
    private long writeByBatches(String filename, Path file, Check c, LocalDateTime now) {
        long[] persons = {0};
        List<Object[]> hRows = new ArrayList<>();
        List<Object[]> pRows = new ArrayList<>();
        try {
            HouseholdFile.forEach(filename, file, l -> {
                String number = l.get("number");
                HouseholdState hh = c.households.get(number);
                if (!hh.written) {
                    hh.written = true;
                    hRows.add(householdRow(l, hh, number, now));
                }
                pRows.add(personRow(l, hh, now));
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
