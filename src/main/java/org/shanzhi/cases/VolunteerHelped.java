package org.shanzhi.cases;

import java.time.LocalDateTime;

/**
 * A case closed with the help of a volunteer household (e.g. a neighbour who cleared a blocked ditch). The
 * points module may award the item of the village's scheme that fits; cases never call points.
 *
 * @param villageCode the case's village, whose scheme decides whether there is such an item
 * @param categoryCode the case's matter type
 */
public record VolunteerHelped(String countyCode, long householdId, long caseId, String villageCode, String categoryCode,
        String note, LocalDateTime closedAt) {
}
