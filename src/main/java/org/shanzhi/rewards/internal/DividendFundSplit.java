package org.shanzhi.rewards.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.shanzhi.activities.FundSplit;
import org.shanzhi.rewards.Dividends;
import org.springframework.stereotype.Component;

/** Lends the dividend mechanism ({@link Dividends#split}: largest remainder, exact to the fen) to the 荣成 credit fund. */
@Component
class DividendFundSplit implements FundSplit {

    @Override
    public Map<Long, Long> split(long poolFen, Map<Long, Long> points) {
        Map<Long, Long> out = new LinkedHashMap<>();
        Dividends.split(poolFen, points).shares().forEach(s -> out.put(s.subjectId(), s.fen()));
        return out;
    }
}
