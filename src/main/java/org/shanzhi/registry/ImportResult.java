package org.shanzhi.registry;

import java.util.List;

/**
 * The outcome of a household/person file import: either everything was imported, or nothing was and
 * every bad row is listed with its row number, column and reason (in Chinese).
 */
public record ImportResult(boolean imported, int households, int persons, List<RowError> errors) {

    public record RowError(long row, String column, String reason) {
    }
}
