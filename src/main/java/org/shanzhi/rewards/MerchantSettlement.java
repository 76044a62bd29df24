package org.shanzhi.rewards;

import java.math.BigDecimal;
import java.util.List;

/** What the village owes a counter for a month (2026-03) or a year (2026): the confirmed redemptions and their sum. */
public record MerchantSettlement(long merchantId, String merchantName, String villageCode, String period, List<Redemption> redemptions,
        long points, BigDecimal owedYuan) {
}
