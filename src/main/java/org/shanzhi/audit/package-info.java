/**
 * Audit: the append-only trail of every change and every unmasked view of personal data. Entries are
 * hash-chained per county, so an edited or deleted entry is found by {@link org.shanzhi.audit.AuditTrail#verify}.
 * Listens to {@link org.shanzhi.common.Audited} from every module, in the publisher's transaction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.shanzhi.audit;
