package org.shanzhi.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shanzhi.demo.DemoAccounts;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.mock.web.MockHttpSession;

/** The console pages render for a signed-in county admin, on the demo data. */
@IntegrationTest
class MonitoringConsoleTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    private String page(MockHttpSession session, Cookie[] cookies, String url) throws Exception {
        var req = get(url);
        if (session != null) {
            req.session(session);
        }
        if (cookies != null && cookies.length > 0) {
            req.cookie(cookies);
        }
        MvcResult res = mvc.perform(req).andReturn();
        String body = res.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(res.getResponse().getStatus()).as(url + ": " + body.substring(0, Math.min(300, body.length()))).isEqualTo(200);
        return body;
    }

    @Test
    void theMonitoringListHouseholdFileProgressDutiesReviewAndStarPagesRender() throws Exception {
        MvcResult login = mvc.perform(formLogin("/login").user("county_admin").password(DemoAccounts.PASSWORD)).andReturn();
        MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);
        Cookie[] cookies = login.getResponse().getCookies();
        assertThat(session != null || cookies.length > 0).as("signed in: " + login.getResponse().getRedirectedUrl()).isTrue();
        long caseId = jdbc.queryForObject("select min(id) from monitoring_cases where county_code = '469030' and status = 'MONITORED'", Long.class);
        long campaign = jdbc.queryForObject("select min(id) from monitoring_campaigns where county_code = '469030'", Long.class);
        long review = jdbc.queryForObject("select min(id) from monitoring_reviews where county_code = '469030' and title like '2021%'", Long.class);
        assertThat(page(session, cookies, "/monitoring")).contains("防返贫动态监测");
        assertThat(page(session, cookies, "/monitoring/cases/" + caseId)).contains("监测户档案").contains("县级确定");
        assertThat(page(session, cookies, "/monitoring/campaigns")).contains("排查");
        assertThat(page(session, cookies, "/monitoring/campaigns/" + campaign)).contains("什运乡");
        assertThat(page(session, cookies, "/monitoring/campaigns/" + campaign + "?division=469030202")).contains("已转办");
        assertThat(page(session, cookies, "/monitoring/duties?village=469030202200")).contains("完成率");
        assertThat(page(session, cookies, "/monitoring/reviews")).contains("回头看");
        assertThat(page(session, cookies, "/monitoring/reviews/" + review)).contains("较好").contains("班子成员");
        assertThat(page(session, cookies, "/monitoring/stars")).contains("★");
        for (String p : List.of("/monitoring")) {
            assertThat(page(session, cookies, p)).doesNotContain("Internal error");
        }
    }
}
