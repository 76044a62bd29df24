package org.shanzhi.activities;

/**
 * The organiser confirmed that a person attended an activity; {@code hours} are the volunteer hours credited
 * (0 for an activity that is not volunteer work). Published once per activity and person.
 */
public record AttendanceConfirmed(String countyCode, String villageCode, long householdId, long personId, long activityId,
        String activityKind, String activityTitle, java.time.LocalDate heldOn, int hours) {
}
