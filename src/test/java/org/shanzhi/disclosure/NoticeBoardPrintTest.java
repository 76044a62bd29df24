package org.shanzhi.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.shanzhi.support.ConsoleLogin;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class NoticeBoardPrintTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNoticePrintsOnA4OrOnTheLargeA3BoardAndOtherSizesAreRefused() throws Exception {
        Long id = jdbc.queryForObject("select min(id) from notices where village_code = '469030202200'", Long.class);
        var session = ConsoleLogin.login(mvc, "village_cadre");
        String a4 = mvc.perform(get("/notices/" + id + "/print").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(a4).contains("size: A4").doesNotContain("class=\"a3\"");
        String a3 = mvc.perform(get("/notices/" + id + "/print").param("size", "A3").cookie(session)).andReturn().getResponse()
                .getContentAsString();
        assertThat(a3).contains("size: A3").contains("class=\"a3\"");
        assertThat(mvc.perform(get("/notices/" + id + "/print").param("size", "B5").cookie(session)).andReturn().getResponse()
                .getStatus()).isEqualTo(400);
    }
}
