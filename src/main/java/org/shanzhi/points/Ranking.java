package org.shanzhi.points;

import java.util.List;

/**
 * Results of a village or township for a period, best first: one page of {@code rows} out of {@code total}, ranked
 * among the whole village and township.
 */
public record Ranking(String divisionCode, String divisionName, String period, String periodLabel, long baseScore, String vetoRanking,
        List<RankingRow> rows, int total, int page, int size) {

    public int pages() {
        return total == 0 ? 1 : (total + size - 1) / size;
    }
}
