package org.shanzhi.deliberation.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;

/** Collects field errors of one command, so a request learns all its mistakes at once (400 naming each field). */
public final class Check {

    /** numeric(14,2) holds at most this many yuan. */
    public static final BigDecimal MAX_YUAN = new BigDecimal("999999999999.99");

    private final List<FieldError> errors = new ArrayList<>();

    public String text(String field, String value, int max, boolean required) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                add(field, "必填 / required");
            }
            return null;
        }
        if (v.length() > max) {
            add(field, "最多 " + max + " 字 / at most " + max + " characters");
            return null;
        }
        if (v.indexOf('\u0000') >= 0) {
            // PostgreSQL refuses NUL in text: a user's mistake, not a 500
            add(field, "含有不允许的字符 / contains a character that is not allowed");
            return null;
        }
        return v;
    }

    public Integer count(String field, Integer value, int min, int max, boolean required) {
        if (value == null) {
            if (required) {
                add(field, "必填 / required");
            }
            return null;
        }
        if (value < min || value > max) {
            add(field, "应在 " + min + " 到 " + max + " 之间 / must be " + min + ".." + max);
            return null;
        }
        return value;
    }

    /** Yuan: not negative, at most two decimals, within the column. */
    public BigDecimal yuan(String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                add(field, "必填 / required");
            }
            return null;
        }
        if (value.signum() < 0 || value.compareTo(MAX_YUAN) > 0 || value.stripTrailingZeros().scale() > 2) {
            add(field, "金额应为 0 到 999999999999.99 元,最多两位小数 / yuan must be 0..999999999999.99 with at most 2 decimals");
            return null;
        }
        return value.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    public <E extends Enum<E>> E choice(String field, String value, Class<E> type, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "必填 / required");
            }
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value.strip())) {
                return e;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : "/").append(e.name());
        }
        add(field, "应为 " + names + " / must be one of " + names);
        return null;
    }

    public Check add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void done() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
