package org.shanzhi.cases;

/** The reporter's evaluation (评价). Satisfaction rate counts SATISFIED and BASICALLY_SATISFIED. */
public enum Rating {
    SATISFIED("满意"),
    BASICALLY_SATISFIED("基本满意"),
    NOT_SATISFIED("不满意");

    private final String label;

    Rating(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean satisfied() {
        return this != NOT_SATISFIED;
    }
}
