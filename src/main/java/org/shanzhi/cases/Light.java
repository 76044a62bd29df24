package org.shanzhi.cases;

/**
 * SLA light (数字城管: green 0-80% of the limit, yellow 80-100%, red over). While the level's clock runs the
 * light is live; once handled or closed it shows whether the case ever passed a deadline.
 */
public enum Light {
    GREEN("🟢", "正常 / on time"),
    YELLOW("🟡", "临期 / due soon"),
    RED("🔴", "超期 / overdue");

    private final String dot;
    private final String label;

    Light(String dot, String label) {
        this.dot = dot;
        this.label = label;
    }

    public String dot() {
        return dot;
    }

    public String label() {
        return label;
    }
}
