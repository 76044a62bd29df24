package org.shanzhi.common;

/**
 * Something worth an audit entry happened: a change (with before/after) or an unmasked view of personal
 * data. Every module publishes it; the audit module appends it to the county's hash chain in the same
 * transaction as the change.
 *
 * @param action          e.g. {@code household.created}, {@code person.revealed}
 * @param subjectPersonId the person whose data this touches, when there is one (searchable)
 */
public record Audited(String countyCode, String action, String entityType, String entityId, Long subjectPersonId,
        String before, String after) {
}
