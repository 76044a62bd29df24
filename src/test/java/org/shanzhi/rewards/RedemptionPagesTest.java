package org.shanzhi.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.Ids;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.ConsoleLogin;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** 积分兑换记录: the filtered, paged list for cadres and the county, its .xlsx with the same filters, refusals and scope. */
@IntegrationTest
class RedemptionPagesTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Registry registry;

    long merchant;
    Household household;

    /** A counter of its own with 40 used and 15 expired codes issued in 2025-05 and 5 used in 2025-06. */
    @BeforeEach
    void counterWithRedemptions() {
        long hid = jdbc.queryForObject("select household_id from accounts where username = 'villager'", Long.class);
        household = ScopeGuard.asSystem("469030", () -> registry.household(hid));
        merchant = Ids.next();
        jdbc.update("insert into rewards_merchants (county_code, id, village_code, account_id, name, created_at) values ('469030', ?, ?, 1, ?, ?)",
                merchant, VILLAGE, "测试柜台" + merchant, Timestamp.valueOf(LocalDateTime.of(2025, 1, 1, 8, 0)));
        Random random = new Random(merchant);
        for (int i = 0; i < 60; i++) {
            LocalDateTime issued = i < 55 ? LocalDateTime.of(2025, 5, 1 + i % 28, 10, 0) : LocalDateTime.of(2025, 6, 2 + i % 20, 10, 0);
            boolean used = i < 40 || i >= 55;
            jdbc.update("""
                    insert into rewards_redemptions (county_code, id, code, village_code, household_id, merchant_id, goods_id, goods_name, quantity,
                        points, value_fen, status, issued_by_name, issued_at, expires_at, used_at, confirmed_by_name)
                    values ('469030', ?, ?, ?, ?, ?, 1, '香皂', 1, 20, 250, ?, '测试', ?, ?, ?, ?)""", Ids.next(),
                    String.format("%08d", random.nextInt(100_000_000)), VILLAGE, hid, merchant, used ? "USED" : "ISSUED", Timestamp.valueOf(issued),
                    Timestamp.valueOf(issued.plusDays(7)), used ? Timestamp.valueOf(issued.plusHours(2)) : null, used ? "店员" : null);
        }
    }

    private MockHttpServletResponse get(Cookie s, String url) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(url).cookie(s)).andReturn().getResponse();
    }

    @Test
    void cadreFiltersByCounterMonthAndStatus_pagedWithMaskedHouseholds_andTheXlsxHasTheSameRows() throws Exception {
        Cookie cadre = ConsoleLogin.login(mvc, "village_cadre");
        String base = "/rewards/redemptions?village=" + VILLAGE + "&merchant=" + merchant;
        MockHttpServletResponse all = get(cadre, base + "&month=2025-05");
        assertThat(all.getStatus()).isEqualTo(200);
        String html = all.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("积分兑换记录", "共 55 条", "第 1 / 2 页", "已核销", "已过期", "测试柜台" + merchant, "香皂 ×1")
                .contains(household.number() + " " + household.headName().charAt(0) + "*").doesNotContain("??");
        if (household.headName().length() > 1) {
            assertThat(html).doesNotContain(household.headName());
        }
        assertThat(get(cadre, base + "&month=2025-05&page=1").getContentAsString(StandardCharsets.UTF_8)).contains("第 2 / 2 页");
        assertThat(get(cadre, base + "&month=2025-05&status=USED").getContentAsString(StandardCharsets.UTF_8)).contains("共 40 条");
        assertThat(get(cadre, base + "&month=2025-05&status=EXPIRED").getContentAsString(StandardCharsets.UTF_8)).contains("共 15 条");
        assertThat(get(cadre, base + "&status=USED").getContentAsString(StandardCharsets.UTF_8)).contains("共 45 条");
        assertThat(get(cadre, "/rewards").getContentAsString(StandardCharsets.UTF_8)).contains("href=\"/rewards/redemptions\"");

        MockHttpServletResponse xlsx = get(cadre, "/rewards/redemptions/export.xlsx?village=" + VILLAGE + "&merchant=" + merchant + "&status=USED");
        assertThat(xlsx.getStatus()).isEqualTo(200);
        List<String> households = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getContentAsByteArray()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("户");
            assertThat(sheet.getLastRowNum()).isEqualTo(45);
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                Row r = sheet.getRow(i);
                households.add(r.getCell(2).getStringCellValue());
                assertThat(r.getCell(8).getStringCellValue()).isEqualTo("已核销");
                assertThat(r.getCell(7).getNumericCellValue()).isEqualTo(2.5);
            }
        }
        assertThat(households).allMatch(h -> h.startsWith(household.number() + " ") && h.endsWith("户"))
                .noneMatch(h -> household.headName().length() > 1 && h.contains(household.headName()));
    }

    @Test
    void countyAdminSeesTheVillage_aBadStatusIsRefusedBesideItsField_anotherVillagesCadreGets404() throws Exception {
        Cookie county = ConsoleLogin.login(mvc, "county_admin");
        assertThat(get(county, "/rewards/redemptions?village=4690302&merchant=" + merchant).getContentAsString(StandardCharsets.UTF_8))
                .contains("共 60 条");
        MockHttpServletResponse bad = get(county, "/rewards/redemptions?merchant=" + merchant + "&status=LOST&month=2025-13");
        assertThat(bad.getStatus()).isEqualTo(422);
        assertThat(bad.getContentAsString(StandardCharsets.UTF_8)).contains("class=\"field-error\">月份格式为 2026-03");

        Cookie other = ConsoleLogin.login(mvc, "village_cadre2");
        assertThat(get(other, "/rewards/redemptions?village=" + VILLAGE).getStatus()).isEqualTo(404);
        assertThat(get(other, "/rewards/redemptions/export.xlsx?village=" + VILLAGE).getStatus()).isEqualTo(404);
        assertThat(get(other, "/rewards/redemptions").getContentAsString(StandardCharsets.UTF_8)).doesNotContain("测试柜台" + merchant);
        assertThat(get(ConsoleLogin.login(mvc, "merchant"), "/rewards/redemptions").getStatus()).isEqualTo(404);
    }
}
