package org.shanzhi.cases;

/**
 * 琼海 四级化事法: 琐事不出户、小事不出组、难事不出村、大事不出镇. A case not closed within its level's time
 * limit moves up one level; the township is the top.
 */
public enum CaseLevel {
    HOUSEHOLD("户联系 / household"),
    GROUP("组协调 / group"),
    VILLAGE("村处理 / village"),
    TOWNSHIP("镇化解 / township");

    private final String label;

    CaseLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The next level up, or null at the top. */
    public CaseLevel next() {
        return this == TOWNSHIP ? null : values()[ordinal() + 1];
    }
}
