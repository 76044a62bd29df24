package org.shanzhi.deliberation;

/**
 * Where a matter stands. RESOLVED: the assembly passed it, not yet public. IN_FORCE: the resolution is public
 * and may be carried out (what {@link Matters#isResolved} answers). COMPLETED: the result is public too.
 * REJECTED: a deliberation said no; the procedure ends.
 */
public enum MatterStatus {
    IN_PROGRESS("审议中"), REJECTED("未通过"), RESOLVED("已决议待公开"), IN_FORCE("决议已公开"), COMPLETED("结果已公开");

    private final String label;

    MatterStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
