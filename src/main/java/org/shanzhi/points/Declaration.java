package org.shanzhi.points;

import java.time.LocalDate;
import java.util.List;

/**
 * Command: declare or record a score event. The subject is a household by default ({@code householdId}); for
 * another subject type give {@code subjectType} and {@code subjectId} (a person id, a villager group's code or
 * an other subject's id).
 *
 * @param source       SELF (default for a villager), NOMINATED (a villager names another household of the
 *                     village, 群众评荐), ORGANISATION (组织推荐, with {@code organisation}); staff record as RECORDED
 * @param evidenceRefs references to photos already uploaded (evidence)
 */
public record Declaration(Long householdId, String subjectType, Long subjectId, Long itemId, LocalDate occurredOn, String source,
        String organisation, String description, String evidenceText, List<String> evidenceRefs) {
}
