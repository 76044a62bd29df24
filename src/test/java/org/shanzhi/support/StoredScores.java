package org.shanzhi.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * For tests that write a CREDIT or REVERSAL ledger row by hand: moves the stored score (points_scores) as
 * LedgerWriter does in the entry's transaction, so rankings and cockpits see the row.
 */
public final class StoredScores {

    private StoredScores() {
    }

    public static void add(JdbcTemplate jdbc, String county, String village, String month, long household, long points, String kind) {
        if (!"CREDIT".equals(kind) && !"REVERSAL".equals(kind)) {
            return; // spending (REDEMPTION) is not earning: rankings and cockpits do not count it
        }
        jdbc.update("""
                insert into points_scores (county_code, village_code, period_month, subject_type, subject_id, township_code, year_no,
                    household_id, points, settled, entries, credits, settlements)
                values (?, ?, ?, 'HOUSEHOLD', ?, ?, ?, ?, 0, 0, 0, 0, 0) on conflict do nothing""",
                county, village, month, household, village.substring(0, 9), Integer.parseInt(month.substring(0, 4)), household);
        jdbc.update("""
                update points_scores set points = points + ?, entries = entries + 1, credits = credits + ?
                where county_code = ? and village_code = ? and period_month = ? and subject_type = 'HOUSEHOLD' and subject_id = ?""",
                points, "CREDIT".equals(kind) ? 1 : 0, county, village, month, household);
    }
}
