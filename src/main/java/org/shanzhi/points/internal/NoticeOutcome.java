package org.shanzhi.points.internal;

import java.util.ArrayList;
import java.util.List;
import org.shanzhi.disclosure.NoticeClosed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reacts to a closed period notice: items an upheld objection took down are never credited, the rest are
 * credited now (公示无异议), set-based (LedgerWriter.creditAll). Runs in the transaction that closes the notice, so
 * the notice is closed exactly when its events are settled; the credit takes only events still on notice and every
 * entry is keyed, so a repeat changes nothing.
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
        List<Long> upheld = new ArrayList<>();
        List<Long> credit = new ArrayList<>();
        for (String ref : e.itemRefs()) {
            (e.upheldItemRefs().contains(ref) ? upheld : credit).add(Long.parseLong(ref));
        }
        ledger.upheldAll(e.countyCode(), upheld);
        ledger.creditAll(e.countyCode(), credit, e.closedAt(), "公示期满无异议");
    }
}
