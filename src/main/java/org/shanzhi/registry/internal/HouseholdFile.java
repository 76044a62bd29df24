package org.shanzhi.registry.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads a household/person sheet (CSV or .xlsx) into rows of named cells. One row per person; rows with
 * the same 户编号 form one household. Headers are Chinese (the template cadres fill in) or English.
 */
public final class HouseholdFile {

    /** Column key → Chinese header, in template order. */
    public static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("number", "户编号");
        COLUMNS.put("villageCode", "行政村代码");
        COLUMNS.put("groupCode", "村民小组代码");
        COLUMNS.put("address", "地址");
        COLUMNS.put("householdPhone", "户联系电话");
        COLUMNS.put("householdTags", "户标签");
        COLUMNS.put("name", "姓名");
        COLUMNS.put("gender", "性别");
        COLUMNS.put("birthDate", "出生日期");
        COLUMNS.put("idNumber", "身份证号");
        COLUMNS.put("phone", "手机号");
        COLUMNS.put("relation", "与户主关系");
        COLUMNS.put("tags", "人员标签");
    }

    public static final int MAX_CELL = 500;

    /** A data row: its 1-based row number in the file (header = row 1) and cells by column key. */
    public record Line(long row, Map<String, String> cells) {
        public String get(String key) {
            String v = cells.get(key);
            return v == null || v.isBlank() ? null : v.trim();
        }
    }

    /** A file that cannot be read at all (broken zip, no header) is one error on row 0. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message);
        }
    }

    private HouseholdFile() {
    }

    /** Receives the data lines of a file one at a time. */
    public interface LineHandler {
        void accept(Line line);
    }

    /**
     * Streams a file's data lines (CSV line by line, so a province-sized file fits in memory; .xlsx is
     * loaded whole by POI, so its size is bounded by the upload limit).
     */
    public static void forEach(String filename, java.nio.file.Path file, LineHandler handler) throws Unreadable {
        String name = filename == null ? "" : filename.toLowerCase();
        String unreadable = "文件无法读取: " + (name.endsWith(".xlsx") ? "不是有效的 .xlsx 文件" : "CSV 格式错误");
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            if (name.endsWith(".xlsx")) {
                List<Line> lines;
                try {
                    lines = readXlsx(in);
                } catch (RuntimeException broken) {
                    throw new Unreadable(unreadable); // POI signals a broken workbook with many runtime exceptions
                }
                lines.forEach(handler::accept);
            } else {
                streamCsv(in, handler, unreadable);
            }
        } catch (IOException e) {
            throw new Unreadable(unreadable);
        }
    }

    private static void streamCsv(InputStream in, LineHandler handler, String unreadable) throws IOException, Unreadable {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        try (CSVParser csv = CSVFormat.DEFAULT.builder().get().parse(reader)) {
            java.util.Iterator<CSVRecord> records = csv.iterator();
            Map<Integer, String> keys = null;
            while (true) {
                CSVRecord rec;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    rec = records.next();
                } catch (RuntimeException broken) {
                    throw new Unreadable(unreadable + "(第 " + (csv.getRecordNumber() + 1) + " 行附近)");
                }
                List<String> values = rec.toList();
                if (keys == null) {
                    keys = headerKeys(values);
                    continue;
                }
                if (values.stream().allMatch(v -> v == null || v.isBlank())) {
                    continue;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (var k : keys.entrySet()) {
                    cells.put(k.getValue(), k.getKey() < values.size() ? values.get(k.getKey()) : null);
                }
                handler.accept(new Line(rec.getRecordNumber(), cells));
            }
            if (keys == null) {
                throw new Unreadable("文件为空");
            }
        }
    }

    private static Map<Integer, String> headerKeys(List<String> headers) throws Unreadable {
        Map<Integer, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String h = headers.get(i) == null ? "" : headers.get(i).trim().replace("\uFEFF", "");
            for (var e : COLUMNS.entrySet()) {
                if (e.getValue().equals(h) || e.getKey().equalsIgnoreCase(h)) {
                    keys.put(i, e.getKey());
                }
            }
        }
        for (String required : List.of("number", "villageCode", "name", "idNumber", "relation")) {
            if (!keys.containsValue(required)) {
                throw new Unreadable("缺少列: " + COLUMNS.get(required));
            }
        }
        return keys;
    }

    private static List<Line> readXlsx(InputStream in) throws IOException, Unreadable {
        try (Workbook wb = WorkbookFactory.create(in)) {
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter fmt = new DataFormatter();
            List<Line> lines = new ArrayList<>();
            Map<Integer, String> keys = null;
            for (Row row : sheet) {
                List<String> values = new ArrayList<>();
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    Cell cell = row.getCell(c);
                    values.add(cell == null ? null : cellText(cell, fmt));
                }
                if (keys == null) {
                    keys = headerKeys(values);
                    continue;
                }
                if (values.stream().allMatch(v -> v == null || v.isBlank())) {
                    continue;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (var k : keys.entrySet()) {
                    cells.put(k.getValue(), k.getKey() < values.size() ? values.get(k.getKey()) : null);
                }
                lines.add(new Line(row.getRowNum() + 1L, cells));
            }
            if (keys == null) {
                throw new Unreadable("工作表为空");
            }
            return lines;
        }
    }

    private static String cellText(Cell cell, DataFormatter fmt) {
        if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        return fmt.formatCellValue(cell);
    }
}
