package org.shanzhi.rewards;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/** A dividend run (股份分红 + 善治积分): DRAFT → PUBLISHED (a public notice) → PAID. Amounts exact to the fen. */
public record DividendRun(long id, String villageCode, int year, BigDecimal poolYuan, long weightedPoints, BigDecimal yuanPerPoint,
        String status, Long noticeId, LocalDateTime createdAt, LocalDateTime publishedAt, LocalDateTime paidAt, List<Share> shares) {

    public record Share(long householdId, String label, long points, BigDecimal amountYuan) {
    }

    public BigDecimal sharesTotal() {
        return shares.stream().map(Share::amountYuan).reduce(BigDecimal.valueOf(0, 2), BigDecimal::add);
    }
}
