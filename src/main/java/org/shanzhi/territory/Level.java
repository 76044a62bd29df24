package org.shanzhi.territory;

import java.util.Arrays;
import java.util.Optional;

/** A level of the territory, told by the length of its national division code. */
public enum Level {
    PROVINCE(2), CITY(4), COUNTY(6), TOWNSHIP(9), VILLAGE(12), GROUP(15);

    private final int codeLength;

    Level(int codeLength) {
        this.codeLength = codeLength;
    }

    public int codeLength() {
        return codeLength;
    }

    public static Optional<Level> ofCode(String code) {
        if (code == null || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(l -> l.codeLength == code.length()).findFirst();
    }

    /** The county a code of county level or below belongs to; null above the county. */
    public static String countyOf(String code) {
        return code != null && code.length() >= 6 ? code.substring(0, 6) : null;
    }
}
