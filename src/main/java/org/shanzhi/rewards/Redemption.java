package org.shanzhi.rewards;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A redemption: a one-time code (ISSUED) that a merchant confirms once (USED). */
public record Redemption(long id, String code, String villageCode, long householdId, long merchantId, long goodsId, String goodsName,
        int quantity, long points, BigDecimal valueYuan, String status, LocalDateTime issuedAt, LocalDateTime expiresAt,
        LocalDateTime usedAt, String confirmedByName) {
}
