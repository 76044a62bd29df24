package org.shanzhi.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.support.ConsoleLogin;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every list page exports to .xlsx with the same filters: the workbook, opened with POI, has the Chinese header and
 * one row per item of the filtered list (counted here in SQL from the demo data), personal data masked.
 */
@IntegrationTest
class XlsxExportTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    Cookie cadre;

    @BeforeEach
    void login() throws Exception {
        cadre = ConsoleLogin.login(mvc, "village_cadre");
    }

    private List<List<String>> sheet(String url) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(url).cookie(cadre)).andReturn().getResponse();
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        assertThat(r.getContentType()).contains("spreadsheetml");
        assertThat(r.getHeader("Content-Disposition")).contains("attachment").contains(".xlsx");
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.getContentAsByteArray()))) {
            Sheet s = wb.getSheetAt(0);
            DataFormatter f = new DataFormatter();
            for (Row row : s) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getLastCellNum(); i++) {
                    cells.add(row.getCell(i) == null ? "" : f.formatCellValue(row.getCell(i)));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    @Test
    void householdsExportTheFilteredListMasked() throws Exception {
        List<List<String>> all = sheet("/households/export.xlsx?division=" + VILLAGE);
        assertThat(all.get(0)).startsWith("户编号", "户主", "户主身份证号");
        long inVillage = jdbc.queryForObject("select count(*) from households where county_code = '469030' and village_code = ?", Long.class, VILLAGE);
        assertThat(all).hasSize((int) inVillage + 1);
        assertThat(inVillage).isGreaterThan(200); // more than one page of the export's paging
        assertThat(all.subList(1, all.size())).allSatisfy(r -> assertThat(r.get(2)).matches("|.*\\*{6,}.*"));
        assertThat(all.subList(1, all.size())).anySatisfy(r -> assertThat(r.get(2)).contains("*"));
        // a search narrows the export as it narrows the page: households whose number ends with 0001
        List<List<String>> some = sheet("/households/export.xlsx?division=" + VILLAGE + "&q=" + all.get(1).get(1));
        assertThat(some.size()).isBetween(2, all.size() - 1);
        assertThat(some.subList(1, some.size())).anySatisfy(r -> assertThat(r.get(1)).isEqualTo(all.get(1).get(1)));
        // outside the cadre's village: nothing leaks
        assertThat(mvc.perform(get("/households/export.xlsx?division=469030202201").cookie(cadre)).andReturn().getResponse().getStatus())
                .isEqualTo(404);
    }

    @Test
    void scoreEventsRankingsCasesAndNoticesExportTheirLists() throws Exception {
        String period = jdbc.queryForObject("select max(period_month) from score_events where village_code = ? and status = 'CREDITED'",
                String.class, VILLAGE);
        long credited = jdbc.queryForObject("select count(*) from score_events where village_code = ? and status = 'CREDITED' and period_month = ?",
                Long.class, VILLAGE, period);
        List<List<String>> events = sheet("/points/inbox/export.xlsx?division=" + VILLAGE + "&status=CREDITED&period=" + period);
        assertThat(events.get(0)).startsWith("日期", "对象", "类别", "事项");
        assertThat(events).hasSize((int) credited + 1);
        assertThat(events.subList(1, events.size())).allSatisfy(r -> assertThat(r.get(7)).isEqualTo("CREDITED"));

        String page = mvc.perform(get("/points/rankings?division=" + VILLAGE + "&period=" + period).cookie(cadre)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        int rankedOnPage = page.split("data-label=\"村排名\"").length - 1;
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("共 ([0-9,]+) 个对象").matcher(page);
        assertThat(total.find()).as("the page names the total").isTrue();
        int all = Integer.parseInt(total.group(1).replace(",", ""));
        List<List<String>> ranking = sheet("/points/rankings/export.xlsx?division=" + VILLAGE + "&period=" + period);
        assertThat(ranking.get(0)).startsWith("村排名", "组排名", "乡镇排名", "对象");
        // the page shows the first 100; the export has every row
        assertThat(rankedOnPage).isEqualTo(Math.min(100, all));
        assertThat(ranking.size() - 1).isPositive().isEqualTo(all);
        assertThat(ranking.subList(1, ranking.size())).anySatisfy(r -> assertThat(r.get(7)).contains("★"));

        List<List<String>> cases = sheet("/cases/export.xlsx?level=VILLAGE&division=" + VILLAGE);
        assertThat(cases.get(0)).startsWith("灯", "案件", "类别", "状态");
        String inbox = mvc.perform(get("/cases?level=VILLAGE&division=" + VILLAGE).cookie(cadre)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(inbox).contains("/cases/export.xlsx?level=VILLAGE&amp;division=" + VILLAGE);
        assertThat(cases.size() - 1).isPositive().isEqualTo(inbox.split("class=\"light-").length - 1); // one page (< 50) on the page

        long notices = jdbc.queryForObject("select count(*) from notices where county_code = '469030' and village_code = ?", Long.class, VILLAGE);
        List<List<String>> board = sheet("/notices/export.xlsx?division=" + VILLAGE);
        assertThat(board.get(0)).containsExactly("标题", "村", "发布", "公示期至", "条目", "待答复异议", "状态");
        assertThat(board).hasSize((int) notices + 1);
    }
}
