package org.shanzhi.deliberation;

import java.time.LocalDateTime;

/** A meeting: noticed {@code noticeDays} or more ahead, then held with its attendance and minutes. */
public record Meeting(long id, String countyCode, String villageCode, MeetingKind kind, String kindLabel, String title,
        String agenda, String place, LocalDateTime startsAt, LocalDateTime noticedAt, int noticeDays, Long bodyId,
        Long matterId, String state, Integer expected, Integer present, String attendees, String minutes,
        LocalDateTime recordedAt) {
}
