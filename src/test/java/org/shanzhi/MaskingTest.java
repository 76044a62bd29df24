package org.shanzhi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shanzhi.common.Masking;

class MaskingTest {

    @Test
    void idNumbersShowOnlyTheAreaPrefixAndLastFour() {
        assertThat(Masking.idNumber("469030199001011234")).isEqualTo("4690**********1234");
    }

    @Test
    void phonesShowOnlyThePrefixAndLastFour() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.phone(null)).isNull();
    }
}
