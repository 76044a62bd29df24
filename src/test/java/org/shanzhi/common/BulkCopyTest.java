package org.shanzhi.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class BulkCopyTest {

    @Test
    void rowsAreWrittenInCopyTextFormatWithEveryControlCharacterEscaped() {
        StringBuilder out = new StringBuilder();
        BulkCopy.encode(out, 42L, null, "a\\b\tc\nd\re", "\\N", LocalDate.of(1935, 1, 8), LocalDateTime.of(2026, 3, 3, 9, 0), true, "什统村");
        assertThat(out.toString()).isEqualTo("42\t\\N\ta\\\\b\\tc\\nd\\re\t\\\\N\t1935-01-08\t2026-03-03 09:00:00.000000\tt\t什统村\n");
    }
}
