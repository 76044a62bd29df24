package org.shanzhi.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.shanzhi.support.ConsoleLogin;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The import pages upload through htmx with a progress bar (js/app.js fills it from the upload's progress) and
 * swap in the page's main part when the import is done: the row-level report, also for a refused (422) file.
 */
@IntegrationTest
class ImportProgressTest {

    @Autowired
    MockMvc mvc;

    @Test
    void householdImportShowsAProgressBarThenTheRowReport() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "village_cadre");
        String form = mvc.perform(get("/households/import").cookie(session)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("data-progress").contains("hx-post=\"/households/import\"").contains("hx-encoding=\"multipart/form-data\"")
                .contains("<progress max=\"100\" value=\"0\">").contains("hx-select=\"#main\"");
        String csv = """
                户编号,行政村代码,地址,姓名,性别,出生日期,身份证号,与户主关系
                PG-1,469030202200,便文村进度1号,张三,男,1990-01-01,123,户主
                """;
        MockHttpServletResponse r = mvc.perform(multipart("/households/import")
                .file(new MockMultipartFile("file", "progress.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .header("HX-Request", "true").with(csrf()).cookie(session)).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(422); // htmx-config swaps 422: the report replaces the form's page part
        String html = r.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"main\"").contains("progress.csv").contains("<td class=\"num\">2</td>").contains("身份证号");
    }

    @Test
    void divisionImportShowsAProgressBarThenTheReport() throws Exception {
        Cookie session = ConsoleLogin.login(mvc, "county_admin");
        String form = mvc.perform(get("/territory/import").cookie(session)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("data-progress").contains("hx-post=\"/territory/import\"").contains("<progress");
        String villages = """
                code,name,streetCode,provinceCode,cityCode,areaCode
                469030202200,"便文村委会",469030202,46,4690,469030
                """;
        MockHttpServletResponse r = mvc.perform(multipart("/territory/import")
                .file(new MockMultipartFile("files", "villages.csv", "text/csv", villages.getBytes(StandardCharsets.UTF_8)))
                .param("county", "469030").header("HX-Request", "true").with(csrf()).cookie(session)).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("id=\"main\"").contains("villages.csv")
                .contains("<td class=\"num\">1</td>");
    }
}
