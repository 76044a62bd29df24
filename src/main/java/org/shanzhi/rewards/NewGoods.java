package org.shanzhi.rewards;

/** Command: put goods or a service on a counter. {@code kind} defaults to GOODS. */
public record NewGoods(Long merchantId, String name, String category, String kind, Long pricePoints, Integer stock) {
}
