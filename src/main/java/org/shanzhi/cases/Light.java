package org.shanzhi.cases;

/**
 * SLA light (数字城管: green 0-80% of the limit, yellow 80-100%, red over). While the level's clock runs the
 * light is live; once handled or closed it shows whether the case ever passed a deadline.
 */
public enum Light {
    GREEN("#2e7d32", "正常 / on time"),
    YELLOW("#f9a825", "临期 / due soon"),
    RED("#c62828", "超期 / overdue");

    private final String color;
    private final String label;

    Light(String color, String label) {
        this.color = color;
        this.label = label;
    }

    /** The light's colour, for pages that show a dot (●) without a style sheet. */
    public String color() {
        return color;
    }

    public String label() {
        return label;
    }
}
