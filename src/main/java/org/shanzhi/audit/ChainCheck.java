package org.shanzhi.audit;

/** Result of verifying a county's audit chain: ok, or the first sequence number that does not verify. */
public record ChainCheck(String countyCode, boolean ok, long entries, Long firstBrokenSeq, String reason) {
}
