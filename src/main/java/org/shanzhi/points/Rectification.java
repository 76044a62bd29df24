package org.shanzhi.points;

import java.time.LocalDateTime;

/**
 * A rectification notice (整改告知书) given with a deduction: rectified before {@code deadline} the deduction is
 * waived (平湖: 责定两周内完成整改可免除减分); after it, the deduction applies.
 *
 * @param status OPEN, WAIVED (rectified in time), APPLIED (late or not rectified) or CANCELLED (event rejected)
 */
public record Rectification(long id, long eventId, String villageCode, Long householdId, String subjectLabel, String itemName,
        long points, LocalDateTime issuedAt, LocalDateTime deadline, String status, LocalDateTime closedAt, String closedByName,
        String note) {
}
