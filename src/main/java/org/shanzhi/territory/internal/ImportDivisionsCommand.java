package org.shanzhi.territory.internal;

import java.nio.file.Path;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.territory.ImportReport;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code import-divisions --dir DIR [--county CODE]}: imports from the command line and reports per file. */
@Component
@ConditionalOnProperty("shanzhi.import-divisions.dir")
class ImportDivisionsCommand implements ApplicationRunner, ExitCodeGenerator {

    private final Territory territory;
    private final String dir;
    private final String county;
    private int exitCode;

    ImportDivisionsCommand(Territory territory, @Value("${shanzhi.import-divisions.dir}") String dir,
            @Value("${shanzhi.import-divisions.county:}") String county) {
        this.territory = territory;
        this.dir = dir;
        this.county = county;
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        ImportReport report = ScopeGuard.asSystem(county.isBlank() ? null : county,
                () -> territory.importDivisions(Path.of(dir), county.isBlank() ? null : county));
        for (ImportReport.FileResult f : report.files()) {
            System.out.printf("%-14s rows=%d inserted=%d updated=%d unchanged=%d %s%n", f.file(), f.rows(), f.inserted(),
                    f.updated(), f.unchanged(), f.applied() ? "applied" : "REFUSED (" + f.errorCount() + " bad rows)");
            f.errors().stream().limit(50).forEach(e -> System.out.printf("  %s line %d [%s]: %s%n", e.file(), e.line(), e.code(), e.reason()));
        }
        System.out.printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        exitCode = report.ok() ? 0 : 2;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
