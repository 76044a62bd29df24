package org.shanzhi.sharding;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.yaml.snakeyaml.Yaml;

/**
 * The sharded profile's DataSource: ShardingSphere-JDBC's driver over the YAML configuration (sharding/sharded.yaml
 * or the file in {@code shanzhi.sharding.config}). Before the engine starts, every physical database is brought to
 * the same schema with Flyway (the same migrations as the single-database mode; Spring Boot's own Flyway run is off
 * in this profile, it would go through the engine) and gets Spring Modulith's event table.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sharded")
public class ShardedDataSourceConfig {

    private static final Logger log = LoggerFactory.getLogger(ShardedDataSourceConfig.class);

    @Bean
    public DataSource dataSource(Environment env,
                                 @Value("${shanzhi.sharding.config:classpath:sharding/sharded.yaml}") String config,
                                 @Value("${spring.datasource.hikari.maximum-pool-size:20}") int poolSize,
                                 @Value("${shanzhi.sharding.connection-timeout-ms:20000}") long connectionTimeout) throws IOException {
        Path resolved = resolve(env, config);
        for (Map.Entry<String, Map<String, Object>> ds : physical(resolved).entrySet()) {
            migrate(ds.getKey(), ds.getValue());
        }
        HikariDataSource h = new HikariDataSource();
        h.setPoolName("shardingsphere");
        h.setDriverClassName("org.apache.shardingsphere.driver.ShardingSphereDriver");
        h.setJdbcUrl("jdbc:shardingsphere:absolutepath:" + resolved);
        h.setMaximumPoolSize(poolSize);
        h.setConnectionTimeout(connectionTimeout);
        return h;
    }

    /** The YAML with the app's ${...} placeholders filled from its environment, written to a private file. */
    static Path resolve(Environment env, String location) throws IOException {
        Resource r = new DefaultResourceLoader().getResource(location);
        String text;
        try (InputStream in = r.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (env.getProperty("shanzhi.sharding.mapping-file") == null) {
            throw new IllegalStateException("shanzhi.sharding.mapping-file (SHANZHI_SHARDING_MAPPING_FILE) must name the county mapping file");
        }
        String filled = env.resolveRequiredPlaceholders(text);
        Path out = Files.createTempFile("shanzhi-sharding-", ".yaml");
        out.toFile().deleteOnExit();
        Files.writeString(out, filled, StandardCharsets.UTF_8);
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> physical(Path yaml) {
        try {
            // the rule tags (!SHARDING ...) are the engine's; only the data sources are read here
            String text = Files.readString(yaml, StandardCharsets.UTF_8).replaceAll("(?m)^(\\s*-\\s*)!\\w+", "$1");
            Map<String, Object> root = new Yaml().load(text);
            return new LinkedHashMap<>((Map<String, Map<String, Object>>) root.get("dataSources"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void migrate(String name, Map<String, Object> ds) {
        String url = String.valueOf(ds.get("jdbcUrl"));
        String user = String.valueOf(ds.get("username"));
        String password = ds.get("password") == null ? "" : String.valueOf(ds.get("password"));
        DriverManagerDataSource plain = new DriverManagerDataSource(url, user, password);
        var result = Flyway.configure().dataSource(plain).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        ResourceDatabasePopulator events = new ResourceDatabasePopulator(
                new ClassPathResource("org/springframework/modulith/events/jdbc/schemas/v2/schema-postgresql.sql"));
        events.execute(plain);
        log.info("shard {} ({}): {} migrations applied, schema version {}", name, url, result.migrationsExecuted,
                result.targetSchemaVersion);
    }
}
