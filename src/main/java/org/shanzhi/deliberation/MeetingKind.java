package org.shanzhi.deliberation;

/** The meetings of a village's deliberation. */
public enum MeetingKind {
    PARTY_BRANCH("党支部委员会会议"),
    TWO_COMMITTEES("村两委联席会议"),
    PARTY_MEMBERS("党员大会"),
    VILLAGERS_ASSEMBLY("村民会议"),
    REPRESENTATIVE_ASSEMBLY("村民代表会议"),
    COUNCIL("议事会/理事会会议"),
    CONSULTATION("议事协商会");

    private final String label;

    MeetingKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
