package org.shanzhi.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Chains the audit entries writers inserted unchained, about every second. Every node may run it:
 * {@link AuditTrail#chainPending} holds a county's head row lock per batch, so two nodes chain each entry once.
 * Tests turn it off and call chainPending themselves.
 */
@Component
@ConditionalOnProperty(name = "shanzhi.jobs.enabled", havingValue = "true", matchIfMissing = true)
class AuditChainJob {

    private static final Logger log = LoggerFactory.getLogger(AuditChainJob.class);

    private final AuditTrail trail;

    AuditChainJob(AuditTrail trail) {
        this.trail = trail;
    }

    @Scheduled(initialDelayString = "${shanzhi.audit.chain-initial-delay:PT1S}", fixedDelayString = "${shanzhi.audit.chain-every:PT1S}")
    void chain() {
        try {
            long start = System.nanoTime();
            int n = trail.chainPending();
            if (n > 0) {
                log.debug("chained {} audit entries in {} ms", n, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.warn("audit chaining failed, retried next run: {}", e.getMessage());
        }
    }
}
