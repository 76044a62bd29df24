package org.shanzhi.monitoring.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an assessment-form file (CSV, UTF-8, comma separated, double quotes around fields that hold a comma,
 * a quote or a line break). Returns the rows as lists of trimmed cells with their 1-based line numbers.
 */
public final class AssessmentCsv {

    /** One record of the file: the line it starts on and its cells. */
    public record Row(long line, List<String> cells) {
    }

    /** Thrown when the bytes are not UTF-8 text or a quote is left open. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message);
        }
    }

    private AssessmentCsv() {
    }

    public static List<Row> read(byte[] bytes) throws Unreadable {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("文件不是 UTF-8 编码的 CSV / the file is not UTF-8 CSV");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        long line = 1;
        long rowStart = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString().trim());
                cell.setLength(0);
                add(rows, rowStart, cells);
                cells = new ArrayList<>();
                line++;
                rowStart = line;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new Unreadable("第 " + rowStart + " 行引号未闭合 / line " + rowStart + ": a quote is not closed");
        }
        cells.add(cell.toString().trim());
        add(rows, rowStart, cells);
        return rows;
    }

    private static void add(List<Row> rows, long line, List<String> cells) {
        if (cells.stream().anyMatch(s -> !s.isEmpty())) {
            rows.add(new Row(line, List.copyOf(cells)));
        }
    }
}
