package org.shanzhi.sharding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Moves one county's rows to another database of the sharded deployment:
 * {@code java -jar shanzhi.jar move-county --county 469027 --to ds_0} (environment as for the app: the shard URLs,
 * SHANZHI_DB_USER/PASSWORD, SHANZHI_SHARDING_MAPPING_FILE, optionally SHANZHI_SHARDING_CONFIG).
 *
 * <ol>
 * <li>marks the county read-only in the mapping file and waits until every node has seen it and in-flight writes are
 * done ({@code --grace-ms}, default 3000): the app answers the county's writes 503 with Retry-After meanwhile;</li>
 * <li>copies every county-owned table's rows of the county to the target in <b>one</b> transaction, after deleting any
 * copy an interrupted earlier run left there;</li>
 * <li>verifies: per table the row count and an md5 of all rows' text are equal on both sides; the audit hash chain
 * links entry to entry on the target and ends in the county's audit head (entries not chained yet are copied as they
 * are: the audit chaining job leaves a read-only county alone and chains them on the target after the move); the
 * ledger sums are equal;</li>
 * <li>switches the mapping to the target (an atomic file rename), waits the grace period again, lifts read-only;</li>
 * <li>deletes the county's rows from every other database, in one transaction.</li>
 * </ol>
 * Killed at any point, nothing is lost: before the switch the mapping still names the source, which still holds
 * everything; after it the target holds a verified copy. Running the same command again finishes the move (a
 * county left read-only by a kill stays so until then).
 *
 * <p>Only one move of a county runs at a time: the command holds a PostgreSQL advisory lock on the reference database
 * (the first data source) for its whole run and waits for it while another move of the same county holds it. The lock
 * belongs to the command's connection, so a killed command releases it at once. Without it a second run started while
 * the first was still alive copied into the same target rows (duplicate keys), or, moving the other way, finished and
 * cleaned the copy the first run was about to switch the mapping to.
 */
public final class MoveCounty {

    private final Map<String, Map<String, Object>> shards;
    private final CountyShardMap map;
    private final long graceMs;
    private final long stepPauseMs;
    /** Told each phase as it is reached (tests wait on it); the command itself only prints. */
    java.util.function.Consumer<String> onStep = phase -> { };

    MoveCounty(Map<String, Map<String, Object>> shards, CountyShardMap map, long graceMs, long stepPauseMs) {
        this.shards = shards;
        this.map = map;
        this.graceMs = graceMs;
        this.stepPauseMs = stepPauseMs;
    }

    public static void main(String[] args) throws Exception {
        String county = null, to = null;
        long grace = 3000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "move-county" -> { }
                case "--county" -> county = args[++i];
                case "--to" -> to = args[++i];
                case "--grace-ms" -> grace = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (county == null || !county.matches("\\d{6}") || to == null) {
            System.err.println("usage: move-county --county 469027 --to ds_1 [--grace-ms 3000]");
            System.exit(2);
        }
        String mapping = env("SHANZHI_SHARDING_MAPPING_FILE", null);
        String config = env("SHANZHI_SHARDING_CONFIG", "classpath:sharding/sharded.yaml");
        Map<String, Map<String, Object>> shards = dataSources(config);
        long pause = Long.parseLong(env("SHANZHI_MOVE_STEP_PAUSE_MS", "0"));
        new MoveCounty(shards, CountyShardMap.of(Path.of(Objects.requireNonNull(mapping, "SHANZHI_SHARDING_MAPPING_FILE"))), grace, pause)
                .move(county, to);
    }

    static String env(String name, String def) {
        String v = System.getProperty(name);
        if (v == null) {
            v = System.getenv(name);
        }
        return v != null ? v : def;
    }

    /** The data sources of the sharding YAML, with ${NAME} / ${NAME:default} filled from the environment. */
    static Map<String, Map<String, Object>> dataSources(String location) throws IOException {
        String text;
        try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env(m.group(1), m.group(2));
            if (v == null && m.group(1).equals("shanzhi.sharding.mapping-file")) {
                v = env("SHANZHI_SHARDING_MAPPING_FILE", "");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(sb);
        Path tmp = Files.createTempFile("move-county-", ".yaml");
        try {
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            return ShardedDataSourceConfig.physical(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Connection connect(String shard) throws SQLException {
        Map<String, Object> ds = shards.get(shard);
        if (ds == null) {
            throw new IllegalArgumentException("no data source " + shard + " (known: " + shards.keySet() + ")");
        }
        return DriverManager.getConnection(String.valueOf(ds.get("jdbcUrl")), String.valueOf(ds.get("username")),
                ds.get("password") == null ? "" : String.valueOf(ds.get("password")));
    }

    private void step(String phase, String detail) throws InterruptedException {
        System.out.println("move-county phase=" + phase + " " + detail);
        System.out.flush();
        onStep.accept(phase);
        if (stepPauseMs > 0) {
            Thread.sleep(stepPauseMs);
        }
    }

    /** Advisory lock key space of move-county (with the county code as the second key). */
    static final int LOCK_SPACE = 0x4d4f5645; // "MOVE"

    void move(String county, String to) throws Exception {
        if (!shards.containsKey(to)) {
            throw new IllegalArgumentException("no data source " + to + " (known: " + shards.keySet() + ")");
        }
        String reference = shards.keySet().iterator().next();
        try (Connection lock = connect(reference)) {
            try (PreparedStatement ps = lock.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                ps.setInt(1, LOCK_SPACE);
                ps.setInt(2, Integer.parseInt(county));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        System.out.println("move-county: another move of " + county + " is running; waiting for it to end");
                        System.out.flush();
                        try (PreparedStatement wait = lock.prepareStatement("select pg_advisory_lock(?, ?)")) {
                            wait.setInt(1, LOCK_SPACE);
                            wait.setInt(2, Integer.parseInt(county));
                            wait.execute();
                        }
                    }
                }
            }
            // the lock is the connection's: closing it (or the command dying) releases it
            moveLocked(county, to);
        }
    }

    private void moveLocked(String county, String to) throws Exception {
        CountyShardMap.Snapshot s = map.reload();
        String from = s.shardOf(county);
        if (!to.equals(from)) {
            Set<String> ro = new LinkedHashSet<>(s.readOnly());
            ro.add(county);
            map.write(with(s.shards(), county, from), s.defaultShard(), ro);
            step("readonly", county + " read-only, waiting " + graceMs + " ms");
            Thread.sleep(graceMs);
            List<String> tables = countyTables(from);
            long rows = copy(county, from, to, tables);
            step("copied", rows + " rows of " + tables.size() + " tables " + from + " -> " + to);
            verify(county, from, to, tables);
            step("verified", "counts, row fingerprints, audit chain and ledger equal");
            s = map.reload();
            map.write(with(s.shards(), county, to), s.defaultShard(), s.readOnly());
            step("switched", county + " -> " + to);
        } else {
            step("switched", county + " already maps to " + to + "; finishing");
        }
        Thread.sleep(graceMs);
        s = map.reload();
        Set<String> ro = new LinkedHashSet<>(s.readOnly());
        ro.remove(county);
        map.write(s.shards(), s.defaultShard(), ro);
        step("writable", county + " writable again on " + to);
        for (String other : shards.keySet()) {
            if (!other.equals(to)) {
                long gone = delete(county, other, countyTables(other));
                step("cleaned", gone + " rows of " + county + " removed from " + other);
            }
        }
        System.out.println("move-county done: " + county + " on " + to);
    }

    private static Map<String, String> with(Map<String, String> shards, String county, String shard) {
        Map<String, String> m = new LinkedHashMap<>(shards);
        m.put(county, shard);
        return m;
    }

    /** County-owned tables: every table with county_code except the broadcast territory. */
    List<String> countyTables(String shard) throws SQLException {
        List<String> t = new ArrayList<>();
        try (Connection c = connect(shard); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select table_name from information_schema.columns where table_schema = current_schema()"
                     + " and column_name = 'county_code' and table_name <> 'divisions' order by table_name")) {
            while (rs.next()) {
                t.add(rs.getString(1));
            }
        }
        return t;
    }

    private long delete(String county, String shard, List<String> tables) throws SQLException {
        long n = 0;
        try (Connection c = connect(shard)) {
            c.setAutoCommit(false);
            for (String t : tables) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + t + " where county_code = ?")) {
                    ps.setString(1, county);
                    n += ps.executeUpdate();
                }
            }
            c.commit();
        }
        return n;
    }

    private long copy(String county, String from, String to, List<String> tables) throws SQLException {
        long n = 0;
        try (Connection src = connect(from); Connection dst = connect(to)) {
            src.setAutoCommit(false);
            src.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot of the county
            dst.setAutoCommit(false);
            for (String t : tables) {
                try (PreparedStatement del = dst.prepareStatement("delete from " + t + " where county_code = ?")) {
                    del.setString(1, county);
                    del.executeUpdate(); // a copy left by an interrupted run
                }
                try (PreparedStatement q = src.prepareStatement("select * from " + t + " where county_code = ?")) {
                    q.setString(1, county);
                    q.setFetchSize(5000);
                    try (ResultSet rs = q.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        int cols = md.getColumnCount();
                        StringBuilder names = new StringBuilder(), marks = new StringBuilder();
                        for (int i = 1; i <= cols; i++) {
                            names.append(i > 1 ? ", " : "").append('"').append(md.getColumnName(i)).append('"');
                            marks.append(i > 1 ? ", " : "").append('?');
                        }
                        try (PreparedStatement ins = dst.prepareStatement("insert into " + t + " (" + names + ") values (" + marks + ")")) {
                            int batch = 0;
                            while (rs.next()) {
                                for (int i = 1; i <= cols; i++) {
                                    ins.setObject(i, rs.getObject(i), md.getColumnType(i));
                                }
                                ins.addBatch();
                                n++;
                                if (++batch == 1000) {
                                    ins.executeBatch();
                                    batch = 0;
                                }
                            }
                            if (batch > 0) {
                                ins.executeBatch();
                            }
                        }
                    }
                }
            }
            dst.commit();
            src.commit();
        }
        return n;
    }

    private void verify(String county, String from, String to, List<String> tables) throws SQLException {
        try (Connection a = connect(from); Connection b = connect(to)) {
            for (String t : tables) {
                String fp = "select count(*) || ' ' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from " + t
                        + " x where county_code = ?";
                String fa = one(a, fp, county), fb = one(b, fp, county);
                if (!fa.equals(fb)) {
                    throw new IllegalStateException("table " + t + " differs after the copy: " + from + " " + fa + ", " + to + " " + fb
                            + " (a write reached the county during the move?) — nothing switched; run again");
                }
            }
            // the audit chain links entry to entry on the target and ends in the county's head
            String broken = one(b, """
                    select count(*) from (select prev_hash, lag(hash) over (order by seq) as before, seq,
                                                 lag(seq) over (order by seq) as seq_before
                                          from audit_entries where county_code = ? and seq is not null) c
                    where (seq_before is not null and (prev_hash <> before or seq <> seq_before + 1))""", county);
            if (!broken.equals("0")) {
                throw new IllegalStateException("audit chain of " + county + " on " + to + " has " + broken + " broken links");
            }
            String headA = one(a, "select coalesce(max(seq), 0) || ' ' || coalesce(max(hash), '') from audit_heads where county_code = ?", county);
            String lastB = one(b, "select coalesce(max(seq), 0) || ' ' || coalesce((select hash from audit_entries where county_code = ? and seq is not null order by seq desc limit 1), '') from audit_entries where county_code = ?",
                    county, county);
            if (!headA.equals(lastB) && !headA.equals("0 ")) {
                throw new IllegalStateException("audit head " + headA + " does not match the last entry " + lastB + " on " + to);
            }
            String ledger = "select count(*) || ' ' || coalesce(sum(points), 0) from points_ledger where county_code = ?";
            if (!one(a, ledger, county).equals(one(b, ledger, county))) {
                throw new IllegalStateException("ledger of " + county + " differs");
            }
            String balances = "select coalesce(sum(honour), 0) || ' ' || coalesce(sum(spendable), 0) from points_balances where county_code = ?";
            if (!one(a, balances, county).equals(one(b, balances, county))) {
                throw new IllegalStateException("points balances of " + county + " differ");
            }
        }
    }

    private static String one(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
