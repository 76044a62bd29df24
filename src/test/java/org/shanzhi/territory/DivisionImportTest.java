package org.shanzhi.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class DivisionImportTest {

    @Autowired
    Territory territory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    private ImportReport importDir(Path dir, String county) {
        return ScopeGuard.asSystem("469030", () -> territory.importDivisions(dir, county));
    }

    @Test
    void theDemoCountyIsTheRealQiongzhong() throws Exception {
        mvc.perform(get("/api/v1/divisions/469030")).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("琼中黎族苗族自治县")).andExpect(jsonPath("$.level").value("COUNTY"))
                .andExpect(jsonPath("$.childCount").value(11));
        // the six real villages of 什运乡 come first in code order (other tests add test villages numbered 600+)
        String children = mvc.perform(get("/api/v1/divisions/469030202/children")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].code").value("469030202200")).andExpect(jsonPath("$[0].level").value("VILLAGE"))
                .andExpect(jsonPath("$[0].parentCode").value("469030202")).andReturn().getResponse().getContentAsString();
        java.util.List<String> codes = com.jayway.jsonpath.JsonPath.read(children, "$[*].code");
        assertThat(codes.subList(0, 6)).containsExactly("469030202200", "469030202201", "469030202202", "469030202203",
                "469030202204", "469030202205");
        assertThat(codes).isSorted();
        // all 125 village-level units of the national file are there (tests may add villages of their own)
        java.util.List<String> real = Files.readAllLines(Path.of("src/main/resources/divisions/villages.csv")).stream().skip(1)
                .map(l -> l.substring(0, 12)).toList();
        assertThat(real).hasSize(125);
        assertThat(new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc).queryForObject(
                "select count(*) from divisions where level = 'VILLAGE' and code in (:codes)", java.util.Map.of("codes", real), Long.class))
                .isEqualTo(125);
    }

    @Test
    void unknownCodesAnswer404AndMalformedCodesToo() throws Exception {
        mvc.perform(get("/api/v1/divisions/469099")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/divisions/abc")).andExpect(status().isNotFound());
    }

    @Test
    void reimportingTheSameFilesChangesNothing() throws Exception {
        Path dir = Path.of("src/main/resources/divisions");
        ImportReport again = importDir(dir, "469030");
        assertThat(again.ok()).isTrue();
        assertThat(again.inserted()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.files()).extracting(ImportReport.FileResult::unchanged).containsExactly(1, 11, 125);
    }

    @Test
    void aRowWithAnUnknownParentRefusesItsWholeFileWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("areas.csv"), "code,name,cityCode,provinceCode\n469027,\"乐东黎族自治县\",4690,46\n");
        Files.writeString(dir.resolve("streets.csv"), """
                code,name,areaCode,provinceCode,cityCode
                469027100,"抱由镇",469027,46,4690
                469028100,"不存在的镇",469028,46,4690
                """);
        ImportReport report = importDir(dir, null);
        assertThat(report.ok()).isFalse();
        ImportReport.FileResult streets = report.files().get(1);
        assertThat(streets.applied()).isFalse();
        assertThat(streets.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("streets.csv");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.code()).isEqualTo("469028100");
            assertThat(e.reason()).contains("不存在");
        });
        // the good row of the refused file was not applied either; the county file was
        assertThat(territory.find("469027100")).isEmpty();
        assertThat(territory.find("469027")).isPresent();
    }

    @Test
    void aCodeThatDoesNotNestInItsParentsIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("villages.csv"), """
                code,name,streetCode,provinceCode,cityCode,areaCode
                469030101999,"错位村",469030100,46,4690,469030
                """);
        ImportReport report = importDir(dir, null);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.reason()).contains("不在上级");
        });
        assertThat(territory.find("469030101999")).isEmpty();
    }

    @Test
    void aVillageMustHangUnderATownshipNotDirectlyUnderTheCounty(@TempDir Path dir) throws Exception {
        // found by ImportFuzzTest: the code nests in the county's by prefix, but the level above a village is a township
        Files.writeString(dir.resolve("villages.csv"), """
                code,name,streetCode,provinceCode,cityCode,areaCode
                469030202200,"改名村",469030,46,4690,469030
                """);
        ImportReport report = importDir(dir, null);
        assertThat(report.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("9 位"));
        assertThat(territory.get("469030202200").name()).isEqualTo("便文村委会");
    }

    @Test
    void aRenamedVillageIsUpdatedAndOnlyIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("villages.csv"), """
                code,name,streetCode,provinceCode,cityCode,areaCode
                469030500400,"新名称村",469030500,46,4690,469030
                """);
        String before = territory.get("469030500400").name();
        try {
            ImportReport report = importDir(dir, null);
            assertThat(report.updated()).isEqualTo(1);
            assertThat(report.inserted()).isZero();
            assertThat(territory.get("469030500400").name()).isEqualTo("新名称村");
        } finally {
            jdbc.update("update divisions set name = ? where code = '469030500400'", before);
        }
    }

    @Test
    void villagerGroupsTakeTheVillageCodePlusThreeDigits() {
        Division group = ScopeGuard.asSystem("469030", () -> territory.createGroup("469030100002", 901, "测试第九〇一组"));
        assertThat(group.code()).isEqualTo("469030100002901");
        assertThat(group.level()).isEqualTo(Level.GROUP);
        assertThat(group.parentCode()).isEqualTo("469030100002");
    }

    /** A village's groups at once are numbered on from its highest; a bad name refuses them all. */
    @Test
    void groupsAtOnceAreNumberedOnAndABadNameRefusesAll() {
        String village = "469030100003";
        ScopeGuard.asSystem("469030", () -> territory.createGroup(village, 905, "测试第九〇五组"));
        List<String> codes = ScopeGuard.asSystem("469030", () -> territory.createGroups(village, List.of("测试甲组", "测试乙组")));
        assertThat(codes).containsExactly(village + "906", village + "907");
        assertThat(territory.get(village + "907").name()).isEqualTo("测试乙组");
        assertThat(territory.get(village + "907").level()).isEqualTo(Level.GROUP);
        assertThatThrownBy(() -> ScopeGuard.asSystem("469030", () -> territory.createGroups(village, List.of("测试丙组", " "))))
                .isInstanceOf(org.shanzhi.common.InvalidInputException.class);
        assertThat(territory.find(village + "908")).as("nothing written").isEmpty();
    }

    @Test
    void aCodeTwiceInOneFileIsABadRowNotAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("villages.csv"), """
                code,name,streetCode,provinceCode,cityCode,areaCode
                469030500991,"重复村",469030500,46,4690,469030
                469030500991,"重复村",469030500,46,4690,469030
                """);
        ImportReport report = importDir(dir, null);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.reason()).contains("重复");
        });
        assertThat(territory.find("469030500991")).isEmpty();
    }

    @Test
    void aBadLastRowRollsBackTheRowsAlreadyWrittenOfItsFile(@TempDir Path dir) throws Exception {
        // 999 new villages (on PostgreSQL they stream into COPY as they are read), then one that does not nest
        Files.writeString(dir.resolve("streets.csv"), "code,name,areaCode,provinceCode,cityCode\n469030990,\"测试镇\",469030,46,4690\n");
        StringBuilder villages = new StringBuilder("code,name,streetCode,provinceCode,cityCode,areaCode\n");
        String longName = "测试村".repeat(30);
        for (int i = 1; i <= 999; i++) {
            villages.append("469030990").append(String.format("%03d", i)).append(",\"").append(longName).append(i).append("\",469030990,46,4690,469030\n");
        }
        villages.append("469030991001,\"错位村\",469030990,46,4690,469030\n");
        Files.writeString(dir.resolve("villages.csv"), villages);
        try {
            ImportReport report = importDir(dir, null);
            assertThat(report.files()).extracting(ImportReport.FileResult::applied).containsExactly(true, false);
            assertThat(report.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(1001));
            assertThat(territory.find("469030990")).isPresent();
            assertThat(jdbc.queryForObject("select count(*) from divisions where code like '469030990%' and level = 'VILLAGE'", Long.class)).isZero();
            // the file fixed: all 999 go in, and a second run changes nothing
            Files.writeString(dir.resolve("villages.csv"), villages.substring(0, villages.lastIndexOf("469030991001")));
            assertThat(importDir(dir, null).inserted()).isEqualTo(999);
            assertThat(territory.get("469030990999").name()).isEqualTo(longName + 999);
            ImportReport again = importDir(dir, null);
            assertThat(again.inserted()).isZero();
            assertThat(again.updated()).isZero();
        } finally {
            jdbc.update("delete from divisions where code like '469030990%'");
        }
    }
}
