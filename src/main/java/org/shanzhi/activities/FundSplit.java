package org.shanzhi.activities;

import java.util.Map;

/**
 * Splits a pool of fen over persons by their points, exact to the fen (the parts add up to the pool; zero or negative
 * points get nothing). The 荣成 credit fund uses the rewards module's dividend mechanism through this interface (the
 * rewards module provides the bean), so this module does not depend on rewards (points → activities would close a cycle).
 */
public interface FundSplit {

    /** @return each person with a positive share → fen, in the order of {@code points} */
    Map<Long, Long> split(long poolFen, Map<Long, Long> points);
}
