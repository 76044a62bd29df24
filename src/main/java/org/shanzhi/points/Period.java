package org.shanzhi.points;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.TimeConfig;

/**
 * A month, a quarter or a year, with its own first and last day in Asia/Shanghai. Written as {@code 2026-03},
 * {@code 2026-Q1} or {@code 2026}; month keys ({@code yyyy-MM}) sort as text, so a period is a range of them.
 */
public record Period(Kind kind, int year, int index) implements Comparable<Period> {

    public enum Kind {
        MONTH, QUARTER, YEAR
    }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final String[] QUARTER_NAMES = {"", "第一季度", "第二季度", "第三季度", "第四季度"};

    public Period {
        if (year < 1900 || year > 9999 || (kind == Kind.MONTH && (index < 1 || index > 12))
                || (kind == Kind.QUARTER && (index < 1 || index > 4)) || (kind == Kind.YEAR && index != 0)) {
            throw new IllegalArgumentException("bad period " + kind + " " + year + " " + index);
        }
    }

    public static Period month(YearMonth m) {
        return new Period(Kind.MONTH, m.getYear(), m.getMonthValue());
    }

    public static Period quarter(int year, int quarter) {
        return new Period(Kind.QUARTER, year, quarter);
    }

    public static Period year(int year) {
        return new Period(Kind.YEAR, year, 0);
    }

    /** The period of this kind that holds the day. */
    public static Period containing(LocalDate day, Kind kind) {
        return switch (kind) {
            case MONTH -> month(YearMonth.from(day));
            case QUARTER -> quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
            case YEAR -> year(day.getYear());
        };
    }

    /** The period of this kind that holds today, in Asia/Shanghai, by the injected clock. */
    public static Period current(Clock clock, Kind kind) {
        return containing(LocalDate.now(clock.withZone(TimeConfig.ZONE)), kind);
    }

    /** Parses {@code 2026-03}, {@code 2026-Q1} or {@code 2026}; a malformed key is a named 400. */
    public static Period parse(String key, String field) {
        if (key != null) {
            String k = key.trim().toUpperCase();
            try {
                Matcher m = MONTH.matcher(k);
                if (m.matches()) {
                    return new Period(Kind.MONTH, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                }
                m = QUARTER.matcher(k);
                if (m.matches()) {
                    return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                }
                m = YEAR.matcher(k);
                if (m.matches()) {
                    return year(Integer.parseInt(m.group(1)));
                }
            } catch (IllegalArgumentException e) {
                // falls through to the named error
            }
        }
        throw new InvalidInputException(field, "期间格式应为 2026-03、2026-Q1 或 2026 / period must look like 2026-03, 2026-Q1 or 2026");
    }

    public LocalDate firstDay() {
        return switch (kind) {
            case MONTH -> LocalDate.of(year, index, 1);
            case QUARTER -> LocalDate.of(year, (index - 1) * 3 + 1, 1);
            case YEAR -> LocalDate.of(year, 1, 1);
        };
    }

    public LocalDate lastDay() {
        return switch (kind) {
            case MONTH -> YearMonth.of(year, index).atEndOfMonth();
            case QUARTER -> YearMonth.of(year, index * 3).atEndOfMonth();
            case YEAR -> LocalDate.of(year, 12, 31);
        };
    }

    /** The first instant of the period (local time in Asia/Shanghai). */
    public LocalDateTime start() {
        return firstDay().atStartOfDay();
    }

    /** The first instant after the period. */
    public LocalDateTime end() {
        return lastDay().plusDays(1).atStartOfDay();
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(firstDay()) && !day.isAfter(lastDay());
    }

    public String firstMonthKey() {
        return YearMonth.from(firstDay()).toString();
    }

    public String lastMonthKey() {
        return YearMonth.from(lastDay()).toString();
    }

    public String key() {
        return switch (kind) {
            case MONTH -> String.format("%04d-%02d", year, index);
            case QUARTER -> year + "-Q" + index;
            case YEAR -> String.valueOf(year);
        };
    }

    /** 2026年3月, 2026年第一季度, 2026年度. */
    public String label() {
        return switch (kind) {
            case MONTH -> year + "年" + index + "月";
            case QUARTER -> year + "年" + QUARTER_NAMES[index];
            case YEAR -> year + "年度";
        };
    }

    public Period previous() {
        return switch (kind) {
            case MONTH -> month(YearMonth.of(year, index).minusMonths(1));
            case QUARTER -> index == 1 ? quarter(year - 1, 4) : quarter(year, index - 1);
            case YEAR -> year(year - 1);
        };
    }

    @Override
    public int compareTo(Period o) {
        int c = firstDay().compareTo(o.firstDay());
        return c != 0 ? c : lastDay().compareTo(o.lastDay());
    }

    @Override
    public String toString() {
        return key();
    }
}
