package org.shanzhi.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.Ids;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ReadOnlyCounties;
import org.shanzhi.common.ScopeGuard;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit module's API: append (from events), chain, search, verify the chain. */
@Service
public class AuditTrail {

    static final String GENESIS = "0".repeat(64);
    private static final Set<String> READERS = Set.of("SYSTEM", "COUNTY_ADMIN", "AUDITOR");

    static final String NO_COUNTY = "000000";
    static final int CHAIN_BATCH = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate newTx;
    private final TransactionTemplate snapshot;

    private final ObjectProvider<ReadOnlyCounties> readOnly;

    AuditTrail(JdbcClient jdbc, JdbcTemplate batch, Clock clock, PlatformTransactionManager txm,
            ObjectProvider<ReadOnlyCounties> readOnly) {
        this.readOnly = readOnly;
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.tx = new TransactionTemplate(txm);
        this.newTx = new TransactionTemplate(txm);
        newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot = new TransactionTemplate(txm);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /**
     * Inserts the entry, unchained, in the publisher's transaction, so the entry exists exactly when the change does.
     * The writer touches no shared row: {@link #chainPending} chains committed entries afterwards under the county's
     * head lock (with the head locked by every writer, a county's writes committed one after another). A
     * transaction's entries are written in one JDBC batch just before it commits (a sweep or a close of a notice
     * writes hundreds).
     */
    @EventListener
    @Transactional(propagation = Propagation.REQUIRED)
    public void on(Audited e) {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Pending p = new Pending();
            TransactionSynchronizationManager.bindResource(this, p);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    p.flushed = true;
                    insertAll(p.rows);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
                }
            });
            pending = p;
        }
        Object[] row = row(e, ScopeGuard.current().orElse(null));
        if (pending.flushed) {
            insertAll(List.<Object[]>of(row)); // published by another before-commit callback
        } else {
            pending.rows.add(row);
        }
    }

    private static final class Pending {
        final List<Object[]> rows = new ArrayList<>();
        boolean flushed;
    }

    private Object[] row(Audited e, Actor actor) {
        String county = e.countyCode() == null ? NO_COUNTY : e.countyCode();
        String entityId = e.entityId() == null || e.entityId().length() <= 100 ? e.entityId() : e.entityId().substring(0, 99) + "…";
        return new Object[] {Ids.next(), county, LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS),
                actor == null ? null : actor.accountId(), actor == null ? null : actor.username(), e.action(), e.entityType(),
                entityId, e.subjectPersonId(), clip(e.before()), clip(e.after())};
    }

    private void insertAll(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            batch.batchUpdate("""
                    insert into audit_entries (id, county_code, at, actor_id, actor_name, action, entity_type, entity_id,
                                               subject_person_id, before_value, after_value)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
    }

    /**
     * Chains the committed unchained entries of every county; returns how many it chained. Safe to run on several
     * nodes at once: each batch of a county is one transaction that holds the county's head row lock while it reads
     * the batch (a statement after the lock, so it sees what the previous holder chained) and sets seq, prev_hash and
     * hash only where seq is still null.
     *
     * <p>Order: within a batch by id (ids are time-ordered TSIDs made when the entry is inserted). The chain does not
     * need id order, and cannot have it: two transactions may commit in the other order of their ids, and an entry
     * that becomes visible after a younger one was chained is simply chained in a later batch. So the job takes what
     * is committed now ({@code seq is null}, never a cursor {@code id > last}, which would skip such an entry): the
     * chain follows the order in which entries became visible, with no safety margin to guess.
     */
    public int chainPending() {
        List<String> counties = jdbc.sql("select distinct county_code from audit_entries where seq is null")
                .query(String.class).list();
        int chained = 0;
        ReadOnlyCounties moving = readOnly.getIfAvailable();
        for (String county : counties) {
            if (moving != null && moving.isReadOnly(county)) {
                continue; // a county moving to another database: its rows must not change until the move is done
            }
            while (true) {
                Integer n = tx.execute(s -> chainBatch(county));
                chained += n;
                if (n < CHAIN_BATCH) {
                    break;
                }
            }
        }
        return chained;
    }

    private int chainBatch(String county) {
        Object[] head = lockHead(county);
        long seq = (long) head[0];
        String prev = (String) head[1];
        List<AuditEntry> batchEntries = jdbc.sql("select * from audit_entries where seq is null and county_code = ? order by id limit ?")
                .params(county, CHAIN_BATCH).query(AuditTrail::map).list();
        if (batchEntries.isEmpty()) {
            return 0;
        }
        List<Object[]> rows = new ArrayList<>(batchEntries.size());
        for (AuditEntry e : batchEntries) {
            seq++;
            String hash = hash(prev, county, seq, e.at(), e.actorId(), e.actorName(), e.action(), e.entityType(), e.entityId(),
                    e.subjectPersonId(), e.before(), e.after());
            rows.add(new Object[] {seq, prev, hash, e.id()});
            prev = hash;
        }
        int[] done = batch.batchUpdate("update audit_entries set seq = ?, prev_hash = ?, hash = ? where id = ? and seq is null", rows);
        for (int d : done) {
            if (d == 0) { // cannot happen while every chainer holds the head lock; never chain an entry twice
                throw new IllegalStateException("audit entry chained concurrently in county " + county);
            }
        }
        jdbc.sql("update audit_heads set seq = ?, hash = ? where county_code = ?").params(seq, prev, county).update();
        return batchEntries.size();
    }

    private Object[] lockHead(String county) {
        var row = jdbc.sql("select seq, hash from audit_heads where county_code = ? for update").param(county)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional();
        if (row.isPresent()) {
            return row.get();
        }
        // created in its own transaction: a failed insert would abort this one on PostgreSQL
        try {
            newTx.executeWithoutResult(s -> jdbc.sql("insert into audit_heads (county_code, seq, hash) values (?, 0, ?)")
                    .params(county, GENESIS).update());
        } catch (DuplicateKeyException raced) {
            // another chainer created it first; lock theirs below
        }
        return jdbc.sql("select seq, hash from audit_heads where county_code = ? for update").param(county)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
    }

    /**
     * Walks the county's chained entries; an edited, inserted or deleted chained entry breaks it. Reads the head and
     * the entries from one snapshot (repeatable read), so a chaining job committing meanwhile is no false alarm.
     */
    public ChainCheck verify(String county) {
        requireReader(county);
        return snapshot.execute(s -> walk(county));
    }

    private ChainCheck walk(String county) {
        AtomicReference<String> prev = new AtomicReference<>(GENESIS);
        long[] expected = {1};
        List<Object[]> broken = new ArrayList<>();
        long pending = jdbc.sql("select count(*) from audit_entries where seq is null and county_code = ?").param(county)
                .query(Long.class).single();
        jdbc.sql("select * from audit_entries where county_code = ? and seq is not null order by seq").param(county).query(rs -> {
            if (!broken.isEmpty()) {
                return;
            }
            AuditEntry e = map(rs, 0);
            String recomputed = hash(e.prevHash(), e.countyCode(), e.seq(), e.at(), e.actorId(), e.actorName(), e.action(),
                    e.entityType(), e.entityId(), e.subjectPersonId(), e.before(), e.after());
            if (e.seq() != expected[0]) {
                broken.add(new Object[] {expected[0], "缺少条目 / entry missing"});
            } else if (e.prevHash() == null || !e.prevHash().equals(prev.get())) {
                broken.add(new Object[] {e.seq(), "链接断开 / previous hash does not match"});
            } else if (!recomputed.equals(e.hash())) {
                broken.add(new Object[] {e.seq(), "内容被修改 / entry was altered"});
            }
            prev.set(e.hash());
            expected[0]++;
        });
        long count = expected[0] - 1;
        if (broken.isEmpty()) {
            var head = jdbc.sql("select seq, hash from audit_heads where county_code = ?").param(county)
                    .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional();
            long headSeq = head.map(h -> (long) h[0]).orElse(0L);
            if (headSeq > count || (head.isPresent() && headSeq == count && !head.get()[1].equals(prev.get()))) {
                return new ChainCheck(county, false, count, count + 1, "末尾条目被删除 / entries removed from the end", pending);
            }
            if (headSeq < count) {
                return new ChainCheck(county, false, count, headSeq + 1, "链尾之后多出条目 / entries added after the chain's head", pending);
            }
            return new ChainCheck(county, true, count, null, null, pending);
        }
        return new ChainCheck(county, false, count, (Long) broken.get(0)[0], (String) broken.get(0)[1], pending);
    }

    /** Search by the person the entry concerns, by account, by time; newest first, paged. */
    public Page<AuditEntry> search(Long personId, Long accountId, String action, LocalDateTime from, LocalDateTime to,
            int page, int size) {
        Page.check(page, size);
        Actor a = ScopeGuard.actor();
        requireReader(a.countyCode());
        StringBuilder where = new StringBuilder(" where county_code = :county");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("county", a.countyCode());
        if (personId != null) {
            where.append(" and subject_person_id = :person");
            p.put("person", personId);
        }
        if (accountId != null) {
            where.append(" and actor_id = :account");
            p.put("account", accountId);
        }
        if (action != null && !action.isBlank()) {
            where.append(" and action like :action");
            p.put("action", action.trim() + "%");
        }
        if (from != null) {
            where.append(" and at >= :from");
            p.put("from", from);
        }
        if (to != null) {
            where.append(" and at < :to");
            p.put("to", to);
        }
        long total = jdbc.sql("select count(*) from audit_entries" + where).params(p).query(Long.class).single();
        List<AuditEntry> items = jdbc.sql("select * from audit_entries" + where + " order by id desc limit :limit offset :offset")
                .params(p).param("limit", size).param("offset", (long) page * size).query(AuditTrail::map).list();
        return new Page<>(items, page, size, total);
    }

    private static void requireReader(String county) {
        Actor a = ScopeGuard.actor();
        if (!READERS.contains(a.role()) || !a.countyCode().equals(county)) {
            throw new NotFoundException("未找到 / not found");
        }
    }

    static String hash(String prev, String county, long seq, LocalDateTime at, Long actorId, String actorName, String action,
            String entityType, String entityId, Long person, String before, String after) {
        String text = String.join("\u001f", prev, county, Long.toString(seq), at.truncatedTo(ChronoUnit.MILLIS).toString(),
                String.valueOf(actorId), String.valueOf(actorName), action, String.valueOf(entityType), String.valueOf(entityId),
                String.valueOf(person), String.valueOf(before), String.valueOf(after));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3990) + "…";
    }

    private static AuditEntry map(ResultSet rs, int i) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getString("county_code"), rs.getObject("seq", Long.class),
                rs.getObject("at", LocalDateTime.class), rs.getObject("actor_id", Long.class), rs.getString("actor_name"),
                rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
                rs.getObject("subject_person_id", Long.class), rs.getString("before_value"), rs.getString("after_value"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
