package org.shanzhi.sharding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Properties;
import org.apache.shardingsphere.sharding.api.sharding.standard.PreciseShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.RangeShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.StandardShardingAlgorithm;

/**
 * ShardingSphere's routing of county_code to a database, from the province's mapping file ({@link CountyShardMap});
 * configured in sharded.yaml as a CLASS_BASED STANDARD algorithm with the property {@code mapping-file}.
 * A range of county codes (never issued by the product) routes to every database.
 */
public final class CountyShardingAlgorithm implements StandardShardingAlgorithm<String> {

    private CountyShardMap map;

    @Override
    public void init(Properties props) {
        String file = props.getProperty("mapping-file");
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("CountyShardingAlgorithm needs the property mapping-file");
        }
        map = CountyShardMap.of(Path.of(file));
        CountyShardMap.current = map;
    }

    @Override
    public String doSharding(Collection<String> targets, PreciseShardingValue<String> value) {
        String county = String.valueOf(value.getValue());
        String shard = map.snapshot().shardOf(county);
        if (shard == null || !targets.contains(shard)) {
            throw new IllegalStateException("county " + county + " has no database in " + map.file()
                    + " (got " + shard + ", known " + targets + ")");
        }
        return shard;
    }

    @Override
    public Collection<String> doSharding(Collection<String> targets, RangeShardingValue<String> value) {
        return new ArrayList<>(targets);
    }

    @Override
    public String getType() {
        return "SHANZHI_COUNTY";
    }
}
