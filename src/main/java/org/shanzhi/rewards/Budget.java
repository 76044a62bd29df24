package org.shanzhi.rewards;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/** A village's redemption budget of a year, what is used of it, the yuan a point is worth, and where the money comes from. */
public record Budget(String villageCode, int year, BigDecimal amountYuan, BigDecimal usedYuan, BigDecimal yuanPerPoint, List<Funding> funding) {

    /** A funding source: COLLECTIVE (集体经济), DONATION (社会捐赠) or FISCAL (财政). */
    public record Funding(long id, String source, BigDecimal amountYuan, String note, String createdByName, LocalDateTime createdAt) {
    }
}
