package org.shanzhi.activities;

import java.time.LocalDateTime;

/**
 * An activity villagers sign up for. {@code checkinToken} is what its QR code carries; it is shown only to whoever may
 * organise it (null otherwise).
 */
public record Activity(long id, String countyCode, String villageCode, String organiserKind, String organiserName, String kind,
        String title, String place, LocalDateTime startsAt, LocalDateTime endsAt, int places, int taken, int hours,
        String checkinToken, String status, LocalDateTime confirmedAt) {

    public static final String OPEN = "OPEN";
    public static final String CONFIRMED = "CONFIRMED";

    public int free() {
        return Math.max(0, places - taken);
    }
}
