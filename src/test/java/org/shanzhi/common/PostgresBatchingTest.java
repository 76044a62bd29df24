package org.shanzhi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class PostgresBatchingTest {

    private static HikariDataSource pool(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        PostgresBatching.postgresBatchedInserts().postProcessBeforeInitialization(ds, "dataSource");
        return ds;
    }

    @Test
    void aPostgresPoolSendsBatchedInsertsAsMultiRowInserts() {
        try (HikariDataSource ds = pool("jdbc:postgresql://localhost:5432/shanzhi")) {
            assertEquals("true", ds.getDataSourceProperties().getProperty(PostgresBatching.PROPERTY));
        }
    }

    @Test
    void h2AndAnExplicitUrlSettingAreLeftAlone() {
        try (HikariDataSource h2 = pool("jdbc:h2:mem:x;MODE=PostgreSQL")) {
            assertNull(h2.getDataSourceProperties().getProperty(PostgresBatching.PROPERTY));
        }
        try (HikariDataSource pg = pool("jdbc:postgresql://localhost:5432/shanzhi?reWriteBatchedInserts=false")) {
            assertNull(pg.getDataSourceProperties().getProperty(PostgresBatching.PROPERTY));
        }
    }
}
