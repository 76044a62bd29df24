package org.shanzhi.points.internal;

import java.time.LocalDateTime;
import java.util.Optional;
import org.shanzhi.common.Audited;
import org.shanzhi.common.Ids;
import org.shanzhi.points.ScoreCredited;
import org.shanzhi.points.ScoreReversed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only writer of {@code points_ledger} and {@code points_balances}. Entries are appended, never changed;
 * every entry carries a unique idempotency key, and every state change is a conditional update whose row
 * count decides whether this caller acts, so a retry or a second node never credits twice.
 */
@Component
public class LedgerWriter {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    LedgerWriter(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    private record EventRow(String county, long id, String subjectType, long subjectId, Long householdId, String village, String group,
            String periodMonth, long points, String category, String itemName) {
    }

    /**
     * Credits an event that is on notice: moves it to CREDITED and appends its CREDIT entry. Returns false when
     * another caller credited it first (or it is no longer on notice).
     */
    @Transactional
    public boolean credit(String county, long eventId, LocalDateTime now, String byName) {
        int n = jdbc.sql("update score_events set status = 'CREDITED', credited_at = ? where county_code = ? and id = ? and status = 'IN_NOTICE'")
                .params(now, county, eventId).update();
        if (n == 0) {
            return false;
        }
        EventRow e = event(county, eventId).orElseThrow();
        append(e, e.points(), "CREDIT", null, e.category() + "·" + e.itemName(), byName, now, "credit:" + eventId);
        events.publishEvent(new ScoreCredited(county, eventId, e.subjectType(), e.subjectId(), e.householdId(), e.village(),
                e.periodMonth(), e.points()));
        events.publishEvent(new Audited(county, "points.credited", "score_event", String.valueOf(eventId), null, null,
                "points=" + e.points()));
        return true;
    }

    /** An upheld objection took the event down: it is never credited. */
    @Transactional
    public boolean upheld(String county, long eventId) {
        int n = jdbc.sql("update score_events set status = 'OBJECTION_UPHELD' where county_code = ? and id = ? and status = 'IN_NOTICE'")
                .params(county, eventId).update();
        if (n > 0) {
            events.publishEvent(new Audited(county, "points.objection_upheld", "score_event", String.valueOf(eventId), null, null, null));
        }
        return n > 0;
    }

    /**
     * Reverses a credited event: the event becomes REVERSED and a REVERSAL entry of the opposite sign, pointing at
     * the CREDIT entry, is appended to the same period. Returns false when it was not (or no longer) credited.
     */
    @Transactional
    public boolean reverse(String county, long eventId, String reason, LocalDateTime now, String byName) {
        int n = jdbc.sql("""
                update score_events set status = 'REVERSED', reversed_at = ?, reversal_reason = ?
                where county_code = ? and id = ? and status = 'CREDITED'""")
                .params(now, reason, county, eventId).update();
        if (n == 0) {
            return false;
        }
        EventRow e = event(county, eventId).orElseThrow();
        Long creditId = jdbc.sql("select id from points_ledger where county_code = ? and idempotency_key = ?")
                .params(county, "credit:" + eventId).query(Long.class).optional().orElse(null);
        append(e, -e.points(), "REVERSAL", creditId, "冲正:" + reason, byName, now, "reverse:" + eventId);
        events.publishEvent(new ScoreReversed(county, eventId, e.subjectType(), e.subjectId(), e.householdId(), e.village(),
                e.periodMonth(), -e.points(), reason));
        events.publishEvent(new Audited(county, "points.reversed", "score_event", String.valueOf(eventId), null,
                "points=" + e.points(), "reason=" + reason));
        return true;
    }

    /** A SETTLEMENT entry (the carried-over score at an annual settlement), once per subject and year. */
    @Transactional
    public void settlement(String county, String subjectType, long subjectId, Long householdId, String village, String group, int toYear,
            long points, String reason, String byName, LocalDateTime now) {
        String key = "settle:" + village + ":" + toYear + ":" + subjectType + ":" + subjectId;
        insert(county, subjectType, subjectId, householdId, village, group, toYear, toYear + "-01", points, "SETTLEMENT", null, null,
                reason, byName, now, key);
    }

    /**
     * A REDEMPTION entry: debits a subject's balance of a year, guarded in the UPDATE itself (never below zero,
     * whatever the concurrency). Returns false when the balance is short; then nothing is written.
     *
     * @param honourToo the scheme says redemption consumes the honour score too (轵城), not only the spendable one
     */
    @Transactional
    public boolean spend(String county, String subjectType, long subjectId, Long householdId, String village, String group, int year,
            String periodMonth, long points, boolean honourToo, String reason, String byName, LocalDateTime now, String key) {
        String honour = honourToo ? ", honour = honour - " + points : "";
        int n = jdbc.sql("update points_balances set spendable = spendable - ?" + honour
                + " where county_code = ? and subject_type = ? and subject_id = ? and year_no = ? and spendable >= ?")
                .params(points, county, subjectType, subjectId, year, points).update();
        if (n == 0) {
            return false;
        }
        jdbc.sql("""
                insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, group_code, year_no,
                    period_month, points, kind, event_id, reverses_id, reason, created_by_name, created_at, idempotency_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'REDEMPTION', null, null, ?, ?, ?, ?)""")
                .params(county, Ids.next(), subjectType, subjectId, householdId, village, group, year, periodMonth, -points, clip(reason),
                        byName, now, key)
                .update();
        events.publishEvent(new Audited(county, "points.redeemed", subjectType.toLowerCase(), String.valueOf(subjectId), null, null,
                "points=" + points + ", key=" + key));
        return true;
    }

    private void append(EventRow e, long points, String kind, Long reverses, String reason, String byName, LocalDateTime now, String key) {
        int year = Integer.parseInt(e.periodMonth().substring(0, 4));
        insert(e.county(), e.subjectType(), e.subjectId(), e.householdId(), e.village(), e.group(), year, e.periodMonth(), points, kind,
                e.id(), reverses, reason, byName, now, key);
    }

    private void insert(String county, String subjectType, long subjectId, Long householdId, String village, String group, int year,
            String periodMonth, long points, String kind, Long eventId, Long reverses, String reason, String byName, LocalDateTime now,
            String key) {
        jdbc.sql("""
                insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, group_code, year_no,
                    period_month, points, kind, event_id, reverses_id, reason, created_by_name, created_at, idempotency_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(county, Ids.next(), subjectType, subjectId, householdId, village, group, year, periodMonth, points, kind, eventId,
                        reverses, clip(reason), byName, now, key)
                .update();
        // the cached balance moves in the same transaction, by the delta: never read-then-write
        jdbc.sql("""
                insert into points_balances (county_code, subject_type, subject_id, year_no, honour, spendable)
                values (?, ?, ?, ?, 0, 0) on conflict do nothing""")
                .params(county, subjectType, subjectId, year).update();
        jdbc.sql("""
                update points_balances set honour = honour + ?, spendable = spendable + ?
                where county_code = ? and subject_type = ? and subject_id = ? and year_no = ?""")
                .params(points, points, county, subjectType, subjectId, year).update();
    }

    private Optional<EventRow> event(String county, long id) {
        return jdbc.sql("""
                select subject_type, subject_id, household_id, village_code, group_code, period_month, points, category, item_name
                from score_events where county_code = ? and id = ?""")
                .params(county, id)
                .query((rs, i) -> new EventRow(county, id, rs.getString(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9)))
                .optional();
    }

    private static String clip(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 499) + "…";
    }
}
