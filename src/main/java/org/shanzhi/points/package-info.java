/**
 * Points (积分制): schemes (versioned; a county "6+X" template with locked categories that townships and villages
 * extend, adopted by a recorded decision), score events from declaration to credit through review and public
 * notice, rectification notices for deductions, the append-only ledger with derived balances, periods, rankings,
 * stars, group results, red/black lists, quotas and the annual settlement. Publishes
 * {@link org.shanzhi.points.ScoreCredited}, {@link org.shanzhi.points.ScoreReversed} and
 * {@link org.shanzhi.common.Audited}; listens to {@link org.shanzhi.disclosure.NoticeClosed},
 * {@link org.shanzhi.activities.AttendanceConfirmed} (a verified event under the village scheme's volunteer item) and
 * {@link org.shanzhi.cases.VolunteerHelped} (records the village scheme's volunteer item, internal/VolunteerAward).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Points",
        allowedDependencies = {"registry", "territory", "disclosure", "activities", "cases", "common"})
package org.shanzhi.points;
