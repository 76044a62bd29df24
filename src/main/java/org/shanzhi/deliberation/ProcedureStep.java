package org.shanzhi.deliberation;

/**
 * The six steps of 四议两公开, in the only order they may be recorded: the party branch proposes (党支部提议),
 * the two committees discuss (两委商议), the party members' meeting reviews (党员大会审议), the villagers'
 * (representative) assembly resolves (村民(代表)会议决议), the resolution is published (决议公开), the
 * implementation result is published (实施结果公开).
 */
public enum ProcedureStep {
    PARTY_BRANCH_PROPOSAL("党支部提议"),
    TWO_COMMITTEES_DISCUSSION("两委商议"),
    PARTY_MEMBERS_REVIEW("党员大会审议"),
    ASSEMBLY_RESOLUTION("村民(代表)会议决议"),
    RESOLUTION_PUBLISHED("决议公开"),
    RESULT_PUBLISHED("实施结果公开");

    private final String label;

    ProcedureStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The four deliberations (四议) decide; the two publications (两公开) make public. */
    public boolean deliberation() {
        return ordinal() <= ASSEMBLY_RESOLUTION.ordinal();
    }

    public ProcedureStep next() {
        return ordinal() + 1 < values().length ? values()[ordinal() + 1] : null;
    }

    public static ProcedureStep first() {
        return PARTY_BRANCH_PROPOSAL;
    }
}
