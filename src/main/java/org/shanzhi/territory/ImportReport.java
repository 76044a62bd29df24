package org.shanzhi.territory;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import of division files did: per file, rows read, inserted, updated, unchanged, and every
 * refused row with its file and line. A file with any refused row is not applied at all.
 */
public record ImportReport(List<FileResult> files) {

    public record RowError(String file, long line, String code, String reason) {
    }

    public record FileResult(String file, long rows, int inserted, int updated, int unchanged, boolean applied,
            long errorCount, List<RowError> errors) {
    }

    public boolean ok() {
        return files.stream().allMatch(FileResult::applied);
    }

    public int inserted() {
        return files.stream().mapToInt(FileResult::inserted).sum();
    }

    public int updated() {
        return files.stream().mapToInt(FileResult::updated).sum();
    }

    public List<RowError> errors() {
        List<RowError> all = new ArrayList<>();
        files.forEach(f -> all.addAll(f.errors()));
        return all;
    }
}
