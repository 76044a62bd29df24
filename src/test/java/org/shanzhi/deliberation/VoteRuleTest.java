package org.shanzhi.deliberation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shanzhi.deliberation.VoteRule.Outcome;

/** The representative assembly's arithmetic (SPEC §5): two thirds present, more than half of those present in favour. */
class VoteRuleTest {

    private final VoteRule assembly = VoteRule.DEFAULT;

    @Test
    void thirtyMembersWithNineteenPresentAreShortOfQuorum() {
        assertThat(assembly.quorate(30, 19)).isFalse();
        assertThat(assembly.decide(30, 19, 19)).isEqualTo(Outcome.NO_QUORUM);
    }

    @Test
    void twentyOfThirtyPresentIsExactlyTwoThirdsAndQuorate() {
        assertThat(assembly.quorate(30, 20)).isTrue();
    }

    @Test
    void elevenOfTwentyPresentInFavourPassesAndTenFails() {
        assertThat(assembly.decide(30, 20, 11)).isEqualTo(Outcome.PASSED);
        assertThat(assembly.decide(30, 20, 10)).isEqualTo(Outcome.FAILED);
    }

    @Test
    void yijinhuoloResolvesOnlyWithTwoThirdsOfAllRepresentativesInFavour() {
        VoteRule yijinhuoluo = new VoteRule(2, 3, 2, 3, true, false); // 000 L1632-1633
        assertThat(yijinhuoluo.decide(30, 30, 19)).isEqualTo(Outcome.FAILED);
        assertThat(yijinhuoluo.decide(30, 20, 20)).isEqualTo(Outcome.PASSED);
    }

    @Test
    void aFractionAboveOneOrWithAZeroDenominatorIsRefused() {
        assertThat(new VoteRule(3, 2, 1, 2, false, true).problem()).isNotNull();
        assertThat(new VoteRule(2, 0, 1, 2, false, true).problem()).isNotNull();
        assertThat(assembly.problem()).isNull();
    }
}
