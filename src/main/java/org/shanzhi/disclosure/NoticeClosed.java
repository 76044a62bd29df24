package org.shanzhi.disclosure;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/**
 * A notice's window has passed and every objection is answered (公示无异议 or resolved): the publisher acts on
 * the outcome. Published once per notice, in the transaction that closes it, so a listener's change happens
 * exactly when the notice closes.
 *
 * @param itemRefs       every item of the notice
 * @param upheldItemRefs the items an upheld objection took down: they do not stand
 */
public record NoticeClosed(String countyCode, long noticeId, String villageCode, String kind, String sourceType,
        String sourceId, List<String> itemRefs, Set<String> upheldItemRefs, LocalDateTime closedAt) {
}
