package org.shanzhi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.NewHousehold;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The sharded profile routes by county: run by reliability/sharded-test.sh, where the mapping file puts the demo
 * county 469030 on ds_0 (SHANZHI_SHARD1_URL) and every other county on ds_1 (SHANZHI_SHARD2_URL). Reads the two
 * databases directly, beside the engine, to see where rows really are.
 */
@IntegrationTest
@EnabledIfEnvironmentVariable(named = "SHANZHI_SHARDED", matches = "true")
class ShardedRoutingTest {

    static final String OTHER = "469096";

    @Autowired
    JdbcTemplate engine;
    @Autowired
    Territory territory;
    @Autowired
    Registry registry;

    static JdbcTemplate shard(String env) {
        return new JdbcTemplate(new DriverManagerDataSource(System.getenv(env), System.getenv("SHANZHI_DB_USER"),
                System.getenv("SHANZHI_DB_PASSWORD")));
    }

    private Household householdIn(String county, String village) {
        return ScopeGuard.asSystem(county, () -> registry.createHousehold(new NewHousehold(village, null, null,
                "S" + System.nanoTime() % 1_000_000_000L, "分片测试地址", null, List.of(), Map.of())));
    }

    private void secondCounty(Path dir) throws Exception {
        if (territory.find("469096100201").isPresent()) {
            return;
        }
        Files.writeString(dir.resolve("areas.csv"), "code,name,cityCode,provinceCode\n469096,\"分片测试县\",4690,46\n");
        Files.writeString(dir.resolve("streets.csv"), "code,name,areaCode,provinceCode,cityCode\n469096100,\"分片测试镇\",469096,46,4690\n");
        Files.writeString(dir.resolve("villages.csv"),
                "code,name,streetCode,provinceCode,cityCode,areaCode\n469096100201,\"分片测试村\",469096100,46,4690,469096\n");
        assertThat(ScopeGuard.asSystem("469030", () -> territory.importDivisions(dir, null)).ok()).isTrue();
    }

    @Test
    void eachCountysRowsLandOnItsOwnShardAndTheTerritoryOnBoth(@TempDir Path dir) throws Exception {
        secondCounty(dir);
        JdbcTemplate ds0 = shard("SHANZHI_SHARD1_URL");
        JdbcTemplate ds1 = shard("SHANZHI_SHARD2_URL");
        Household here = householdIn("469030", "469030101200");
        Household there = householdIn(OTHER, "469096100201");

        assertThat(ds0.queryForObject("select count(*) from households where id = ?", Long.class, here.id())).isEqualTo(1);
        assertThat(ds1.queryForObject("select count(*) from households where id = ?", Long.class, here.id())).isZero();
        assertThat(ds1.queryForObject("select count(*) from households where id = ?", Long.class, there.id())).isEqualTo(1);
        assertThat(ds0.queryForObject("select count(*) from households where id = ?", Long.class, there.id())).isZero();
        // the audit entry of each creation sits in its county's chain, on the county's shard
        assertThat(ds1.queryForObject("select count(*) from audit_entries where county_code = ? and entity_id = ?", Long.class,
                OTHER, String.valueOf(there.id()))).isEqualTo(1);
        assertThat(ds0.queryForObject("select count(*) from audit_entries where county_code = ?", Long.class, OTHER)).isZero();
        // the territory is broadcast: the same division rows on both databases
        String fp = "select count(*) || ':' || coalesce(sum(length(code) + length(name)), 0) from divisions";
        assertThat(ds0.queryForObject(fp, String.class)).isEqualTo(ds1.queryForObject(fp, String.class));
        assertThat(ds0.queryForObject("select count(*) from divisions where code = '469096100201'", Long.class)).isEqualTo(1);
        // the engine finds a household by id alone (no county in the statement): it asks both shards
        assertThat(engine.queryForObject("select county_code from households where id = ?", String.class, there.id())).isEqualTo(OTHER);
    }

    @Test
    void provinceFiguresAcrossCountiesAreTheSumsOfTheShards(@TempDir Path dir) throws Exception {
        secondCounty(dir);
        householdIn(OTHER, "469096100201");
        // a province-level read: counts per county over both shards, merged and ordered by the engine
        Map<String, Long> merged = new TreeMap<>();
        engine.query("select county_code, count(*) as n from households where county_code in ('469030', '469096') group by county_code order by n desc",
                rs -> {
                    merged.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, Long> physical = new TreeMap<>();
        for (JdbcTemplate s : List.of(shard("SHANZHI_SHARD1_URL"), shard("SHANZHI_SHARD2_URL"))) {
            s.query("select county_code, count(*) from households where county_code in ('469030', '469096') group by county_code",
                    rs -> {
                        physical.merge(rs.getString(1), rs.getLong(2), Long::sum);
                    });
        }
        assertThat(merged).isEqualTo(physical).containsKeys("469030", OTHER);
        // a total and a ranking across every county (no county in the statement): merged by the engine
        long total = engine.queryForObject("select count(*) from households", Long.class);
        assertThat(total).isEqualTo(physical.values().stream().mapToLong(Long::longValue).sum()
                + shard("SHANZHI_SHARD1_URL").queryForObject("select count(*) from households where county_code not in ('469030', '469096')", Long.class)
                + shard("SHANZHI_SHARD2_URL").queryForObject("select count(*) from households where county_code not in ('469030', '469096')", Long.class));
        List<String> top = engine.queryForList("select county_code from households group by county_code order by count(*) desc, county_code limit 1", String.class);
        assertThat(top).containsExactly("469030");
    }
}
