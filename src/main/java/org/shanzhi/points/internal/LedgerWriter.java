package org.shanzhi.points.internal;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.shanzhi.common.Audited;
import org.shanzhi.common.BulkCopy;
import org.shanzhi.common.Ids;
import org.shanzhi.points.ScoreCredited;
import org.shanzhi.points.ScoreReversed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate batch;
    private final ApplicationEventPublisher events;
    private final BulkCopy bulk;

    LedgerWriter(JdbcClient jdbc, JdbcTemplate batch, ApplicationEventPublisher events, BulkCopy bulk) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.events = events;
        this.bulk = bulk;
    }

    private record EventRow(String county, long id, String subjectType, long subjectId, Long householdId, String village, String group,
            String periodMonth, long points, String category, String itemName) {
    }

    /** One ledger entry to append, with what it moves in the derived tables. */
    private record Entry(String county, String subjectType, long subjectId, Long householdId, String village, String group, int year,
            String periodMonth, long points, String kind, Long eventId, Long reverses, String reason, String byName, LocalDateTime now,
            String key) {
    }

    /** Ids per statement of the set-based credit (an IN list: well below every driver's parameter limit). */
    static final int CHUNK = 1000;

    /**
     * Credits an event that is on notice: moves it to CREDITED and appends its CREDIT entry. Returns false when
     * another caller credited it first (or it is no longer on notice).
     */
    @Transactional
    public boolean credit(String county, long eventId, LocalDateTime now, String byName) {
        return creditAll(county, List.of(eventId), now, byName) == 1;
    }

    /**
     * Credits the events that are still on notice among {@code eventIds}, set-based: per chunk of ids one locking
     * read of those still IN_NOTICE and one conditional UPDATE of exactly them (so a second close, a retry or a second
     * node credits nothing twice: the rows it would take are locked, then no longer IN_NOTICE), then one JDBC batch of
     * CREDIT entries (keys {@code credit:<id>}, the unique key is the backstop), one grouped change per balance and per
     * stored score, an audit entry and a {@link ScoreCredited} per event. Returns how many this call credited.
     */
    @Transactional
    public int creditAll(String county, Collection<Long> eventIds, LocalDateTime now, String byName) {
        List<Long> ids = eventIds.stream().distinct().sorted().toList();
        List<EventRow> credited = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            // rows are locked in id order, the same on every node: two closers wait for each other, never deadlock
            List<EventRow> rows = jdbc.sql("""
                    select id, subject_type, subject_id, household_id, village_code, group_code, period_month, points, category, item_name
                    from score_events where county_code = :county and id in (:ids) and status = 'IN_NOTICE' order by id for update""")
                    .param("county", county).param("ids", chunk)
                    .query((rs, i) -> new EventRow(county, rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getObject(4, Long.class),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10)))
                    .list();
            if (rows.isEmpty()) {
                continue;
            }
            int n = jdbc.sql("update score_events set status = 'CREDITED', credited_at = :now where county_code = :county and id in (:ids) and status = 'IN_NOTICE'")
                    .param("now", now).param("county", county).param("ids", rows.stream().map(EventRow::id).toList()).update();
            if (n != rows.size()) {
                throw new IllegalStateException("credited " + n + " of " + rows.size() + " locked events");
            }
            credited.addAll(rows);
        }
        if (credited.isEmpty()) {
            return 0;
        }
        write(credited.stream().map(e -> entry(e, e.points(), "CREDIT", null, e.category() + "·" + e.itemName(), byName, now,
                "credit:" + e.id())).toList());
        for (EventRow e : credited) {
            events.publishEvent(new ScoreCredited(county, e.id(), e.subjectType(), e.subjectId(), e.householdId(), e.village(),
                    e.periodMonth(), e.points()));
            events.publishEvent(new Audited(county, "points.credited", "score_event", String.valueOf(e.id()), null, null,
                    "points=" + e.points()));
        }
        return credited.size();
    }

    /** An upheld objection took the event down: it is never credited. */
    @Transactional
    public boolean upheld(String county, long eventId) {
        return upheldAll(county, List.of(eventId)) == 1;
    }

    /** Upheld objections took these events down (those still on notice): never credited. Returns how many changed. */
    @Transactional
    public int upheldAll(String county, Collection<Long> eventIds) {
        List<Long> ids = eventIds.stream().distinct().sorted().toList();
        int changed = 0;
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> locked = jdbc.sql("select id from score_events where county_code = :county and id in (:ids) and status = 'IN_NOTICE' order by id for update")
                    .param("county", county).param("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))).query(Long.class).list();
            if (locked.isEmpty()) {
                continue;
            }
            changed += jdbc.sql("update score_events set status = 'OBJECTION_UPHELD' where county_code = :county and id in (:ids) and status = 'IN_NOTICE'")
                    .param("county", county).param("ids", locked).update();
            for (long id : locked) {
                events.publishEvent(new Audited(county, "points.objection_upheld", "score_event", String.valueOf(id), null, null, null));
            }
        }
        return changed;
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
        write(List.of(entry(e, -e.points(), "REVERSAL", creditId, "冲正:" + reason, byName, now, "reverse:" + eventId)));
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
        write(List.of(new Entry(county, subjectType, subjectId, householdId, village, group, toYear, toYear + "-01", points, "SETTLEMENT",
                null, null, reason, byName, now, key)));
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

    private static Entry entry(EventRow e, long points, String kind, Long reverses, String reason, String byName, LocalDateTime now,
            String key) {
        int year = Integer.parseInt(e.periodMonth().substring(0, 4));
        return new Entry(e.county(), e.subjectType(), e.subjectId(), e.householdId(), e.village(), e.group(), year, e.periodMonth(), points,
                kind, e.id(), reverses, reason, byName, now, key);
    }

    /**
     * Appends CREDIT, REVERSAL or SETTLEMENT entries (one JDBC batch) and moves, in the same transaction and by the
     * delta (never read-then-write), the cached balance per subject and year and the stored score per subject,
     * village and month. The grouped rows are changed in key order, the same in every transaction, so concurrent
     * writers wait for each other instead of deadlocking.
     */
    private void write(List<Entry> entries) {
        batch.batchUpdate("""
                insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, group_code, year_no,
                    period_month, points, kind, event_id, reverses_id, reason, created_by_name, created_at, idempotency_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                entries.stream().map(e -> new Object[] {e.county(), Ids.next(), e.subjectType(), e.subjectId(), e.householdId(), e.village(),
                        e.group(), e.year(), e.periodMonth(), e.points(), e.kind(), e.eventId(), e.reverses(), clip(e.reason()), e.byName(),
                        e.now(), e.key()}).toList());
        Map<List<Object>, long[]> balances = new TreeMap<>(KEY_ORDER);
        Map<List<Object>, long[]> scores = new TreeMap<>(KEY_ORDER);
        for (Entry e : entries) {
            balances.computeIfAbsent(List.of(e.county(), e.subjectType(), e.subjectId(), e.year()), k -> new long[1])[0] += e.points();
            boolean settlement = "SETTLEMENT".equals(e.kind());
            long[] s = scores.computeIfAbsent(Arrays.asList(e.county(), e.village(), e.periodMonth(), e.subjectType(), e.subjectId(), e.year(),
                    e.householdId()), k -> new long[5]);
            s[settlement ? 1 : 0] += e.points();
            s[2] += settlement ? 0 : 1;
            s[3] += "CREDIT".equals(e.kind()) ? 1 : 0;
            s[4] += settlement ? 1 : 0;
        }
        List<Object[]> balanceRows = balances.entrySet().stream().map(b -> new Object[] {b.getKey().get(0), b.getKey().get(1),
                b.getKey().get(2), b.getKey().get(3), b.getValue()[0]}).toList();
        List<Object[]> scoreRows = scores.entrySet().stream().map(e -> {
            List<Object> k = e.getKey();
            long[] v = e.getValue();
            String village = (String) k.get(1);
            return new Object[] {k.get(0), village, k.get(2), k.get(3), k.get(4), village.substring(0, Math.min(9, village.length())), k.get(5),
                    k.get(6), v[0], v[1], v[2], v[3], v[4]};
        }).toList();
        if (bulk.directPostgres()) {
            // one upsert per row, sent as multi-row INSERTs (reWriteBatchedInserts): a close of 10,000 events sends a
            // few statements, not an insert-if-absent and an UPDATE per subject; rows still change in key order
            batch.batchUpdate("""
                    insert into points_balances (county_code, subject_type, subject_id, year_no, honour, spendable) values (?, ?, ?, ?, ?, ?)
                    on conflict (county_code, subject_type, subject_id, year_no) do update
                    set honour = points_balances.honour + excluded.honour, spendable = points_balances.spendable + excluded.spendable""",
                    balanceRows.stream().map(r -> new Object[] {r[0], r[1], r[2], r[3], r[4], r[4]}).toList());
            batch.batchUpdate("""
                    insert into points_scores (county_code, village_code, period_month, subject_type, subject_id, township_code, year_no,
                        household_id, points, settled, entries, credits, settlements) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (county_code, village_code, period_month, subject_type, subject_id) do update
                    set points = points_scores.points + excluded.points, settled = points_scores.settled + excluded.settled,
                        entries = points_scores.entries + excluded.entries, credits = points_scores.credits + excluded.credits,
                        settlements = points_scores.settlements + excluded.settlements""", scoreRows);
            return;
        }
        // H2 and the sharded engine: insert what is missing, then add (both statements in the common SQL)
        batch.batchUpdate("""
                insert into points_balances (county_code, subject_type, subject_id, year_no, honour, spendable)
                values (?, ?, ?, ?, 0, 0) on conflict do nothing""", balances.keySet().stream().map(List::toArray).toList());
        batch.batchUpdate("""
                update points_balances set honour = honour + ?, spendable = spendable + ?
                where county_code = ? and subject_type = ? and subject_id = ? and year_no = ?""",
                balanceRows.stream().map(r -> new Object[] {r[4], r[4], r[0], r[1], r[2], r[3]}).toList());
        batch.batchUpdate("""
                insert into points_scores (county_code, village_code, period_month, subject_type, subject_id, township_code, year_no,
                    household_id, points, settled, entries, credits, settlements)
                values (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0) on conflict do nothing""",
                scoreRows.stream().map(r -> Arrays.copyOf(r, 8)).toList());
        batch.batchUpdate("""
                update points_scores set points = points + ?, settled = settled + ?, entries = entries + ?, credits = credits + ?,
                    settlements = settlements + ?
                where county_code = ? and village_code = ? and period_month = ? and subject_type = ? and subject_id = ?""",
                scoreRows.stream().map(r -> new Object[] {r[8], r[9], r[10], r[11], r[12], r[0], r[1], r[2], r[3], r[4]}).toList());
    }

    /** Orders the grouping keys (strings, numbers, nulls last) so that rows are always locked in the same order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c = x == null ? (y == null ? 0 : 1) : y == null ? -1 : ((Comparable) x).compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

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
