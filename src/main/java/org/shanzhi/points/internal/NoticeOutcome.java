package org.shanzhi.points.internal;

import org.shanzhi.disclosure.NoticeClosed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reacts to a closed period notice: items an upheld objection took down are never credited, the rest are
 * credited now (公示无异议). Runs in the transaction that closes the notice, so the notice is closed exactly when
 * its events are settled; each credit is itself conditional and keyed, so a repeat changes nothing.
 */
@Component
class NoticeOutcome {

    static final String SOURCE = "points.period";

    private final LedgerWriter ledger;

    NoticeOutcome(LedgerWriter ledger) {
        this.ledger = ledger;
    }

    @EventListener
    void on(NoticeClosed e) {
        if (!SOURCE.equals(e.sourceType())) {
            return;
        }
        for (String ref : e.itemRefs()) {
            long eventId = Long.parseLong(ref);
            if (e.upheldItemRefs().contains(ref)) {
                ledger.upheld(e.countyCode(), eventId);
            } else {
                ledger.credit(e.countyCode(), eventId, e.closedAt(), "公示期满无异议");
            }
        }
    }
}
