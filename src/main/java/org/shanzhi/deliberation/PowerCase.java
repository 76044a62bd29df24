package org.shanzhi.deliberation;

import java.time.LocalDateTime;
import java.util.List;

/** A case of a power item in a village, following the item's steps in order; {@code nextPosition} is due next. */
public record PowerCase(long id, String countyCode, String villageCode, long itemId, String itemCode, String itemName,
        String title, String applicant, Integer nextPosition, String state, List<SignOff> signOffs, String createdByName,
        LocalDateTime createdAt, LocalDateTime completedAt) {

    public record SignOff(int position, String stepName, String role, String signedByName, String note, Long matterId,
            LocalDateTime signedAt) {
    }
}
