package org.shanzhi.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two move-county commands of one county at once (an operator reruns the command while the first one, thought
 * killed, still runs): the second waits for the first and then does its own move, so the county ends where the
 * second one sends it, with every row. Without the lock the second run, moving the county back, found the mapping
 * already naming its target, lifted read-only and deleted the first run's copy, which the first run then switched the
 * mapping to: every row of the county gone. Runs on the sharded test databases (reliability/sharded-test.sh), with a
 * county of its own that the other tests never use.
 */
@EnabledIfEnvironmentVariable(named = "SHANZHI_SHARD2_URL", matches = ".+")
class MoveCountyConcurrencyTest {

    static final String COUNTY = "469098";

    static Map<String, Map<String, Object>> shards() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        m.put("ds_0", ds(System.getenv("SHANZHI_SHARD1_URL")));
        m.put("ds_1", ds(System.getenv("SHANZHI_SHARD2_URL")));
        return m;
    }

    private static Map<String, Object> ds(String url) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("jdbcUrl", url);
        d.put("username", System.getenv("SHANZHI_DB_USER"));
        d.put("password", System.getenv("SHANZHI_DB_PASSWORD"));
        return d;
    }

    private static Connection connect(Map<String, Object> ds) throws Exception {
        return DriverManager.getConnection((String) ds.get("jdbcUrl"), (String) ds.get("username"), (String) ds.get("password"));
    }

    private static long count(Map<String, Object> ds, String table) throws Exception {
        try (Connection c = connect(ds); PreparedStatement ps = c.prepareStatement("select count(*) from " + table + " where county_code = ?")) {
            ps.setString(1, COUNTY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void seed(Map<String, Object> ds) throws Exception {
        try (Connection c = connect(ds)) {
            for (String t : new String[] {"households", "accounts"}) {
                try (PreparedStatement del = c.prepareStatement("delete from " + t + " where county_code = ?")) {
                    del.setString(1, COUNTY);
                    del.executeUpdate();
                }
            }
            for (int i = 1; i <= 3; i++) {
                try (PreparedStatement ps = c.prepareStatement("insert into households (id, county_code, village_code, number, address, created_at)"
                        + " values (?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, org.shanzhi.common.Ids.next());
                    ps.setString(2, COUNTY);
                    ps.setString(3, COUNTY + "100201");
                    ps.setString(4, "MV" + i);
                    ps.setString(5, "搬迁测试" + i + "号");
                    ps.setObject(6, LocalDateTime.of(2026, 3, 3, 9, 0));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into accounts (id, county_code, username, display_name, password_hash, role,"
                    + " scope_code, created_at) values (?, ?, ?, '搬迁测试', 'x', 'COUNTY_ADMIN', ?, ?)")) {
                ps.setLong(1, org.shanzhi.common.Ids.next());
                ps.setString(2, COUNTY);
                ps.setString(3, "move" + COUNTY);
                ps.setString(4, COUNTY);
                ps.setObject(5, LocalDateTime.of(2026, 3, 3, 9, 0));
                ps.executeUpdate();
            }
        }
    }

    @Test
    void aSecondMoveStartedWhileTheFirstRunsWaitsForItAndNoRowIsLost(@TempDir Path dir) throws Exception {
        Map<String, Map<String, Object>> shards = shards();
        for (Map.Entry<String, Map<String, Object>> e : shards.entrySet()) {
            ShardedDataSourceConfig.migrate(e.getKey(), e.getValue());
        }
        seed(shards.get("ds_0"));
        Path file = dir.resolve("counties.properties");
        Files.writeString(file, COUNTY + "=ds_0\ndefault=ds_1\n");
        CountyShardMap map = CountyShardMap.of(file);

        // the first run: to ds_1, slow between its phases; the second starts once the first has verified its copy
        MoveCounty first = new MoveCounty(shards, map, 0, 1500);
        CountDownLatch verified = new CountDownLatch(1);
        first.onStep = phase -> {
            if (phase.equals("verified")) {
                verified.countDown();
            }
        };
        AtomicReference<Throwable> firstFailed = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                first.move(COUNTY, "ds_1");
            } catch (Throwable e) {
                firstFailed.set(e);
            }
        });
        t.start();
        assertThat(verified.await(60, TimeUnit.SECONDS)).isTrue();

        new MoveCounty(shards, map, 0, 0).move(COUNTY, "ds_0");
        t.join(60_000);

        assertThat(firstFailed.get()).isNull();
        CountyShardMap.Snapshot s = map.reload();
        assertThat(s.shardOf(COUNTY)).isEqualTo("ds_0");
        assertThat(s.readOnly()).doesNotContain(COUNTY);
        assertThat(count(shards.get("ds_0"), "households")).isEqualTo(3);
        assertThat(count(shards.get("ds_0"), "accounts")).isEqualTo(1);
        assertThat(count(shards.get("ds_1"), "households")).isZero();
        assertThat(count(shards.get("ds_1"), "accounts")).isZero();
    }
}
