package org.shanzhi.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shanzhi.support.ConsoleLogin;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** The 荣成 credit fund's console page: posting a month, the quarter's totals, the payout to the fen, refusals and scope. */
@IntegrationTest
class FundPagesTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    private MockHttpServletResponse get200(Cookie s, String url) throws Exception {
        return mvc.perform(get(url).cookie(s)).andReturn().getResponse();
    }

    private static String html(MockHttpServletResponse r) throws Exception {
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void cadrePostsAMonth_seesTheQuarter_paysItExactToTheFen_withTheNoticeLink() throws Exception {
        Cookie cadre = ConsoleLogin.login(mvc, "village_cadre");
        List<Map<String, Object>> persons = jdbc.queryForList("select id, name from persons where village_code = ? order by id limit 3", VILLAGE);
        long a = ((Number) persons.get(0).get("ID")).longValue();
        long b = ((Number) persons.get(1).get("ID")).longValue();
        long c = ((Number) persons.get(2).get("ID")).longValue();

        MockHttpServletResponse page = get200(cadre, "/activities/fund");
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(html(page)).contains("信用基金", "登记月度信用积分", "name=\"personId\"", "第 1 /").doesNotContain("??");

        // a line out of range: 422, the message beside that person's row, nothing posted
        MockHttpServletResponse refused = mvc.perform(post("/activities/fund/postings").cookie(cadre).with(csrf()).param("village", VILLAGE)
                .param("month", "2025-07").param("personId", String.valueOf(a), String.valueOf(b)).param("points", "5000", "3")
                .param("reason", "", "")).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(html(refused)).contains("积分应为 -1000 到 1000", "value=\"5000\"");
        assertThat(jdbc.queryForObject("select count(*) from fund_postings where village_code = ? and period_month = '2025-07'", Long.class, VILLAGE))
                .isZero();

        // a, b and c posted over the quarter's months; a blank row is skipped
        MockHttpServletResponse posted = mvc.perform(post("/activities/fund/postings").cookie(cadre).with(csrf()).param("village", VILLAGE)
                .param("month", "2025-07").param("personId", String.valueOf(a), String.valueOf(b), String.valueOf(c))
                .param("points", "10", "20", "").param("reason", "", "清洁户", "")).andReturn().getResponse();
        assertThat(posted.getStatus()).isEqualTo(302);
        assertThat(posted.getRedirectedUrl()).isEqualTo("/activities/fund?village=" + VILLAGE + "&month=2025-07");
        mvc.perform(post("/activities/fund/postings").cookie(cadre).with(csrf()).param("village", VILLAGE).param("month", "2025-09")
                .param("personId", String.valueOf(c)).param("points", "-5").param("reason", "违反村规"));
        String month = html(get200(cadre, "/activities/fund?village=" + VILLAGE + "&month=2025-07"));
        assertThat(month).contains(persons.get(1).get("NAME") + "</td>", "清洁户", "月度信用积分");
        String quarter = html(get200(cadre, "/activities/fund?village=" + VILLAGE + "&quarter=2025-Q3"));
        assertThat(quarter).contains("2025-Q3 季度积分汇总", "<b>20</b>", "<b>10</b>", "<b>-5</b>");
        assertThat(quarter).contains("逾期未发放的季度", "<b>2025-Q3</b>");

        // before the quarter ends: refused with the reason beside the form
        MockHttpServletResponse early = mvc.perform(post("/activities/fund/payouts").cookie(cadre).with(csrf()).param("village", VILLAGE)
                .param("quarter", "2026-Q1").param("poolYuan", "100.00")).andReturn().getResponse();
        assertThat(early.getStatus()).isEqualTo(422);
        assertThat(html(early)).contains("class=\"field-error\">季度结束后才能发放", "value=\"2026-Q1\"");

        MockHttpServletResponse paid = mvc.perform(post("/activities/fund/payouts").cookie(cadre).with(csrf()).param("village", VILLAGE)
                .param("quarter", "2025-Q3").param("poolYuan", "100.00")).andReturn().getResponse();
        assertThat(paid.getStatus()).isEqualTo(302);
        String after = html(get200(cadre, paid.getRedirectedUrl()));
        // 100.00 over 10 + 20 points (c's -5 gets nothing): 33.33 + 66.67 = 100.00
        assertThat(after).contains(">33.33<", ">66.67<", "<b>100.00</b>", "查看公示").doesNotContain("<b>2025-Q3</b></p>");
        Long notice = jdbc.queryForObject("select notice_id from fund_payouts where village_code = ? and quarter = '2025-Q3'", Long.class, VILLAGE);
        assertThat(after).contains("href=\"/notices/" + notice + "\"");

        // paying the quarter again: refused beside the form
        MockHttpServletResponse twice = mvc.perform(post("/activities/fund/payouts").cookie(cadre).with(csrf()).param("village", VILLAGE)
                .param("quarter", "2025-Q3").param("poolYuan", "50")).andReturn().getResponse();
        assertThat(twice.getStatus()).isEqualTo(422);
        assertThat(html(twice)).contains("本季度已发放");

        // the villagers of the village still open their pages with the payout's notice on the board
        Cookie villager = ConsoleLogin.login(mvc, "villager");
        for (String url : List.of("/", "/m", "/m/notices")) {
            MockHttpServletResponse r = get200(villager, url);
            assertThat(r.getStatus()).as(url + " " + r.getRedirectedUrl()).isIn(200, 302);
        }
    }

    @Test
    void aCadreOfAnotherVillageGets404() throws Exception {
        Cookie other = ConsoleLogin.login(mvc, "village_cadre2");
        assertThat(get200(other, "/activities/fund?village=" + VILLAGE).getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post("/activities/fund/payouts").cookie(other).with(csrf()).param("village", VILLAGE).param("quarter", "2025-Q2")
                .param("poolYuan", "10")).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(get200(other, "/activities/fund").getStatus()).isEqualTo(200);
    }
}
