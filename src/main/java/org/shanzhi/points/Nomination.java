package org.shanzhi.points;

import java.time.LocalDateTime;

/**
 * A household nominated for a reward of a year: VOUCHER (积分券) or CIVILISED (新时代文明户), each under its quota
 * (金寨: vouchers to at most 60% of the village's households, 文明户 at most 20% of the participants).
 */
public record Nomination(long id, String villageCode, int year, String kind, long householdId, String label, String reason,
        String nominatedByName, LocalDateTime createdAt) {
}
