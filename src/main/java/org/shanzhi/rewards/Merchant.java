package org.shanzhi.rewards;

/** A counter of the points supermarket: a village shop with its own MERCHANT account. */
public record Merchant(long id, String villageCode, long accountId, String name) {
}
