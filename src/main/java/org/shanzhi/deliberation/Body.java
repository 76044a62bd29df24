package org.shanzhi.deliberation;

import java.time.LocalDate;
import java.util.List;

/** A body that deliberates and votes, with its term, its rule and its current members. */
public record Body(long id, String countyCode, String villageCode, BodyKind kind, String kindLabel, String name,
        Integer minSize, Integer maxSize, LocalDate termStart, LocalDate termEnd, VoteRule rule, String ruleText,
        List<Member> members) {

    /** A member; {@code username} is the account that votes online (null for members voting on paper). */
    public record Member(long id, String name, Long accountId, Long personId, String position, LocalDate joinedOn,
            LocalDate leftOn) {
    }
}
