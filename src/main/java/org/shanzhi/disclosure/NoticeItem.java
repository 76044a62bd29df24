package org.shanzhi.disclosure;

/**
 * One line of a notice, pointing at the publisher's item (e.g. a score event id) so an objection can target it.
 *
 * @param ref     the publisher's reference, unique within the notice
 * @param subject who or what the line is about, already masked by the publisher
 */
public record NoticeItem(String ref, String subject, String content) {
}
