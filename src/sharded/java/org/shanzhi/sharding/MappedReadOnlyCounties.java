package org.shanzhi.sharding;

import org.shanzhi.common.ReadOnlyCounties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The counties the mapping file marks {@code readonly=} (move-county's switch): their writes wait. */
@Component
@Profile("sharded")
public class MappedReadOnlyCounties implements ReadOnlyCounties {

    @Override
    public boolean isReadOnly(String countyCode) {
        CountyShardMap map = CountyShardMap.current();
        return map != null && map.snapshot().readOnly().contains(countyCode);
    }
}
