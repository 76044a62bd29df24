package org.shanzhi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A database made by the first release (its migrations only, newest V63) takes the migrations added since in lower,
 * module-banded versions (V12 points photos, V15 audit, V51 bank) when it upgrades with the application's own
 * Flyway configuration.
 */
@IntegrationTest
class MigrationUpgradeTest {

    /** The versions the first release shipped. */
    static final Set<String> FIRST_RELEASE = Set.of("1", "2", "3", "4", "10", "11", "20", "21", "22", "30", "31", "32", "33", "34",
            "40", "41", "42", "43", "50", "60", "61", "62", "63");

    @Autowired
    Flyway flyway;

    @Test
    void aDatabaseOfTheFirstReleaseTakesTheMigrationsAddedBelowItsNewestVersion(@TempDir Path old) throws IOException {
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*.sql")) {
            String version = r.getFilename().substring(1, r.getFilename().indexOf("__"));
            if (FIRST_RELEASE.contains(version)) {
                try (InputStream in = r.getInputStream()) {
                    Files.copy(in, old.resolve(r.getFilename()));
                }
            }
        }
        String url = "jdbc:h2:mem:upgrade-" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Flyway firstRelease = Flyway.configure().configuration(flyway.getConfiguration()).dataSource(url, "sa", "")
                .locations("filesystem:" + old).load();
        firstRelease.migrate();
        assertThat(firstRelease.info().current().getVersion().getVersion()).isEqualTo("63");

        Flyway now = Flyway.configure().configuration(flyway.getConfiguration()).dataSource(url, "sa", "").load();
        assertThat(now.migrate().success).isTrue();
        for (String added : new String[] {"12", "15", "51"}) {
            assertThat(now.info().all()).filteredOn(m -> m.getVersion() != null && m.getVersion().getVersion().equals(added))
                    .singleElement().extracting(MigrationInfo::getState).isEqualTo(MigrationState.OUT_OF_ORDER);
        }
        assertThat(now.info().pending()).isEmpty();
    }
}
