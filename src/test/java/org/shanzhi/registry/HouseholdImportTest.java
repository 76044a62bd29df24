package org.shanzhi.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.registry.ImportResult.RowError;
import org.shanzhi.support.Api;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class HouseholdImportTest {

    private static final String HEADER = "户编号,行政村代码,村民小组代码,地址,户联系电话,户标签,姓名,性别,出生日期,身份证号,手机号,与户主关系,人员标签\n";

    @Autowired
    HouseholdImport importer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    private static String id(int year, int seq) {
        return IdNumber.of("469030", LocalDate.of(year, 3, 4), seq);
    }

    private ImportResult run(String name, byte[] bytes) {
        return ScopeGuard.asSystem("469030", () -> importer.importFile(name, new ByteArrayInputStream(bytes)));
    }

    @Test
    void aFileWithBadRowsImportsNothingAndReportsEveryBadRow() {
        String csv = HEADER
                + "IMP-1,469030202201,,什统村一组1号,,,王大山,男,1961-03-04," + id(1961, 11) + ",,户主,党员\n"
                + "IMP-1,469030202201,,,,,王小山,男,1990-03-04," + id(1990, 12) + ",,子,\n"          // 12 is even: female in the ID
                + "IMP-2,469030202201,,什统村一组2号,,,李花,女,1972-03-04,46903019720304002,,户主,\n" // 17 characters
                + "IMP-3,469099000000,,某地,,,赵一,男,1970-03-04," + id(1970, 13) + ",,户主,神仙\n";   // unknown village, unknown tag
        ImportResult result = run("households.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(result.imported()).isFalse();
        assertThat(result.errors()).extracting(RowError::row, RowError::column)
                .contains(org.assertj.core.groups.Tuple.tuple(3L, "性别"), org.assertj.core.groups.Tuple.tuple(4L, "身份证号"),
                        org.assertj.core.groups.Tuple.tuple(5L, "行政村代码"), org.assertj.core.groups.Tuple.tuple(5L, "人员标签"));
        assertThat(result.errors()).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
        assertThat(result.errors()).filteredOn(e -> e.row() == 4).first().extracting(RowError::reason).isEqualTo("身份证号应为 18 位");
        assertThat(jdbc.queryForObject("select count(*) from households where number in ('IMP-1','IMP-2','IMP-3')", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from persons where name in ('王大山','李花')", Long.class)).isZero();
    }

    @Test
    void aHouseholdNeedsExactlyOneHeadAndIdNumbersMayNotRepeat() {
        String dup = id(1950, 21);
        String csv = HEADER
                + "IMP-10,469030202201,,什统村一组10号,,,甲,男,1950-03-04," + dup + ",,子,\n"
                + "IMP-11,469030202201,,什统村一组11号,,,乙,男,1950-03-04," + dup + ",,户主,\n";
        ImportResult result = run("h.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(result.imported()).isFalse();
        assertThat(result.errors()).extracting(RowError::reason).anyMatch(r -> r.contains("户主")).anyMatch(r -> r.contains("重复"));
    }

    @Test
    void aGoodXlsxImportsEveryHouseholdAndPerson() throws Exception {
        byte[] xlsx;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("户籍");
            List<String[]> rows = List.of(HEADER.trim().split(","),
                    new String[] {"IMPX-1", "469030202201", "", "什统村二组1号", "13800001111", "", "陈一", "男", "1966-03-04", id(1966, 31), "", "户主", "党员"},
                    new String[] {"IMPX-1", "469030202201", "", "", "", "", "陈二", "女", "1968-03-04", id(1968, 32), "", "配偶", ""},
                    new String[] {"IMPX-2", "469030202201", "", "什统村二组2号", "", "", "林三", "女", "1979-03-04", id(1979, 34), "", "户主", "低保"});
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).length; c++) {
                    row.createCell(c).setCellValue(rows.get(r)[c]);
                }
            }
            wb.write(out);
            xlsx = out.toByteArray();
        }
        ImportResult result = run("households.xlsx", xlsx);
        assertThat(result.errors()).isEmpty();
        assertThat(result.imported()).isTrue();
        assertThat(result.households()).isEqualTo(2);
        assertThat(result.persons()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from persons p join households h on h.id = p.household_id where h.number = 'IMPX-1'", Long.class))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("select initials from persons where name = '陈二' and village_code = '469030202201'", String.class))
                .isEqualTo("ce");
    }

    @Test
    void aBrokenXlsxIsAOneLineReportNotAnError() {
        ImportResult result = run("broken.xlsx", "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(result.imported()).isFalse();
        assertThat(result.errors()).singleElement().extracting(RowError::reason).asString().contains("不是有效的 .xlsx");
    }

    @Test
    void theApiAnswers422WithTheReportAndOutOfScopeVillagesAreBadRows() throws Exception {
        String csv = HEADER + "IMP-20,469030202201,,什统村,,,周五,男,1970-03-04," + id(1970, 41) + ",,户主,\n";
        String cadre = Api.token(mvc, "village_cadre"); // 便文村 cadre importing into 什统村
        mvc.perform(multipart("/api/v1/households/import")
                        .file(new MockMultipartFile("file", "h.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .header("Authorization", Api.bearer(cadre)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.imported").value(false))
                .andExpect(jsonPath("$.errors[0].row").value(2))
                .andExpect(jsonPath("$.errors[0].column").value("行政村代码"))
                .andExpect(jsonPath("$.errors[0].reason").value("该村不在您的管辖范围"));
    }

    /**
     * {@code n} households of two persons (head, spouse) in 什统村, numbers {@code prefix0..}, born from January 1st of
     * {@code year} on (one day apart, so every ID number differs).
     */
    private static String households(String prefix, int n, int year) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++) {
            LocalDate born = LocalDate.of(year, 1, 1).plusDays(i);
            csv.append(prefix).append(i).append(",469030202201,,\"什统村\\一组\t").append(i).append("号\",13800138000,低保,王").append(i)
                    .append(",男,").append(born).append(',').append(IdNumber.of("469030", born, 861)).append(",,户主,党员\n");
            csv.append(prefix).append(i).append(",469030202201,,,,,李").append(i).append(",女,").append(born).append(',')
                    .append(IdNumber.of("469030", born, 862)).append(",13900139000,配偶,\n");
        }
        return csv.toString();
    }

    private long stored(String prefix) {
        return jdbc.queryForObject("select count(*) from households where county_code = '469030' and number like ?", Long.class, prefix + "%");
    }

    private long storedPersons(String prefix) {
        return jdbc.queryForObject("""
                select count(*) from persons p join households h on h.county_code = p.county_code and h.id = p.household_id
                where h.county_code = '469030' and h.number like ?""", Long.class, prefix + "%");
    }

    @Test
    void aBadRowAfterThousandsOfGoodOnesImportsNothing() {
        // on PostgreSQL the good rows are already streaming into COPY when the bad last row is read: all rolled back
        String csv = households("BULKA-", 800, 1931) + "BULKA-X,469030202201,,什统村,,,赵坏,男,1931-01-01,4690301931,,户主,\n";
        ImportResult result = run("bulk-a.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(result.imported()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(1602);
            assertThat(e.column()).isEqualTo("身份证号");
        });
        assertThat(stored("BULKA-")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from persons where county_code = '469030' and id_number = ?", Long.class,
                IdNumber.of("469030", LocalDate.of(1931, 1, 1), 861))).isZero();
    }

    @Test
    void aGoodFileIsStoredAsWrittenAndImportingItAgainIsRefusedRowByRow() {
        byte[] file = households("BULKB-", 700, 1935).getBytes(StandardCharsets.UTF_8);
        ImportResult first = run("bulk-b.csv", file);
        assertThat(first.imported()).isTrue();
        assertThat(first.households()).isEqualTo(700);
        assertThat(first.persons()).isEqualTo(1400);
        assertThat(stored("BULKB-")).isEqualTo(700);
        assertThat(storedPersons("BULKB-")).isEqualTo(1400);
        // the household takes its first row; a backslash and a tab inside a cell arrive unchanged
        assertThat(jdbc.queryForMap("select village_code, address, phone, tags from households where county_code = '469030' and number = 'BULKB-7'"))
                .containsEntry("village_code", "469030202201").containsEntry("address", "什统村\\一组\t7号")
                .containsEntry("phone", "13800138000").containsEntry("tags", "低保");
        var spouse = jdbc.queryForMap("select name, initials, gender, birth_date, id_number, id_last4, phone, relation, tags from persons "
                + "where county_code = '469030' and id_number = ?", IdNumber.of("469030", LocalDate.of(1935, 1, 8), 862));
        assertThat(spouse).containsEntry("name", "李7").containsEntry("initials", "l7").containsEntry("gender", "F")
                .containsEntry("phone", "13900139000").containsEntry("relation", "配偶").containsEntry("tags", "")
                .containsEntry("id_last4", IdNumber.of("469030", LocalDate.of(1935, 1, 8), 862).substring(14));
        assertThat(spouse.get("birth_date").toString()).isEqualTo("1935-01-08");
        // the same file again: every household number and ID number is already registered, nothing changes
        ImportResult again = run("bulk-b.csv", file);
        assertThat(again.imported()).isFalse();
        assertThat(again.errors()).hasSize(1000) // the first 1,000 of 2,100 are listed
                .allSatisfy(e -> assertThat(e.reason()).isIn("户编号已存在", "身份证号已登记"));
        assertThat(again.errors().get(0)).extracting(RowError::row, RowError::column).containsExactly(2L, "户编号");
        assertThat(stored("BULKB-")).isEqualTo(700);
        assertThat(storedPersons("BULKB-")).isEqualTo(1400);
    }

    @Test
    void aSmallFileLooksUpOnlyItsOwnNumbersAndIsStillRefusedWhenTheyAreRegistered() {
        // a few households into a large county: the file's own numbers are looked up, not the county's (a different
        // path from the bulk files above); the refusals are the same
        byte[] file = households("SMALLE-", 3, 1944).getBytes(StandardCharsets.UTF_8);
        assertThat(file.length).isLessThan(64 * 1024);
        assertThat(run("small-e.csv", file).imported()).isTrue();
        ImportResult again = run("small-e.csv", file);
        assertThat(again.imported()).isFalse();
        assertThat(again.errors()).hasSize(6 + 3) // every ID number, and every household number on its first row
                .allSatisfy(e -> assertThat(e.reason()).isIn("户编号已存在", "身份证号已登记"));
        assertThat(stored("SMALLE-")).isEqualTo(3);
        assertThat(storedPersons("SMALLE-")).isEqualTo(6);
    }

    @Test
    void anIdNumberRegisteredBeforeRefusesTheFileEvenOnItsLastRow() {
        String registered = IdNumber.of("469030", LocalDate.of(1939, 6, 6), 863);
        assertThat(run("bulk-c1.csv", (HEADER + "BULKC-0,469030202201,,什统村,,,孙一,男,1939-06-06," + registered + ",,户主,\n")
                .getBytes(StandardCharsets.UTF_8)).imported()).isTrue();
        String csv = households("BULKD-", 600, 1940) + "BULKD-X,469030202201,,什统村,,,孙二,男,1939-06-06," + registered + ",,户主,\n";
        ImportResult result = run("bulk-c2.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(result.imported()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(1202);
            assertThat(e.reason()).isEqualTo("身份证号已登记");
        });
        assertThat(stored("BULKD-")).isZero();
    }
}
