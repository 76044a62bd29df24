package org.shanzhi.activities;

import java.time.LocalDateTime;

/** A person's sign-up: SIGNED (has a place), WAITING (on the waiting list, in order of signing), WITHDRAWN. */
public record Signup(long id, long activityId, long personId, long householdId, String personName, String status,
        LocalDateTime signedAt) {

    public static final String SIGNED = "SIGNED";
    public static final String WAITING = "WAITING";
    public static final String WITHDRAWN = "WITHDRAWN";
}
