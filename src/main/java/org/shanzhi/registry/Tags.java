package org.shanzhi.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The tags a county uses on persons and households; free tags are refused so that filters stay exact. */
public final class Tags {

    /** 党员, 低保, 特困, 残疾, 监测对象, 留守老人, 留守儿童, 外出务工 ... */
    public static final Set<String> KNOWN = Set.of("党员", "低保", "特困", "残疾", "监测对象", "留守老人", "留守儿童",
            "外出务工", "退役军人", "独居老人", "脱贫户", "五保", "村干部", "志愿者", "未成年人");

    private Tags() {
    }

    public static String join(List<String> tags) {
        return tags == null ? "" : String.join(",", tags.stream().filter(java.util.Objects::nonNull).map(String::trim).distinct().toList());
    }

    public static List<String> split(String tags) {
        return tags == null || tags.isBlank() ? List.of() : Arrays.asList(tags.split(","));
    }

    /** The first unknown tag, or null. */
    public static String unknown(List<String> tags) {
        return tags == null ? null : tags.stream().map(t -> t == null ? "null" : t.trim()).filter(t -> !KNOWN.contains(t)).findFirst().orElse(null);
    }
}
