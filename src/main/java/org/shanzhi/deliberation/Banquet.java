package org.shanzhi.deliberation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** A 红白喜事 registered in advance, with every village-rule cap it passes. */
public record Banquet(long id, String countyCode, String villageCode, long householdId, CapKey.BanquetKind kind, String kindLabel,
        String hostName, LocalDate startsOn, int days, int tables, int dishes, BigDecimal costPerTable, BigDecimal giftRelative,
        BigDecimal giftOther, String note, List<Flag> flags, String registeredByName, LocalDateTime registeredAt) {

    /** A cap passed: the registered value, the limit and the rule that sets it. */
    public record Flag(CapKey key, String label, BigDecimal limit, BigDecimal actual, String article) {
    }
}
