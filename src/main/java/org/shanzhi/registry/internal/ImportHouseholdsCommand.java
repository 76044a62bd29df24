package org.shanzhi.registry.internal;

import java.nio.file.Path;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.registry.HouseholdImport;
import org.shanzhi.registry.ImportResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code import-households --file F --county CODE}: a county's household sheet from the command line. */
@Component
@ConditionalOnProperty("shanzhi.import-households.file")
class ImportHouseholdsCommand implements ApplicationRunner, ExitCodeGenerator {

    private final HouseholdImport importer;
    private final String file;
    private final String county;
    private int exitCode;

    ImportHouseholdsCommand(HouseholdImport importer, @Value("${shanzhi.import-households.file}") String file,
            @Value("${shanzhi.import-households.county}") String county) {
        this.importer = importer;
        this.file = file;
        this.county = county;
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        Path path = Path.of(file);
        ImportResult r = ScopeGuard.asSystem(county, () -> importer.importPath(path.getFileName().toString(), path));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (r.imported()) {
            System.out.printf("imported %d households, %d persons in %.1f s (%.0f rows/s)%n", r.households(), r.persons(), seconds,
                    r.persons() / seconds);
        } else {
            System.out.printf("REFUSED: %d bad rows listed (nothing imported)%n", r.errors().size());
            r.errors().stream().limit(50).forEach(e -> System.out.printf("  row %d [%s]: %s%n", e.row(), e.column(), e.reason()));
        }
        exitCode = r.imported() ? 0 : 2;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
