/**
 * Audit: the append-only trail of every change and every unmasked view of personal data. Listens to
 * {@link org.shanzhi.common.Audited} from every module and inserts the entry in the publisher's transaction, unchained;
 * a job ({@link org.shanzhi.audit.AuditTrail#chainPending}, about every second) hash-chains committed entries per
 * county, so an edited or deleted chained entry is found by {@link org.shanzhi.audit.AuditTrail#verify}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.shanzhi.audit;
