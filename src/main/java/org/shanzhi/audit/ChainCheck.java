package org.shanzhi.audit;

/**
 * Result of verifying a county's audit chain: ok, or the first sequence number that does not verify. {@code entries}
 * counts the chained entries; {@code pending} the committed entries the chaining job has not chained yet.
 */
public record ChainCheck(String countyCode, boolean ok, long entries, Long firstBrokenSeq, String reason, long pending) {
}
