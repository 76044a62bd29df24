package org.shanzhi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.Audited;
import org.shanzhi.common.Ids;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.Api;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class AuditChainTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    /** Each test chains its own county, so tampering here does not touch the demo county's chain. */
    private String county(String code) {
        for (int i = 0; i < 5; i++) {
            int n = i;
            ScopeGuard.asSystem(code, () -> tx.execute(s -> {
                events.publishEvent(new Audited(code, "test.change", "thing", "t" + n, 42L, "v" + n, "v" + (n + 1)));
                return null;
            }));
        }
        trail.chainPending();
        return code;
    }

    private void write(String c, String action) {
        ScopeGuard.asSystem(c, () -> tx.execute(s -> {
            events.publishEvent(new Audited(c, action, "thing", action, null, null, action));
            return null;
        }));
    }

    private List<String> chainOrder(String c) {
        return jdbc.queryForList("select action from audit_entries where county_code = ? and seq is not null order by seq", String.class, c);
    }

    private ChainCheck verify(String code) {
        return ScopeGuard.asSystem(code, () -> trail.verify(code));
    }

    @Test
    void anUntouchedChainVerifies() {
        String c = county("990001");
        assertThat(verify(c)).satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.entries()).isEqualTo(5);
        });
    }

    @Test
    void anEditedEntryIsFound() {
        String c = county("990002");
        jdbc.update("update audit_entries set after_value = 'forged' where county_code = ? and seq = 3", c);
        ChainCheck check = verify(c);
        assertThat(check.ok()).isFalse();
        assertThat(check.firstBrokenSeq()).isEqualTo(3);
    }

    @Test
    void aDeletedEntryIsFound() {
        String c = county("990003");
        jdbc.update("delete from audit_entries where county_code = ? and seq = 2", c);
        assertThat(verify(c).firstBrokenSeq()).isEqualTo(2);
    }

    @Test
    void aDeletedLastEntryIsFound() {
        String c = county("990004");
        jdbc.update("delete from audit_entries where county_code = ? and seq = 5", c);
        assertThat(verify(c).ok()).isFalse();
    }

    @Test
    void anEntryWithARecomputedHashStillBreaksTheLinkToItsSuccessor() {
        String c = county("990005");
        Map<String, Object> e = jdbc.queryForMap("select * from audit_entries where county_code = ? and seq = 2", c);
        String forged = AuditTrail.hash((String) e.get("prev_hash"), c, 2, ((java.sql.Timestamp) e.get("at")).toLocalDateTime(),
                0L, "system", "test.change", "thing", "t1", 42L, "v1", "forged");
        jdbc.update("update audit_entries set after_value = 'forged', hash = ? where county_code = ? and seq = 2", forged, c);
        assertThat(verify(c).firstBrokenSeq()).isEqualTo(3);
    }

    @Test
    void anEntryAppendedAfterTheHeadIsFound() {
        String c = county("990008");
        Map<String, Object> last = jdbc.queryForMap("select * from audit_entries where county_code = ? and seq = 5", c);
        LocalDateTime at = ((java.sql.Timestamp) last.get("at")).toLocalDateTime();
        String forged = AuditTrail.hash((String) last.get("hash"), c, 6, at, null, null, "test.forged", "thing", "f", null, null, "x");
        jdbc.update("""
                insert into audit_entries (id, county_code, seq, at, action, entity_type, entity_id, after_value, prev_hash, hash)
                values (?, ?, 6, ?, 'test.forged', 'thing', 'f', 'x', ?, ?)""", Ids.next(), c, at, last.get("hash"), forged);
        ChainCheck check = verify(c);
        assertThat(check.ok()).isFalse();
        assertThat(check.firstBrokenSeq()).isEqualTo(6);
    }

    /**
     * A writer inserts its entry unchained and never touches the county's head: it commits while another transaction
     * holds the head row locked (with the head locked in every writer's transaction, a county's writes went one by one).
     */
    @Test
    void aWriterDoesNotWaitOnTheChainHead() throws Exception {
        String c = county("990006");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            tx.execute(s -> {
                jdbc.queryForMap("select seq from audit_heads where county_code = ? for update", c);
                try {
                    other.submit(() -> write(c, "test.during")).get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the writer waited for the locked chain head", e);
                }
                return null;
            });
        } finally {
            other.shutdownNow();
        }
        assertThat(verify(c)).satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.entries()).isEqualTo(5);
            assertThat(r.pending()).isEqualTo(1);
        });
        assertThat(trail.chainPending()).isEqualTo(1);
        assertThat(verify(c)).satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.entries()).isEqualTo(6);
            assertThat(r.pending()).isZero();
        });
        assertThat(chainOrder(c)).last().isEqualTo("test.during");
    }

    @Test
    void theJobChainsCommittedEntriesInIdOrder() {
        String c = "990009";
        for (int i = 0; i < AuditTrail.CHAIN_BATCH + 20; i++) { // more than one batch
            write(c, "test.n" + i);
        }
        List<Long> ids = jdbc.queryForList("select id from audit_entries where county_code = ? order by id", Long.class, c);
        assertThat(trail.chainPending()).isEqualTo(AuditTrail.CHAIN_BATCH + 20);
        assertThat(jdbc.queryForList("select id from audit_entries where county_code = ? order by seq", Long.class, c)).isEqualTo(ids);
        assertThat(chainOrder(c)).startsWith("test.n0", "test.n1", "test.n2").endsWith("test.n" + (AuditTrail.CHAIN_BATCH + 19));
        assertThat(verify(c).ok()).isTrue();
    }

    /**
     * An entry whose transaction commits after a younger entry was chained (ids are made at insert, commits may come in
     * the other order) is chained by a later run, after it: the chain follows the order in which entries became
     * visible, and no entry is skipped.
     */
    @Test
    void anEntryCommittedAfterAYoungerOneIsChainedAfterIt() throws Exception {
        String c = "990010";
        ExecutorService other = Executors.newSingleThreadExecutor();
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<?> slow = other.submit(() -> ScopeGuard.asSystem(c, () -> tx.execute(s -> {
                events.publishEvent(new Audited(c, "test.old", "thing", "a", null, null, "older id"));
                inserted.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            })));
            assertThat(inserted.await(20, TimeUnit.SECONDS)).isTrue();
            write(c, "test.young");
            assertThat(trail.chainPending()).isEqualTo(1);
            release.countDown();
            slow.get(20, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        assertThat(trail.chainPending()).isEqualTo(1);
        assertThat(chainOrder(c)).containsExactly("test.young", "test.old");
        long older = jdbc.queryForObject("select id from audit_entries where county_code = ? and action = 'test.old'", Long.class, c);
        long younger = jdbc.queryForObject("select id from audit_entries where county_code = ? and action = 'test.young'", Long.class, c);
        assertThat(older).isLessThan(younger);
        assertThat(verify(c)).satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.entries()).isEqualTo(2);
        });
    }

    @Test
    void twoChainingJobsAtOnceChainEachEntryOnce() throws Exception {
        String c = "990011";
        int n = AuditTrail.CHAIN_BATCH * 2 + 30;
        List<Object[]> rows = new java.util.ArrayList<>();
        LocalDateTime at = LocalDateTime.of(2026, 3, 3, 9, 0);
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {Ids.next(), c, at, "test.bulk", "thing", "b" + i});
        }
        jdbc.batchUpdate("insert into audit_entries (id, county_code, at, action, entity_type, entity_id) values (?, ?, ?, ?, ?, ?)", rows);
        ExecutorService two = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(() -> {
                    start.await();
                    return trail.chainPending();
                }));
            }
            start.countDown();
            assertThat(runs.get(0).get(60, TimeUnit.SECONDS) + runs.get(1).get(60, TimeUnit.SECONDS)).isEqualTo(n);
        } finally {
            two.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(distinct seq) from audit_entries where county_code = ?", Long.class, c)).isEqualTo(n);
        assertThat(verify(c)).satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.entries()).isEqualTo(n);
            assertThat(r.pending()).isZero();
        });
    }

    @Test
    void aRolledBackChangeLeavesNoEntry() {
        String c = "990007";
        ScopeGuard.asSystem(c, () -> tx.execute(s -> {
            events.publishEvent(new Audited(c, "test.undone", "thing", "x", null, null, null));
            s.setRollbackOnly();
            return null;
        }));
        assertThat(jdbc.queryForObject("select count(*) from audit_entries where county_code = ?", Long.class, c)).isZero();
    }

    @Test
    void theDemoCountysChainVerifiesAndIsSearchableByAuditorsOnly() throws Exception {
        String auditor = Api.token(mvc, "auditor");
        mvc.perform(get("/api/v1/audit").param("action", "login.succeeded").header("Authorization", Api.bearer(auditor)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[0].seq").doesNotExist()) // unchained entries show too
                .andExpect(jsonPath("$.items[0].action").value("login.succeeded"));
        trail.chainPending();
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", Api.bearer(auditor))).andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(true)).andExpect(jsonPath("$.pending").value(0));
        mvc.perform(get("/api/v1/audit").param("action", "login").param("from", LocalDateTime.of(2020, 1, 1, 0, 0).toString())
                        .header("Authorization", Api.bearer(auditor)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[0].action").exists());
        String cadre = Api.token(mvc, "village_cadre");
        mvc.perform(get("/api/v1/audit").header("Authorization", Api.bearer(cadre))).andExpect(status().isNotFound());
    }
}
