package org.shanzhi.cases;

/** What a case is about; all kinds run through the same loop. */
public enum CaseKind {
    GRID_EVENT("网格事件"),
    /** a matter a township raised to summon county departments (吹哨报到); any open case can also be whistled */
    WHISTLE("吹哨事项"),
    DISPUTE("矛盾纠纷"),
    SERVICE_REQUEST("服务诉求");

    private final String label;

    CaseKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
