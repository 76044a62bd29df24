package org.shanzhi.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 3);

    @ParameterizedTest
    @CsvSource({
            // the GB 11643 example number and numbers computed by hand
            "11010519491231002X, 1949-12-31",
            "110101199003074477, 1990-03-07",
            "469030200001010015, 2000-01-01"})
    void acceptsValidNumbersWithTheirBirthDate(String id, LocalDate born) {
        assertThat(IdNumber.checkChar(id.substring(0, 17))).isEqualTo(id.charAt(17));
        assertThat(IdNumber.problem(id, born, TODAY)).isNull();
        assertThat(IdNumber.problem(id, null, TODAY)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "11010519491231002, , 身份证号应为 18 位",
            "11010519491231002X1, , 身份证号应为 18 位",
            "110105194912310021, , 身份证号校验位错误",
            "11010519491231002x, , 身份证号末位应为数字或大写 X",
            "1101051949123100AX, , 身份证号前 17 位应为数字",
            "110105194902300021, , 身份证号中的出生日期不是真实日期",
            "110105203001010021, , 身份证号中的出生日期不合理",
            "11010519491231002X, 1950-01-01, 出生日期与身份证号不符"})
    void refusesInvalidNumbersWithAReason(String id, LocalDate born, String reason) {
        assertThat(IdNumber.problem(id, born, TODAY)).isEqualTo(reason);
    }

    @Test
    void buildsNumbersThatValidate() {
        String id = IdNumber.of("469030", LocalDate.of(1985, 2, 28), 123);
        assertThat(id).hasSize(18).startsWith("46903019850228123");
        assertThat(IdNumber.problem(id, LocalDate.of(1985, 2, 28), TODAY)).isNull();
        assertThat(IdNumber.gender(id)).isEqualTo('M');
    }

    @Test
    void pinyinInitialsServeSearch() {
        assertThat(Pinyin.initials("张三")).isEqualTo("zs");
        assertThat(Pinyin.initials("王小明")).isEqualTo("wxm");
    }
}
