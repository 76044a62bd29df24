package org.shanzhi.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.shanzhi.registry.internal.HouseholdFile;
import org.shanzhi.support.ConsoleLogin;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The console as a village cadre (and a few other roles) sees it, through the real login and session. */
@IntegrationTest
class ConsolePagesTest {

    static final String HOME_VILLAGE = "469030202200";
    static final String NEIGHBOUR_VILLAGE = "469030202201";

    @Autowired
    MockMvc mvc;
    @Autowired
    org.shanzhi.audit.AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;

    /** A page that renders, with every label found in the messages (Thymeleaf marks a missing one ??key_locale??). */
    private String page(Cookie session, String url) throws Exception {
        String html = mvc.perform(get(url).cookie(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).as(url).doesNotContain("??");
        return html;
    }

    @Test
    void loginPageRendersWithCsrfTokenAndNoNavigation() throws Exception {
        String html = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("<title>登录 · 善治</title>", "name=\"username\"", "name=\"password\"", "name=\"_csrf\"")
                .doesNotContain("class=\"sidebar\"");
    }

    @Test
    void consoleAsksForLoginAndRefusesAWrongPasswordOnThePage() throws Exception {
        mvc.perform(get("/households")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        Cookie failed = mvc.perform(formLogin("/login").user("township_admin2").password("wrong-password"))
                .andExpect(redirectedUrl("/login?error")).andReturn().getResponse().getCookie("SESSION");
        String html = mvc.perform(get("/login").param("error", "").cookie(failed)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("alert error", "用户名或密码错误");
        ConsoleLogin.login(mvc, "township_admin2"); // a good login resets the failure count
    }

    @Test
    void headerShowsWhoIsLoggedInTheirRoleAndScope() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "village_cadre");
        String html = page(session, "/");
        assertThat(html).contains("村干部", "村两委干部", "便文村委会", "琼中黎族苗族自治县 / 什运乡 / 便文村委会");
        String county = page(ConsoleLogin.login(mvc, "county_admin"), "/");
        assertThat(county).contains("县级管理员", "琼中黎族苗族自治县", "乡镇", "行政村");
    }

    @Test
    void householdListShowsMaskedIdNumbersOnly() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "village_cadre");
        String html = page(session, "/households");
        assertThat(html).contains("**********").contains("/households?");
        List<String> ids = jdbc.queryForList("select id_number from persons where village_code = ?", String.class, HOME_VILLAGE);
        assertThat(ids).isNotEmpty();
        assertThat(ids).noneMatch(html::contains);
        // the second page and a search keep masking too
        assertThat(ids).noneMatch(page(session, "/households?page=1")::contains);
        String head = jdbc.queryForObject("select min(id_number) from persons where village_code = ? and relation = '户主'",
                String.class, HOME_VILLAGE);
        String found = page(session, "/households?q=" + head.substring(14));
        assertThat(found).contains(head.substring(0, 4) + "**********" + head.substring(14)).doesNotContain(head);
    }

    @Test
    void householdOfAnotherVillageIsNotFoundForAVillageCadre() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "village_cadre");
        long other = jdbc.queryForObject("select min(id) from households where village_code = ?", Long.class, NEIGHBOUR_VILLAGE);
        String html = mvc.perform(get("/households/" + other).cookie(session)).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("未找到").contains("class=\"sidebar\"").doesNotContain("\"status\"");
        mvc.perform(get("/households/not-a-number").cookie(session)).andExpect(status().isNotFound());
        mvc.perform(get("/territory/" + NEIGHBOUR_VILLAGE).cookie(session)).andExpect(status().isNotFound());
    }

    @Test
    void householdPageShowsMembersMaskedAndRevealIsAudited() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "village_cadre");
        long household = jdbc.queryForObject("select min(id) from households where village_code = ?", Long.class, HOME_VILLAGE);
        var head = jdbc.queryForMap("select id, id_number from persons where household_id = ? and relation = '户主'", household);
        String html = page(session, "/households/" + household);
        assertThat(html).contains("查看完整信息").doesNotContain((String) head.get("id_number"));

        long before = jdbc.queryForObject("select count(*) from audit_entries where action = 'person.revealed'", Long.class);
        String row = mvc.perform(post("/persons/" + head.get("id") + "/reveal").header("HX-Request", "true").with(csrf()).cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(row).startsWith("<tr").contains((String) head.get("id_number"), "已留痕");
        assertThat(jdbc.queryForObject("select count(*) from audit_entries where action = 'person.revealed'", Long.class))
                .isEqualTo(before + 1);

        // a supervisor reads but may not reveal: no button, and the POST is refused on a page
        Cookie supervisor = ConsoleLogin.login(mvc, "village_supervisor");
        assertThat(page(supervisor, "/households/" + household)).doesNotContain("查看完整信息");
        mvc.perform(post("/persons/" + head.get("id") + "/reveal").with(csrf()).cookie(supervisor))
                .andExpect(status().isForbidden()).andExpect(content().string(org.hamcrest.Matchers.containsString("无权操作")));
    }

    @Test
    void importOfABadCsvShowsEveryBadRowAndImportsNothing() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "village_cadre");
        long households = jdbc.queryForObject("select count(*) from households", Long.class);
        String csv = """
                户编号,行政村代码,地址,姓名,性别,出生日期,身份证号,与户主关系
                CT-1,469030202200,便文村测试1号,张三,男,1990-01-01,469030199001011234,户主
                CT-2,469030202201,什统村测试2号,李四,女,1990-01-01,123,配偶
                """;
        String html = mvc.perform(multipart("/households/import")
                        .file(new MockMultipartFile("file", "bad.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(csrf()).cookie(session))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("未导入", "<td class=\"num\">2</td>", "<td class=\"num\">3</td>", "身份证号",
                "该村不在您的管辖范围", "应有且只有一个户主");
        assertThat(jdbc.queryForObject("select count(*) from households", Long.class)).isEqualTo(households);

        mvc.perform(multipart("/households/import").with(csrf()).cookie(session)).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("请选择 .xlsx 或 .csv 文件")));
    }

    @Test
    void importTemplateHasTheChineseHeadersTheImportReads() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "village_cadre");
        byte[] xlsx = mvc.perform(get("/households/import/template.xlsx").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Row header = wb.getSheetAt(0).getRow(0);
            List<String> headers = new ArrayList<>();
            header.forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).containsExactlyElementsOf(HouseholdFile.COLUMNS.values());
        }
    }

    @Test
    void englishSwitchChangesTheLabelsAndIsRemembered() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "village_cadre");
        var response = mvc.perform(get("/?lang=en").cookie(session)).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .contains("<html lang=\"en\">", "Households", "Village cadre", "Log out").doesNotContain("村两委干部");
        Cookie lang = response.getCookie("shanzhi-lang");
        assertThat(lang).isNotNull();
        long household = jdbc.queryForObject("select min(id) from households where village_code = ?", Long.class, HOME_VILLAGE);
        String detail = mvc.perform(get("/households/" + household).cookie(session, lang)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(detail).contains("Relation to head").containsPattern("\\d{4}-\\d{2}-\\d{2}");
        assertThat(page(session, "/households/" + household)).contains("与户主关系").containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日");
    }

    @Test
    void aDuplicateGroupNumberIsShownBesideTheField() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "village_cadre");
        String html = mvc.perform(post("/territory/" + HOME_VILLAGE + "/groups").param("number", "1").param("name", "重复")
                        .header("HX-Request", "true").with(csrf()).cookie(session))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).startsWith("<section").contains("id=\"groups\"", "field-error", "该组号已存在");
        // a supervisor sees the village but gets no forms
        assertThat(page(ConsoleLogin.login(mvc, "village_supervisor"), "/territory/" + HOME_VILLAGE))
                .contains("村民小组").doesNotContain("name=\"number\"");
    }

    @Test
    void territoryTreeLoadsChildrenLazily() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "township_admin");
        mvc.perform(get("/territory").cookie(session)).andExpect(redirectedUrl("/territory/469030202"));
        String html = page(session, "/territory/469030202");
        assertThat(html).contains("什运乡", "hx-get=\"/territory/" + HOME_VILLAGE + "/children\"");
        assertThat(page(session, "/territory/" + HOME_VILLAGE + "/children")).startsWith("<ul class=\"tree\"")
                .contains(HOME_VILLAGE + "001");
    }

    @Test
    void divisionImportReportsRefusedRowsWithFileAndLine() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "county_admin");
        String villages = """
                code,name,streetCode,provinceCode,cityCode,areaCode
                469030202200,"便文村委会",469030202,46,4690,469030
                469030999001,"不存在乡的村",469030999,46,4690,469030
                """;
        String html = mvc.perform(multipart("/territory/import")
                        .file(new MockMultipartFile("files", "villages.csv", "text/csv", villages.getBytes(StandardCharsets.UTF_8)))
                        .param("county", "469030").with(csrf()).cookie(session))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("villages.csv", "未导入", "469030999001", "<td class=\"num\">3</td>", "不存在");
        assertThat(jdbc.queryForObject("select count(*) from divisions where code = '469030999001'", Long.class)).isZero();
        mvc.perform(get("/territory/import").cookie(ConsoleLogin.login(mvc, "township_admin"))).andExpect(status().isForbidden());
    }

    @Test
    void auditorSearchesTheTrailAndVerifiesTheChain() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "auditor");
        assertThat(page(session, "/audit?action=login.")).contains("login.succeeded", "待入链"); // unchained entries show too
        trail.chainPending();
        assertThat(mvc.perform(get("/audit/verify").header("HX-Request", "true").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("哈希链完整");
        mvc.perform(get("/audit?person=abc&from=2026-13-01").cookie(session)).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("应为数字 ID")));
        mvc.perform(get("/audit").cookie(ConsoleLogin.login(mvc, "village_cadre"))).andExpect(status().isNotFound());
    }

    @Test
    void accountsFormOffersOnlyRolesTheCallerMayCreate() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "village_cadre");
        String html = page(session, "/accounts");
        assertThat(html).contains("value=\"GRID_WORKER\"", "value=\"VILLAGER\"")
                .doesNotContain("value=\"COUNTY_ADMIN\"", "value=\"VILLAGE_CADRE\"", "value=\"TOWNSHIP_ADMIN\"");
        String refused = mvc.perform(post("/accounts").param("role", "COUNTY_ADMIN").param("username", "x")
                        .param("scopeCode", HOME_VILLAGE).with(csrf()).cookie(session))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("角色必填", "用户名 3-50 位");
        String name = "console_m" + (System.nanoTime() % 100000);
        mvc.perform(post("/accounts").param("role", "MERCHANT").param("username", name).param("displayName", "测试商户")
                        .param("password", "abc12345").param("scopeCode", HOME_VILLAGE).with(csrf()).cookie(session))
                .andExpect(redirectedUrl("/accounts"));
        assertThat(jdbc.queryForObject("select role from accounts where username = ?", String.class, name)).isEqualTo("MERCHANT");
    }

    @Test
    void changingThePasswordShowsErrorsOnThePage() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "village_supervisor");
        mvc.perform(post("/account/password").param("oldPassword", "wrong").param("newPassword", "abc12345")
                        .param("confirmPassword", "abc12345").with(csrf()).cookie(session))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("原密码错误")));
    }
}
