package org.shanzhi.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.support.MutableClock;

class PeriodTest {

    @Test
    void monthsQuartersAndYearsHaveTheirOwnDays() {
        Period q1 = Period.parse("2026-Q1", "period");
        assertThat(q1.firstDay()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(q1.lastDay()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(q1.firstMonthKey()).isEqualTo("2026-01");
        assertThat(q1.lastMonthKey()).isEqualTo("2026-03");
        assertThat(q1.label()).isEqualTo("2026年第一季度");
        assertThat(Period.parse("2024-02", "p").lastDay()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(Period.parse("2026", "p").end()).isEqualTo(LocalDate.of(2027, 1, 1).atStartOfDay());
        assertThat(Period.parse("2026-01", "p").previous().key()).isEqualTo("2025-12");
        assertThat(Period.quarter(2026, 1).previous().key()).isEqualTo("2025-Q4");
        assertThat(Period.containing(LocalDate.of(2026, 8, 15), Period.Kind.QUARTER).key()).isEqualTo("2026-Q3");
        assertThat(q1.contains(LocalDate.of(2026, 3, 31))).isTrue();
        assertThat(q1.contains(LocalDate.of(2026, 4, 1))).isFalse();
    }

    @Test
    void theCurrentPeriodIsTakenInShanghaiTime() {
        // 2026-03-31 17:00 UTC is already 2026-04-01 01:00 in Asia/Shanghai
        MutableClock clock = new MutableClock(Instant.parse("2026-03-31T17:00:00Z"), TimeConfig.ZONE);
        assertThat(Period.current(clock, Period.Kind.MONTH).key()).isEqualTo("2026-04");
        assertThat(Period.current(clock.withZone(java.time.ZoneOffset.UTC), Period.Kind.QUARTER).key()).isEqualTo("2026-Q2");
    }

    @Test
    void aMalformedPeriodIsANamedError() {
        for (String bad : new String[] {"2026-13", "2026-Q5", "26-01", "march", ""}) {
            assertThatThrownBy(() -> Period.parse(bad, "period")).isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).errors().get(0).field()).isEqualTo("period"));
        }
    }
}
