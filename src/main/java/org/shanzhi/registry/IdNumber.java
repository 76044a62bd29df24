package org.shanzhi.registry;

import java.time.DateTimeException;
import java.time.LocalDate;

/** 居民身份证号 (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check. */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private IdNumber() {
    }

    /** The check character for the first 17 digits. */
    public static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** The birth date written in the number, if it is a real date. */
    public static LocalDate birthDate(String id) {
        try {
            return LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** 'M' or 'F' from the sequence digit (odd: male). */
    public static char gender(String id) {
        return (id.charAt(16) - '0') % 2 == 1 ? 'M' : 'F';
    }

    /**
     * Why this number is not valid (in Chinese), or null when it is. The birth date, when given, must
     * match the number's; {@code today} bounds the date from above.
     */
    public static String problem(String id, LocalDate birthDate, LocalDate today) {
        if (id == null || id.isBlank()) {
            return "身份证号必填";
        }
        if (id.length() != 18) {
            return "身份证号应为 18 位";
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(id.charAt(i)) || id.charAt(i) > '9') {
                return "身份证号前 17 位应为数字";
            }
        }
        char last = id.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return "身份证号末位应为数字或大写 X";
        }
        LocalDate born = birthDate(id);
        if (born == null) {
            return "身份证号中的出生日期不是真实日期";
        }
        if (born.isAfter(today) || born.getYear() < 1880) {
            return "身份证号中的出生日期不合理";
        }
        if (checkChar(id.substring(0, 17)) != last) {
            return "身份证号校验位错误";
        }
        if (birthDate != null && !birthDate.equals(born)) {
            return "出生日期与身份证号不符";
        }
        return null;
    }

    /** A valid number from its parts (for demo data and tests): area + birth + 3-digit sequence + check. */
    public static String of(String area6, LocalDate born, int sequence) {
        String first17 = area6 + String.format("%04d%02d%02d%03d", born.getYear(), born.getMonthValue(),
                born.getDayOfMonth(), sequence);
        return first17 + checkChar(first17);
    }
}
