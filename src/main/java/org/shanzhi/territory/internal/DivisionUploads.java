package org.shanzhi.territory.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.territory.ImportReport;
import org.shanzhi.territory.Territory;
import org.springframework.web.multipart.MultipartFile;

/** Division CSV files uploaded through the API or the console, imported like the command line does. */
public final class DivisionUploads {

    private static final List<String> NAMES = List.of("provinces.csv", "cities.csv", "areas.csv", "streets.csv", "villages.csv");

    private DivisionUploads() {
    }

    /** Stores the uploaded files in a temporary folder under their own names and imports them. */
    public static ImportReport importUploaded(Territory territory, List<MultipartFile> files, String county) throws IOException {
        if (files == null || files.isEmpty()) {
            throw new InvalidInputException("files", "请选择 areas.csv / streets.csv / villages.csv / choose the CSV files");
        }
        Path dir = Files.createTempDirectory("divisions");
        try {
            for (MultipartFile f : files) {
                String name = Path.of(f.getOriginalFilename() == null ? "" : f.getOriginalFilename()).getFileName().toString();
                if (!NAMES.contains(name)) {
                    throw new InvalidInputException("files", "文件名应为 areas.csv / streets.csv / villages.csv: " + name);
                }
                f.transferTo(dir.resolve(name));
            }
            return territory.importDivisions(dir, county == null || county.isBlank() ? null : county);
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }
}
