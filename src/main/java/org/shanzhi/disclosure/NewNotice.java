package org.shanzhi.disclosure;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Command: publish a notice for a village.
 *
 * @param kind        what sort of notice (e.g. {@code POINTS}, {@code VILLAGE_AFFAIRS})
 * @param sourceType  which module's thing it is about, echoed in {@link NoticeClosed} (e.g. {@code points.period})
 * @param windowDays  days open to objection; null means the default of 7
 * @param publishedAt null means now; only the system may date a notice back (demo history, migrations)
 */
public record NewNotice(String villageCode, String kind, String sourceType, String sourceId, String title, String body,
        Integer windowDays, LocalDateTime publishedAt, List<NoticeItem> items) {

    public NewNotice(String villageCode, String kind, String sourceType, String sourceId, String title, String body,
            Integer windowDays, List<NoticeItem> items) {
        this(villageCode, kind, sourceType, sourceId, title, body, windowDays, null, items);
    }
}
