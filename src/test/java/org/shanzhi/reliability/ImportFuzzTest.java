package org.shanzhi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.registry.HouseholdImport;
import org.shanzhi.registry.ImportResult;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.territory.ImportReport;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generated files for every import parser: CSV with random columns, quoting, huge cells and broken encodings;
 * .xlsx that are random bytes, broken zips or zips of junk. An import never throws, never half-imports, and
 * a refused file names its rows. Seeded; the seed is printed and replayable with -Dfuzz.seed=...
 */
@IntegrationTest
@org.junit.jupiter.api.Order(Integer.MAX_VALUE) // after the scenario tests: see junit-platform.properties
class ImportFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int FILES = Integer.getInteger("fuzz.files", 100_000);
    private static final String[] HEADERS = {"户编号", "行政村代码", "村民小组代码", "地址", "户联系电话", "户标签", "姓名", "性别", "出生日期",
            "身份证号", "手机号", "与户主关系", "人员标签", "number", "junk", ""};

    @Autowired
    HouseholdImport importer;
    @Autowired
    Territory territory;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noGeneratedHouseholdFileBreaksTheImportOrHalfImports() throws Exception {
        System.out.println("ImportFuzzTest seed=" + SEED + " (replay: -Dfuzz.seed=" + SEED + ")");
        Random rnd = new Random(SEED);
        long households = count("households");
        long persons = count("persons");
        int imported = 0;
        for (int i = 0; i < FILES; i++) {
            boolean xlsx = rnd.nextInt(4) == 0;
            byte[] bytes = xlsx ? xlsx(rnd) : csv(rnd).getBytes(rnd.nextInt(10) == 0 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
            String name = xlsx ? "f.xlsx" : "f.csv";
            int n = i;
            ImportResult r = ScopeGuard.asSystem("469030", () -> {
                try {
                    return importer.importFile(name, new ByteArrayInputStream(bytes));
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + SEED + ", file " + n + " threw", e);
                }
            });
            if (r.imported()) {
                imported++;
                households += r.households();
                persons += r.persons();
            } else {
                assertThat(r.errors()).as("seed %d file %d: a refused file says why", SEED, i).isNotEmpty();
            }
        }
        assertThat(count("households")).as("seed " + SEED + ": nothing half-imported").isEqualTo(households);
        assertThat(count("persons")).isEqualTo(persons);
        System.out.println("ImportFuzzTest: " + FILES + " files tried, " + imported + " imported whole, the rest refused whole");
    }

    @Test
    void noGeneratedDivisionFileBreaksTheImport(@TempDir Path dir) throws Exception {
        Random rnd = new Random(SEED);
        long before = count("divisions");
        String fingerprint = divisionsFingerprint();
        int tried = Math.max(200, FILES / 200);
        for (int i = 0; i < tried; i++) {
            Files.write(dir.resolve("villages.csv"), ("code,name,streetCode,provinceCode,cityCode,areaCode\n" + junkLines(rnd))
                    .getBytes(StandardCharsets.UTF_8));
            ImportReport r = ScopeGuard.asSystem("469030", () -> territory.importDivisions(dir, null));
            assertThat(r.files()).allSatisfy(f -> assertThat(f.applied() || f.errorCount() > 0).isTrue());
        }
        // junk codes never nest in a real township, so nothing may have been added
        assertThat(count("divisions")).as("seed " + SEED).isEqualTo(before);
        assertThat(divisionsFingerprint()).as("seed %d: no existing division renamed or moved", SEED).isEqualTo(fingerprint);
        System.out.println("ImportFuzzTest: " + tried + " division files tried");
    }

    private String divisionsFingerprint() {
        return String.join("|", jdbc.queryForList("select code || ':' || name || ':' || coalesce(parent_code, '') from divisions "
                + "where county_code = '469030' and level <> 'GROUP' order by code", String.class));
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private static String junkLines(Random rnd) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1 + rnd.nextInt(5); i++) {
            sb.append(rnd.nextInt(3) == 0 ? "4690302022" + rnd.nextInt(100) : ApiFuzzTest.value(rnd)).append(',')
                    .append(rnd.nextBoolean() ? "\"" + ApiFuzzTest.value(rnd) + "\"" : ApiFuzzTest.value(rnd)).append(',')
                    .append(rnd.nextBoolean() ? "469030999" : ApiFuzzTest.value(rnd)).append(",46,4690,469030\n");
        }
        return sb.toString();
    }

    private static String csv(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int cols = 1 + rnd.nextInt(HEADERS.length);
        for (int c = 0; c < cols; c++) {
            sb.append(c == 0 ? "" : ",").append(rnd.nextInt(8) == 0 ? HEADERS[rnd.nextInt(HEADERS.length)] : HEADERS[c % HEADERS.length]);
        }
        sb.append('\n');
        int rows = rnd.nextInt(6);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                String v = rnd.nextInt(20) == 0 ? "x".repeat(600) : ApiFuzzTest.value(rnd);
                if (rnd.nextInt(6) == 0) {
                    v = "\"" + v.replace("\"", "\"\"") + (rnd.nextInt(5) == 0 ? "" : "\"");
                }
                sb.append(c == 0 ? "" : ",").append(v.replace("\n", " "));
            }
            sb.append(rnd.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        return sb.toString();
    }

    private static byte[] xlsx(Random rnd) throws Exception {
        switch (rnd.nextInt(3)) {
            case 0 -> {
                byte[] b = new byte[rnd.nextInt(200)];
                rnd.nextBytes(b);
                return b;
            }
            case 1 -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry(rnd.nextBoolean() ? "[Content_Types].xml" : "xl/workbook.xml"));
                    zip.write(ApiFuzzTest.value(rnd).getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
                byte[] all = out.toByteArray();
                return rnd.nextBoolean() ? all : java.util.Arrays.copyOf(all, rnd.nextInt(all.length)); // truncated zip
            }
            default -> {
                return "PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }
}
