package org.shanzhi.common;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On PostgreSQL the driver sends a JDBC batch of INSERTs as multi-row INSERTs (reWriteBatchedInserts): a notice close
 * writes its ledger, score and audit rows in batches of thousands, one round trip per statement otherwise. Set for
 * the application's pool whatever the URL says (bench and production alike); H2 is left alone. Only INSERTs are
 * rewritten, and no caller reads the per-row counts of a batched INSERT (the driver reports them as SUCCESS_NO_INFO).
 */
@Configuration
public class PostgresBatching {

    public static final String PROPERTY = "reWriteBatchedInserts";

    @Bean
    static BeanPostProcessor postgresBatchedInserts() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource ds && ds.getJdbcUrl() != null && ds.getJdbcUrl().startsWith("jdbc:postgresql:")
                        && !ds.getJdbcUrl().contains(PROPERTY)) {
                    ds.addDataSourceProperty(PROPERTY, "true");
                }
                return bean;
            }
        };
    }
}
