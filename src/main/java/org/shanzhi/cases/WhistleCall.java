package org.shanzhi.cases;

import java.time.LocalDateTime;

/** One department named in a whistle, with how it answered. */
public record WhistleCall(long whistleId, long caseId, String department, LocalDateTime blownAt, LocalDateTime dueAt,
        LocalDateTime respondedAt, String responderName, String responseNote, State state) {

    /** PENDING: not yet due; MISSING: due and unanswered; LATE: answered after the deadline. */
    public enum State {
        PENDING("待报到"), ON_TIME("按时报到"), LATE("超时报到"), MISSING("未报到");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static State state(LocalDateTime dueAt, LocalDateTime respondedAt, LocalDateTime now) {
        if (respondedAt != null) {
            return respondedAt.isAfter(dueAt) ? State.LATE : State.ON_TIME;
        }
        return now.isBefore(dueAt) ? State.PENDING : State.MISSING;
    }
}
