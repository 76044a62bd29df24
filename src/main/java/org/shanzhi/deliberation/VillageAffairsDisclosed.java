package org.shanzhi.deliberation;

import java.time.LocalDateTime;

/** 村务公开: a village disclosed its party affairs, village affairs or finance for a month (a public notice). */
public record VillageAffairsDisclosed(String countyCode, String villageCode, long disclosureId, String category,
        String period, String title, String text, LocalDateTime publishedAt) {
}
