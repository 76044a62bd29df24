package org.shanzhi.deliberation;

import java.time.LocalDateTime;

/** 决议公开: a matter's resolution was made public; the disclosure module turns it into a public notice. */
public record ResolutionPublished(String countyCode, String villageCode, long matterId, String title, String text,
        LocalDateTime publishedAt) {
}
