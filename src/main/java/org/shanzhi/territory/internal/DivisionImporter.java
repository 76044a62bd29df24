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
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.territory.ImportReport;
import org.shanzhi.territory.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    DivisionImporter(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
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
        List<Row> rows = new ArrayList<>();
        List<ImportReport.RowError> errors = new ArrayList<>();
        long errorCount = 0;
        long read = 0;
        String name = spec.file();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(reader)) {
            if (spec.parentColumn() != null && !csv.getHeaderMap().containsKey(spec.parentColumn())) {
                return refused(name, 0, List.of(new ImportReport.RowError(name, 1, "", "缺少列 / missing column " + spec.parentColumn())));
            }
            for (CSVRecord rec : csv) {
                read++;
                long line = rec.getRecordNumber() + 1; // +1 for the header line
                String code = value(rec, "code");
                String parent = spec.parentColumn() == null ? null : value(rec, spec.parentColumn());
                if (onlyCounty != null && !inCounty(spec.level(), code, onlyCounty)) {
                    continue;
                }
                String reason = check(spec, code, value(rec, "name"), parent, known, citiesGiven);
                if (reason != null) {
                    if (errorCount++ < ERRORS_KEPT_PER_FILE) {
                        errors.add(new ImportReport.RowError(name, line, code, reason));
                    }
                    continue;
                }
                if (spec.level() == Level.COUNTY && !citiesGiven && !known.containsKey(parent)) {
                    parent = null; // no cities.csv and no stored city: the county is a root of the tree
                }
                rows.add(new Row(code, value(rec, "name"), parent));
            }
        } catch (IOException | RuntimeException e) {
            // a malformed CSV (bad quoting, wrong encoding) refuses the whole file
            return refused(name, read, List.of(new ImportReport.RowError(name, read + 1, "", "文件无法解析 / unreadable: " + e.getMessage())));
        }
        if (errorCount > 0) {
            log.warn("{}: {} rows refused, file not applied", name, errorCount);
            return new ImportReport.FileResult(name, read, 0, 0, 0, false, errorCount, errors);
        }
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (Row r : rows) {
            Stored s = known.get(r.code());
            if (s == null) {
                inserts.add(new Object[] {r.code(), r.name(), spec.level().name(), r.parentCode(), Level.countyOf(r.code())});
            } else if (!s.name().equals(r.name()) || !Objects.equals(s.parentCode(), r.parentCode())) {
                updates.add(new Object[] {r.name(), r.parentCode(), r.code()});
            }
        }
        tx.executeWithoutResult(status -> {
            for (int i = 0; i < inserts.size(); i += BATCH) {
                jdbc.batchUpdate("insert into divisions (code, name, level, parent_code, county_code) values (?, ?, ?, ?, ?)",
                        inserts.subList(i, Math.min(inserts.size(), i + BATCH)));
            }
            for (int i = 0; i < updates.size(); i += BATCH) {
                jdbc.batchUpdate("update divisions set name = ?, parent_code = ? where code = ?",
                        updates.subList(i, Math.min(updates.size(), i + BATCH)));
            }
        });
        rows.forEach(r -> known.put(r.code(), new Stored(r.name(), r.parentCode())));
        log.info("{}: {} rows, {} inserted, {} updated", name, read, inserts.size(), updates.size());
        return new ImportReport.FileResult(name, read, inserts.size(), updates.size(),
                rows.size() - inserts.size() - updates.size(), true, 0, List.of());
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
