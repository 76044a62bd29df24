package org.shanzhi.cases;

/** The states of the loop (GB/T 30428.8 立案、处置和结案, adapted to villages). */
public enum CaseStatus {
    REPORTED("已上报"),
    ACCEPTED("已立案"),
    REFUSED("不予立案"),
    DISPATCHED("已派遣"),
    HANDLED("已办结"),
    FEEDBACK("已反馈"),
    RATED("已评价"),
    CLOSED("已结案");

    private final String label;

    CaseStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Reported but not yet handled: the level's clock runs and the case can escalate. */
    public boolean timed() {
        return this == REPORTED || this == ACCEPTED || this == DISPATCHED;
    }

    /** Not finished (Open311 "open"). */
    public boolean open() {
        return this != CLOSED && this != REFUSED;
    }
}
