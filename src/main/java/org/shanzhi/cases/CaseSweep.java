package org.shanzhi.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.TimeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The overdue sweep: finds cases whose timer ran out and escalates them one level (琼海 四级化事法), marks
 * them overdue at the top level, or closes an unrated case after the rating window. Safe with several app
 * nodes: every node may read the same candidates, but each step claims its case with a conditional UPDATE on
 * the version it read, and only the node whose UPDATE changed the row logs and acts.
 *
 * <p>Set-based: the escalations and overdue marks of a batch of 500 candidates are one transaction per county
 * ({@link CaseDesk#sweepBatch}: one JDBC batch of conditional UPDATEs, one of case-log rows, the audit entries in
 * one batch at commit) instead of one transaction per case. Within a county the rows are locked in the candidate
 * order (timer, id), the same on every node, so two sweeps wait for each other but do not deadlock. If a batch
 * fails, its cases are retried one transaction per case, so one bad case stops nothing else; the rarer steps
 * (closing an unrated case, dropping a stale timer) are one transaction per case as before.
 *
 * <p>The candidate query is the one query without a county filter: the sweep serves the whole database (or
 * shard) and reads the {@code cases_timer} index range {@code timer_at <= now}, which holds only the cases due
 * now however many are open.
 */
@Service
public class CaseSweep {

    private static final Logger log = LoggerFactory.getLogger(CaseSweep.class);
    static final int BATCH = 500;

    private record Candidate(String county, long id, int version, LocalDateTime timerAt) {
    }

    private final JdbcClient jdbc;
    private final CaseDesk desk;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean enabled;

    CaseSweep(JdbcClient jdbc, CaseDesk desk, TransactionTemplate tx, Clock clock,
            @Value("${shanzhi.cases.sweep.enabled:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.desk = desk;
        this.tx = tx;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${shanzhi.cases.sweep.interval-ms:60000}", initialDelayString = "${shanzhi.cases.sweep.initial-delay-ms:60000}")
    void scheduled() {
        if (enabled) {
            long start = System.nanoTime();
            int n = sweep(clock.instant());
            if (n > 0) {
                log.info("case sweep acted on {} cases in {} ms", n, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    /** Acts on every case due at {@code now}; returns how many cases this call changed. */
    public int sweep(Instant now) {
        LocalDateTime t = LocalDateTime.ofInstant(now, TimeConfig.ZONE);
        int acted = 0;
        Candidate last = null;
        while (true) {
            List<Candidate> batch = last == null
                    ? jdbc.sql("select county_code, id, version, timer_at from cases where timer_at <= ? order by timer_at, id limit ?")
                            .params(t, BATCH).query(CaseSweep::candidate).list()
                    : jdbc.sql("""
                            select county_code, id, version, timer_at from cases
                            where timer_at <= ? and (timer_at > ? or (timer_at = ? and id > ?)) order by timer_at, id limit ?""")
                            .params(t, last.timerAt(), last.timerAt(), last.id(), BATCH).query(CaseSweep::candidate).list();
            Map<String, List<Candidate>> byCounty = new LinkedHashMap<>();
            for (Candidate c : batch) {
                byCounty.computeIfAbsent(c.county(), k -> new ArrayList<>()).add(c);
            }
            for (var e : byCounty.entrySet()) {
                acted += actOn(e.getKey(), e.getValue(), t);
            }
            if (batch.size() < BATCH) {
                return acted;
            }
            last = batch.get(batch.size() - 1);
        }
    }

    /** One county's candidates of a batch: the common steps set-based in one transaction, the rest one by one. */
    private int actOn(String county, List<Candidate> candidates, LocalDateTime now) {
        Map<Long, Integer> versions = new LinkedHashMap<>();
        candidates.forEach(c -> versions.put(c.id(), c.version()));
        Set<Long> rest = new HashSet<>();
        List<Long> acted;
        try {
            acted = ScopeGuard.asSystem(county, () -> tx.execute(s -> desk.sweepBatch(county, versions, now, rest)));
        } catch (RuntimeException e) { // e.g. a deadlock or lock timeout with a person's change; the batch rolled back
            log.warn("case sweep batch of {} cases in {} failed, one by one instead: {}", candidates.size(), county, e.getMessage());
            int n = 0;
            for (Candidate c : candidates) {
                n += actOn(c, now) ? 1 : 0;
            }
            return n;
        }
        int n = acted.size();
        for (Candidate c : candidates) {
            if (rest.contains(c.id()) && actOn(c, now)) {
                n++;
            }
        }
        return n;
    }

    private boolean actOn(Candidate c, LocalDateTime now) {
        try {
            return ScopeGuard.asSystem(c.county(),
                    () -> Boolean.TRUE.equals(tx.execute(s -> desk.sweepOne(c.county(), c.id(), c.version(), now))));
        } catch (ConflictException lost) {
            return false; // another node claimed it first
        } catch (DataAccessException e) {
            log.warn("case sweep skipped case {}/{}: {}", c.county(), c.id(), e.getMessage());
            return false;
        }
    }

    private static Candidate candidate(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Candidate(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getObject(4, LocalDateTime.class));
    }
}
