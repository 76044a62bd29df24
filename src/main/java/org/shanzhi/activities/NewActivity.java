package org.shanzhi.activities;

import java.time.LocalDateTime;

/**
 * Command: post an activity.
 *
 * @param organiserKind CADRE, PARTY_BRANCH or VOLUNTEER_TEAM
 * @param kind          VOLUNTEER (志愿服务), CLEAN_UP (清洁日), TRAINING (培训), MEETING (会议)
 * @param hours         volunteer hours credited to each confirmed attendee (only for volunteer work and clean-up days)
 */
public record NewActivity(String villageCode, String organiserKind, String organiserName, String kind, String title, String place,
        LocalDateTime startsAt, LocalDateTime endsAt, Integer places, Integer hours) {
}
