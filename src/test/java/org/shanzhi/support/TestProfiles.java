package org.shanzhi.support;

import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Profiles of the integration tests: "test", plus "sharded" when SHANZHI_SHARDED=true (reliability/sharded-test.sh
 * runs the data-access tests through ShardingSphere over two PostgreSQL clusters that way).
 */
public class TestProfiles implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        String sharded = System.getenv("SHANZHI_SHARDED");
        return "true".equals(sharded) ? new String[] {"test", "sharded"} : new String[] {"test"};
    }
}
