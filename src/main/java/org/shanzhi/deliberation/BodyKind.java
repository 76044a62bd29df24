package org.shanzhi.deliberation;

/**
 * Kinds of deliberative bodies with the sizes the seeds give: 米易's three councils (001 L147: the
 * supervision council 7-9, the mutual-aid council 3-5, the wedding-and-funeral council 5-7), 三堆's
 * party-masses council of 20-30 (001 L374) and the 3-6 member councils of 大成桥's associations
 * (000 L5206). Assemblies have no size rule.
 */
public enum BodyKind {
    VILLAGERS_ASSEMBLY("村民会议", null, null),
    REPRESENTATIVE_ASSEMBLY("村民代表会议", null, null),
    DELIBERATION_COUNCIL("党群议事会", 20, 30),
    SUPERVISION_COUNCIL("党务村务财务事务监督会", 7, 9),
    WEDDING_FUNERAL_COUNCIL("红白理事会", 5, 7),
    MUTUAL_AID_COUNCIL("邻里互助会", 3, 5),
    VILLAGER_COUNCIL("村民理事会", 3, 6);

    private final String label;
    private final Integer minSize;
    private final Integer maxSize;

    BodyKind(String label, Integer minSize, Integer maxSize) {
        this.label = label;
        this.minSize = minSize;
        this.maxSize = maxSize;
    }

    public String label() {
        return label;
    }

    public Integer minSize() {
        return minSize;
    }

    public Integer maxSize() {
        return maxSize;
    }

    public boolean council() {
        return minSize != null;
    }
}
