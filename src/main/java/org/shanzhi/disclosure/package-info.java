/**
 * Disclosure: public notices (公示) any module publishes for a village — items a villager may object to during
 * the window (default 7 days), objections answered by a cadre (upheld or dismissed), and a printable board.
 * Publishes {@link org.shanzhi.disclosure.NoticeClosed} once the window has passed with no objection pending, so
 * the publishing module reacts to the outcome; publishes {@link org.shanzhi.common.Audited}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Disclosure", allowedDependencies = {"territory", "common"})
package org.shanzhi.disclosure;
