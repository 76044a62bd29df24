package org.shanzhi.points;

import java.util.List;

/** Results of a village or township for a period, best first. */
public record Ranking(String divisionCode, String divisionName, String period, String periodLabel, long baseScore, String vetoRanking,
        List<RankingRow> rows) {
}
