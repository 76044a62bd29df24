package org.shanzhi.deliberation;

/**
 * A body's quorum and majority, as fractions. Quorum: at least {@code quorumNum/quorumDen} of the members take
 * part. Majority: the votes in favour are more than (strict) or at least {@code majorityNum/majorityDen} of
 * those present, or of all members. The default is the representative assembly's (SPEC §5): two thirds
 * present, more than half of those present in favour. 伊金霍洛 (000 L1632-1633) resolves with at least two
 * thirds of the representatives: {@code new VoteRule(2, 3, 2, 3, true, false)}.
 */
public record VoteRule(int quorumNum, int quorumDen, int majorityNum, int majorityDen, boolean majorityOfMembers,
        boolean majorityStrict) {

    public static final VoteRule DEFAULT = new VoteRule(2, 3, 1, 2, false, true);

    public enum Outcome {
        PASSED("通过"), FAILED("未通过"), NO_QUORUM("未达到法定人数");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Why the fractions are unusable, or null: each between 0 (exclusive) and 1, denominators 1..100. */
    public String problem() {
        if (quorumDen < 1 || quorumDen > 100 || quorumNum < 1 || quorumNum > quorumDen) {
            return "法定人数比例应在 0 到 1 之间 / quorum must be a fraction in (0, 1]";
        }
        if (majorityDen < 1 || majorityDen > 100 || majorityNum < 1 || majorityNum > majorityDen) {
            return "通过比例应在 0 到 1 之间 / majority must be a fraction in (0, 1]";
        }
        return null;
    }

    /** Integer arithmetic only: 20 of 30 is exactly two thirds. */
    public boolean quorate(int members, int present) {
        return (long) present * quorumDen >= (long) members * quorumNum;
    }

    public boolean carried(int members, int present, int inFavour) {
        long basis = majorityOfMembers ? members : present;
        long lhs = (long) inFavour * majorityDen;
        long rhs = basis * majorityNum;
        return majorityStrict ? lhs > rhs : lhs >= rhs;
    }

    public Outcome decide(int members, int present, int inFavour) {
        if (!quorate(members, present)) {
            return Outcome.NO_QUORUM;
        }
        return carried(members, present, inFavour) ? Outcome.PASSED : Outcome.FAILED;
    }

    public String describe() {
        return "法定人数 " + quorumNum + "/" + quorumDen + ",赞成须" + (majorityStrict ? "超过" : "达到")
                + (majorityOfMembers ? "全体成员" : "到会人数") + "的 " + majorityNum + "/" + majorityDen;
    }
}
