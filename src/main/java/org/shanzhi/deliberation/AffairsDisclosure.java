package org.shanzhi.deliberation;

import java.time.LocalDateTime;

/** One month's 村务公开 of a village in one category (党务 / 村务 / 财务). */
public record AffairsDisclosure(long id, String countyCode, String villageCode, String category, String categoryLabel, String period,
        String title, String text, String createdByName, LocalDateTime publishedAt, String noticeRef) {
}
