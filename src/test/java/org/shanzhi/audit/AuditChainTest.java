package org.shanzhi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.Audited;
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
        return code;
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

    /**
     * The chain's head is taken at commit: a second writer of the county goes through while the first transaction is
     * still open (with the head locked at the first change it waited for the whole of the other request), and the
     * entries are chained in commit order.
     */
    @Test
    void aWriterDoesNotWaitForAnotherOpenTransactionOfTheCounty() throws Exception {
        String c = "990006";
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            ScopeGuard.asSystem(c, () -> tx.execute(s -> {
                events.publishEvent(new Audited(c, "test.slow", "thing", "a", null, null, "first"));
                try {
                    other.submit(() -> ScopeGuard.asSystem(c, () -> tx.execute(s2 -> {
                        events.publishEvent(new Audited(c, "test.fast", "thing", "b", null, null, "second"));
                        return null;
                    }))).get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the second writer waited for the open transaction", e);
                }
                return null;
            }));
        } finally {
            other.shutdownNow();
        }
        assertThat(jdbc.queryForList("select action from audit_entries where county_code = ? order by seq", String.class, c))
                .containsExactly("test.fast", "test.slow");
        assertThat(verify(c).ok()).isTrue();
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
        mvc.perform(get("/api/v1/audit/verify").header("Authorization", Api.bearer(auditor))).andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(true));
        mvc.perform(get("/api/v1/audit").param("action", "login").param("from", LocalDateTime.of(2020, 1, 1, 0, 0).toString())
                        .header("Authorization", Api.bearer(auditor)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[0].action").exists());
        String cadre = Api.token(mvc, "village_cadre");
        mvc.perform(get("/api/v1/audit").header("Authorization", Api.bearer(cadre))).andExpect(status().isNotFound());
    }
}
