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
import org.shanzhi.common.ScopeGuard;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The audit module's API: append (from events), search, verify the chain. */
@Service
public class AuditTrail {

    static final String GENESIS = "0".repeat(64);
    private static final Set<String> READERS = Set.of("SYSTEM", "COUNTY_ADMIN", "AUDITOR");

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
    }

    /**
     * Appends in the publisher's transaction, so the entry exists exactly when the change does. The entries of a
     * transaction are appended just before it commits: the county's head row (one chain per county, appended one
     * at a time) is then locked only for the two writes and the commit, not for the rest of the request — with the
     * lock taken at the first change, concurrent writers of a county queued behind whole requests.
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
                    appendAll(p.entries);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
                }
            });
            pending = p;
        }
        Actor actor = ScopeGuard.current().orElse(null);
        if (pending.flushed) {
            appendAll(List.of(new Entry(e, actor))); // published by another before-commit callback
        } else {
            pending.entries.add(new Entry(e, actor));
        }
    }

    private record Entry(Audited event, Actor actor) {
    }

    private static final class Pending {
        final List<Entry> entries = new ArrayList<>();
        boolean flushed;
    }

    /** Appends a transaction's entries in order: each county's head is locked once, the rows go in one batch. */
    private void appendAll(List<Entry> entries) {
        Map<String, List<Entry>> byCounty = new LinkedHashMap<>();
        for (Entry en : entries) {
            byCounty.computeIfAbsent(en.event().countyCode() == null ? "000000" : en.event().countyCode(), k -> new ArrayList<>()).add(en);
        }
        LocalDateTime at = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
        byCounty.forEach((county, list) -> {
            // lock the county's head row: entries of one county form one chain, appended one transaction at a time
            Object[] head = lockHead(county);
            long seq = (long) head[0];
            String prev = (String) head[1];
            List<Object[]> rows = new ArrayList<>(list.size());
            for (Entry en : list) {
                Audited e = en.event();
                seq++;
                Long actorId = en.actor() == null ? null : en.actor().accountId();
                String actorName = en.actor() == null ? null : en.actor().username();
                String entityId = e.entityId() == null || e.entityId().length() <= 100 ? e.entityId() : e.entityId().substring(0, 99) + "…";
                String before = clip(e.before());
                String after = clip(e.after());
                String hash = hash(prev, county, seq, at, actorId, actorName, e.action(), e.entityType(), entityId,
                        e.subjectPersonId(), before, after);
                rows.add(new Object[] {Ids.next(), county, seq, at, actorId, actorName, e.action(), e.entityType(), entityId,
                        e.subjectPersonId(), before, after, prev, hash});
                prev = hash;
            }
            batch.batchUpdate("""
                    insert into audit_entries (id, county_code, seq, at, actor_id, actor_name, action, entity_type, entity_id,
                                               subject_person_id, before_value, after_value, prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
            jdbc.sql("update audit_heads set seq = ?, hash = ? where county_code = ?").params(seq, prev, county).update();
        });
    }

    private Object[] lockHead(String county) {
        var row = jdbc.sql("select seq, hash from audit_heads where county_code = ? for update").param(county)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional();
        if (row.isPresent()) {
            return row.get();
        }
        try {
            jdbc.sql("insert into audit_heads (county_code, seq, hash) values (?, 0, ?)").params(county, GENESIS).update();
        } catch (DuplicateKeyException raced) {
            // another transaction created it first; lock theirs below
        }
        return jdbc.sql("select seq, hash from audit_heads where county_code = ? for update").param(county)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
    }

    /** Walks the county's chain; an edited, inserted or deleted entry breaks it. */
    public ChainCheck verify(String county) {
        requireReader(county);
        AtomicReference<String> prev = new AtomicReference<>(GENESIS);
        long[] expected = {1};
        List<Object[]> broken = new ArrayList<>();
        jdbc.sql("select * from audit_entries where county_code = ? order by seq").param(county).query(rs -> {
            if (!broken.isEmpty()) {
                return;
            }
            AuditEntry e = map(rs, 0);
            String recomputed = hash(e.prevHash(), e.countyCode(), e.seq(), e.at(), e.actorId(), e.actorName(), e.action(),
                    e.entityType(), e.entityId(), e.subjectPersonId(), e.before(), e.after());
            if (e.seq() != expected[0]) {
                broken.add(new Object[] {expected[0], "缺少条目 / entry missing"});
            } else if (!e.prevHash().equals(prev.get())) {
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
            if (head.isPresent() && ((long) head.get()[0] != count || !head.get()[1].equals(prev.get()))) {
                return new ChainCheck(county, false, count, count + 1, "末尾条目被删除 / entries removed from the end");
            }
            return new ChainCheck(county, true, count, null, null);
        }
        return new ChainCheck(county, false, count, (Long) broken.get(0)[0], (String) broken.get(0)[1]);
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
        List<AuditEntry> items = jdbc.sql("select * from audit_entries" + where + " order by seq desc limit :limit offset :offset")
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
        return new AuditEntry(rs.getLong("id"), rs.getString("county_code"), rs.getLong("seq"),
                rs.getObject("at", LocalDateTime.class), rs.getObject("actor_id", Long.class), rs.getString("actor_name"),
                rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
                rs.getObject("subject_person_id", Long.class), rs.getString("before_value"), rs.getString("after_value"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
