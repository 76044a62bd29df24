package org.shanzhi.deliberation;

import java.time.LocalDateTime;

/** 实施结果公开: the implementation result of a resolved matter was made public (a public notice). */
public record ResultPublished(String countyCode, String villageCode, long matterId, String title, String text,
        LocalDateTime publishedAt) {
}
