package org.shanzhi.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A list exported to .xlsx: one sheet, a bold header row of Chinese column names, then one row per item, written
 * through POI's streaming workbook (SXSSF: only a window of rows stays in memory, the rest goes to a temporary
 * file). Lists feed it page by page with the same filters as their page ({@link #pages}); personal data must
 * arrive masked, as the page shows it.
 */
public final class XlsxExport implements AutoCloseable {

    public static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    /** The most rows one export writes (a county's households fit; more is a sign of a missing filter). */
    public static final int MAX_ROWS = 200_000;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);
    private final SXSSFSheet sheet;
    private final int columns;
    private int next;

    public XlsxExport(String sheetName, List<String> headers) {
        sheet = workbook.createSheet(sheetName);
        columns = headers.size();
        Font bold = workbook.createFont();
        bold.setBold(true);
        CellStyle head = workbook.createCellStyle();
        head.setFont(bold);
        Row r = sheet.createRow(next++);
        for (int i = 0; i < headers.size(); i++) {
            r.createCell(i).setCellValue(headers.get(i));
            r.getCell(i).setCellStyle(head);
            sheet.setColumnWidth(i, Math.min(60, Math.max(10, headers.get(i).length() * 3 + 4)) * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    /** Appends one row; numbers stay numbers, dates are written as text (yyyy-MM-dd), null is an empty cell. */
    public XlsxExport row(Object... values) {
        if (next > MAX_ROWS) {
            return this;
        }
        Row r = sheet.createRow(next++);
        for (int i = 0; i < Math.min(values.length, columns); i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            if (v instanceof Number n && !(v instanceof java.math.BigDecimal)) {
                r.createCell(i).setCellValue(n.doubleValue());
            } else if (v instanceof java.math.BigDecimal d) {
                r.createCell(i).setCellValue(d.doubleValue());
            } else if (v instanceof LocalDateTime t) {
                r.createCell(i).setCellValue(t.format(DATE_TIME));
            } else if (v instanceof LocalDate d) {
                r.createCell(i).setCellValue(d.toString());
            } else {
                r.createCell(i).setCellValue(String.valueOf(v));
            }
        }
        return this;
    }

    /** Rows written so far, not counting the header. */
    public int rows() {
        return next - 1;
    }

    /**
     * Feeds every page of a paged list to {@code each} (a page at a time, so a page can look up what its rows need), page 0 first, until a page comes back short or the row
     * limit is reached: the list's own query with its own filters, never all rows at once.
     */
    public <T> XlsxExport pages(IntFunction<Page<T>> page, java.util.function.Consumer<List<T>> each) {
        for (int p = 0; next <= MAX_ROWS; p++) {
            Page<T> items = page.apply(p);
            each.accept(items.items());
            if (items.items().isEmpty() || (long) (p + 1) * items.size() >= items.total()) {
                break;
            }
        }
        return this;
    }

    public byte[] toBytes() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            close();
        }
    }

    /** The workbook as a download named {@code filename} (Chinese names are sent RFC 5987-encoded). */
    public ResponseEntity<byte[]> download(String filename) {
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .body(toBytes());
    }

    @Override
    public void close() {
        workbook.dispose();
        try {
            workbook.close();
        } catch (IOException ignored) {
            // temporary files are already removed by dispose()
        }
    }
}
