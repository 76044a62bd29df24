package org.shanzhi.rewards;

/** Goods or a service (kind GOODS / SERVICE) at a counter, priced in points, with its stock. */
public record Goods(long id, long merchantId, String villageCode, String name, String category, String kind, long pricePoints,
        int stock, boolean active) {
}
