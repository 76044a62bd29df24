package org.shanzhi.territory;

/** One node of the territory, as the API returns it. */
public record Division(String code, String name, Level level, String parentCode, long childCount) {

    /** Whether {@code code} is this node or lies beneath it: codes nest by prefix. */
    public boolean covers(String code) {
        return code != null && code.startsWith(this.code);
    }
}
