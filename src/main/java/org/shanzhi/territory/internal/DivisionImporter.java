package org.shanzhi.territory.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.shanzhi.common.BulkCopy;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.territory.ImportReport;
import org.shanzhi.territory.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports the national division codes in the {@code china-division} CSV format. Each file is checked
 * whole before anything of it is written: a row whose parent is unknown, or whose code does not nest in
 * its parent's, refuses the file. Rows equal to what is stored are left alone, so a re-import changes
 * nothing.
 */
@Component
public class DivisionImporter {

    private static final Logger log = LoggerFactory.getLogger(DivisionImporter.class);
    private static final int BATCH = 5_000;
    private static final int ERRORS_KEPT_PER_FILE = 1_000;

    /** File name, level of its rows, and the column holding the parent's code (null: none). */
    private record Spec(String file, Level level, String parentColumn) {
    }

    private static final List<Spec> FILES = List.of(
            new Spec("provinces.csv", Level.PROVINCE, null),
            new Spec("cities.csv", Level.CITY, "provinceCode"),
            new Spec("areas.csv", Level.COUNTY, "cityCode"),
            new Spec("streets.csv", Level.TOWNSHIP, "areaCode"),
            new Spec("villages.csv", Level.VILLAGE, "streetCode"));

    /** The length of a parent's code for each level: a village's parent is a township, never the county. */
    private static final java.util.Map<Level, Integer> PARENT_LENGTH = java.util.Map.of(Level.CITY, 2, Level.COUNTY, 4,
            Level.TOWNSHIP, 6, Level.VILLAGE, 9);

    private record Stored(String name, String parentCode) {
    }

    private record Row(String code, String name, String parentCode) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final BulkCopy copy;

    DivisionImporter(JdbcTemplate jdbc, TransactionTemplate tx, BulkCopy copy) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.copy = copy;
    }

    public ImportReport importDir(Path dir, String onlyCounty) {
        if (onlyCounty != null && Level.ofCode(onlyCounty).filter(l -> l == Level.COUNTY).isEmpty()) {
            throw new InvalidInputException("county", "县级代码应为 6 位数字 / a county code has 6 digits");
        }
        if (FILES.stream().noneMatch(s -> Files.isRegularFile(dir.resolve(s.file())))) {
            throw new InvalidInputException("dir", "目录中没有 areas.csv / streets.csv / villages.csv: " + dir);
        }
        Map<String, Stored> known = new HashMap<>(1 << 20);
        jdbc.query("select code, name, parent_code from divisions where level <> 'GROUP'",
                rs -> {
                    known.put(rs.getString(1), new Stored(rs.getString(2), rs.getString(3)));
                });
        boolean citiesGiven = Files.isRegularFile(dir.resolve("cities.csv"));
        List<ImportReport.FileResult> results = new ArrayList<>();
        for (Spec spec : FILES) {
            Path file = dir.resolve(spec.file());
            if (Files.isRegularFile(file)) {
                results.add(importFile(file, spec, onlyCounty, known, citiesGiven));
            }
        }
        return new ImportReport(results);
    }

    private ImportReport.FileResult importFile(Path file, Spec spec, String onlyCounty, Map<String, Stored> known,
            boolean citiesGiven) {
        long t0 = System.nanoTime();
        String level = spec.level().name();
        ImportReport.FileResult[] result = new ImportReport.FileResult[1];
        List<Row> written = new ArrayList<>();
        boolean[] copied = {false};
        tx.executeWithoutResult(status -> {
            // single-database PostgreSQL: new rows stream into one COPY while the file is read and checked (same
            // transaction; a bad row cancels it and rolls back). H2 and the sharded engine: batched INSERTs after.
            BulkCopy.Rows out = copy.available() ? copy.open("divisions", "code", "name", "level", "parent_code", "county_code") : null;
            copied[0] = out != null;
            try {
                Scan scan = scan(file, spec, onlyCounty, known, citiesGiven, r -> {
                    if (out != null && !known.containsKey(r.code())) {
                        out.add(r.code(), r.name(), level, r.parentCode(), Level.countyOf(r.code()));
                    }
                });
                if (scan.refused != null) {
                    status.setRollbackOnly();
                    result[0] = scan.refused;
                    return;
                }
                if (out != null) {
                    out.finish();
                }
                result[0] = write(spec, scan, known, out == null, level);
                written.addAll(scan.rows);
            } finally {
                if (out != null) {
                    out.close();
                }
            }
        });
        if (result[0].applied()) {
            written.forEach(r -> known.put(r.code(), new Stored(r.name(), r.parentCode())));
            log.info("{}: {} rows, {} inserted ({}), {} updated in {} ms", spec.file(), result[0].rows(), result[0].inserted(),
                    copied[0] ? "COPY" : "batched INSERT", result[0].updated(), (System.nanoTime() - t0) / 1_000_000);
        }
        return result[0];
    }

    /** What reading a file found: its good rows (in order), how many lines were read, or why it was refused. */
    private static final class Scan {
        final List<Row> rows = new ArrayList<>();
        long read;
        ImportReport.FileResult refused;
    }

    /** Reads and checks a whole file; every good row is handed to {@code good} as it is read. */
    private Scan scan(Path file, Spec spec, String onlyCounty, Map<String, Stored> known, boolean citiesGiven,
            java.util.function.Consumer<Row> good) {
        Scan scan = new Scan();
        List<ImportReport.RowError> errors = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        long errorCount = 0;
        String name = spec.file();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(reader)) {
            if (spec.parentColumn() != null && !csv.getHeaderMap().containsKey(spec.parentColumn())) {
                scan.refused = refused(name, 0, List.of(new ImportReport.RowError(name, 1, "", "缺少列 / missing column " + spec.parentColumn())));
                return scan;
            }
            for (CSVRecord rec : csv) {
                scan.read++;
                long line = rec.getRecordNumber() + 1; // +1 for the header line
                String code = value(rec, "code");
                String parent = spec.parentColumn() == null ? null : value(rec, spec.parentColumn());
                if (onlyCounty != null && !inCounty(spec.level(), code, onlyCounty)) {
                    continue;
                }
                String reason = check(spec, code, value(rec, "name"), parent, known, citiesGiven);
                if (reason == null && !seen.add(code)) {
                    reason = "代码在文件中重复 / the code appears twice in the file";
                }
                if (reason != null) {
                    if (errorCount++ < ERRORS_KEPT_PER_FILE) {
                        errors.add(new ImportReport.RowError(name, line, code, reason));
                    }
                    continue;
                }
                if (spec.level() == Level.COUNTY && !citiesGiven && !known.containsKey(parent)) {
                    parent = null; // no cities.csv and no stored city: the county is a root of the tree
                }
                Row row = new Row(code, value(rec, "name"), parent);
                scan.rows.add(row);
                if (errorCount == 0) {
                    good.accept(row);
                }
            }
        } catch (DataAccessException e) {
            throw e; // the database refused the COPY: not the file's fault, the transaction rolls back
        } catch (IOException | RuntimeException e) {
            // a malformed CSV (bad quoting, wrong encoding) refuses the whole file
            scan.refused = refused(name, scan.read, List.of(new ImportReport.RowError(name, scan.read + 1, "",
                    "文件无法解析 / unreadable: " + e.getMessage())));
            return scan;
        }
        if (errorCount > 0) {
            log.warn("{}: {} rows refused, file not applied", name, errorCount);
            scan.refused = new ImportReport.FileResult(name, scan.read, 0, 0, 0, false, errorCount, errors);
        }
        return scan;
    }

    /** Inserts (unless already copied) and updates of a checked file, then remembers its rows for the next files. */
    private ImportReport.FileResult write(Spec spec, Scan scan, Map<String, Stored> known, boolean insert, String level) {
        int inserted = 0;
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> batch = new ArrayList<>(BATCH);
        for (Row r : scan.rows) {
            Stored s = known.get(r.code());
            if (s == null) {
                inserted++;
                if (insert) {
                    batch.add(new Object[] {r.code(), r.name(), level, r.parentCode(), Level.countyOf(r.code())});
                    if (batch.size() == BATCH) {
                        insertBatch(batch);
                    }
                }
            } else if (!s.name().equals(r.name()) || !Objects.equals(s.parentCode(), r.parentCode())) {
                updates.add(new Object[] {r.name(), r.parentCode(), r.code()});
            }
        }
        insertBatch(batch);
        for (int i = 0; i < updates.size(); i += BATCH) {
            jdbc.batchUpdate("update divisions set name = ?, parent_code = ? where code = ?",
                    updates.subList(i, Math.min(updates.size(), i + BATCH)));
        }
        return new ImportReport.FileResult(spec.file(), scan.read, inserted, updates.size(),
                scan.rows.size() - inserted - updates.size(), true, 0, List.of());
    }

    private void insertBatch(List<Object[]> batch) {
        if (!batch.isEmpty()) {
            jdbc.batchUpdate("insert into divisions (code, name, level, parent_code, county_code) values (?, ?, ?, ?, ?)", batch);
            batch.clear();
        }
    }

    private static String check(Spec spec, String code, String name, String parent, Map<String, Stored> known,
            boolean citiesGiven) {
        if (Level.ofCode(code).filter(l -> l == spec.level()).isEmpty()) {
            return "代码应为 " + spec.level().codeLength() + " 位数字 / code must have " + spec.level().codeLength() + " digits";
        }
        if (name == null || name.isBlank()) {
            return "名称为空 / name is empty";
        }
        if (name.length() > 120) {
            return "名称过长 / name longer than 120 characters";
        }
        if (spec.parentColumn() == null) {
            return null;
        }
        if (parent == null || parent.isBlank()) {
            return "上级代码为空 / parent code is empty";
        }
        int parentLength = PARENT_LENGTH.get(spec.level());
        if (parent.length() != parentLength) {
            return "上级代码应为 " + parentLength + " 位 / the parent code must have " + parentLength + " digits";
        }
        if (!code.startsWith(parent)) {
            return "代码 " + code + " 不在上级 " + parent + " 之下 / code does not nest in its parent's";
        }
        boolean countyWithoutCities = spec.level() == Level.COUNTY && !citiesGiven;
        if (!countyWithoutCities && !known.containsKey(parent)) {
            return "上级 " + parent + " 不存在 / unknown parent";
        }
        return null;
    }

    private static boolean inCounty(Level level, String code, String county) {
        return switch (level) {
            case PROVINCE -> county.startsWith(code == null ? "-" : code) && code.length() == 2;
            case CITY -> code != null && county.startsWith(code) && code.length() == 4;
            default -> code != null && code.startsWith(county);
        };
    }

    private static String value(CSVRecord rec, String column) {
        return rec.isMapped(column) && rec.isSet(column) ? rec.get(column) : null;
    }

    private static ImportReport.FileResult refused(String name, long read, List<ImportReport.RowError> errors) {
        return new ImportReport.FileResult(name, read, 0, 0, 0, false, errors.size(), errors);
    }
}
