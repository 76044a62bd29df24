package org.shanzhi.deliberation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.demo.DemoAccounts;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/** The console pages, signed in through the login form: what a cadre and a villager see and press. */
@IntegrationTest
class DeliberationPagesTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    private Calls api;

    @BeforeEach
    void setUp() {
        api = new Calls(mvc, json);
    }

    private Cookie session(String username) throws Exception {
        MvcResult r = mvc.perform(formLogin("/login").user(username).password(DemoAccounts.PASSWORD)).andReturn();
        assertThat(r.getResponse().getStatus()).as("login " + username).isEqualTo(302);
        Cookie c = r.getResponse().getCookie("SESSION");
        assertThat(c).isNotNull();
        return c;
    }

    private String page(Cookie session, String path, int status) throws Exception {
        MvcResult r = mvc.perform(get(path).cookie(session)).andReturn();
        String html = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(path + ": " + html).isEqualTo(status);
        return html;
    }

    private String submit(Cookie session, String path, String... params) throws Exception {
        var req = post(path).cookie(session).with(csrf());
        for (int i = 0; i < params.length; i += 2) {
            req.param(params[i], params[i + 1]);
        }
        MvcResult r = mvc.perform(req).andReturn();
        assertThat(r.getResponse().getStatus()).as(path).isEqualTo(302);
        return r.getResponse().getRedirectedUrl();
    }

    @Test
    void theProcedurePageShowsTheSixStepsWithTheNextOneAsTheButton() throws Exception {
        String matter = api.post(api.token("village_cadre"), "/api/v1/deliberation/matters", "{\"villageCode\":\"" + VILLAGE
                + "\",\"title\":\"页面测试事项" + Calls.uniq() + "\",\"description\":\"说明\"}", 201).get("id").asString();
        Cookie cadre = session("village_cadre");
        String html = page(cadre, "/deliberation/matters/" + matter, 200);
        assertThat(html).contains("党支部提议", "两委商议", "党员大会审议", "村民(代表)会议决议", "决议公开", "实施结果公开")
                .contains("记录「党支部提议」").doesNotContain("记录「两委商议」").contains("便文村委会");
        String back = submit(cadre, "/deliberation/matters/" + matter + "/steps", "step", "PARTY_BRANCH_PROPOSAL", "heldOn", "2026-03-02",
                "expected", "5", "present", "5", "outcome", "PASSED", "minutes", "支部委员会一致同意");
        assertThat(back).isEqualTo("/deliberation/matters/" + matter);
        html = page(cadre, back, 200);
        assertThat(html).contains("支部委员会一致同意").contains("记录「两委商议」").doesNotContain("记录「党支部提议」");
        // skipping is refused on the page too, with the reason
        submit(cadre, "/deliberation/matters/" + matter + "/steps", "step", "ASSEMBLY_RESOLUTION", "heldOn", "2026-03-02",
                "expected", "30", "present", "25", "outcome", "PASSED", "minutes", "跳步");
        MvcResult r = mvc.perform(get("/deliberation/matters/" + matter).cookie(cadre)
                .flashAttr("error", "不能跳过或重复步骤")).andReturn();
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("不能跳过或重复步骤");
        // a villager sees the procedure but no button
        assertThat(page(session("villager"), "/deliberation/matters/" + matter, 200)).doesNotContain("记录「两委商议」").contains("等待村两委办理");
    }

    @Test
    void aVillagerVotesWithOneBigButtonAndOnlyOnce() throws Exception {
        String cadre = api.token("village_cadre");
        String body = api.post(cadre, "/api/v1/deliberation/bodies", "{\"villageCode\":\"" + VILLAGE
                + "\",\"kind\":\"REPRESENTATIVE_ASSEMBLY\"}", 201).get("id").asString();
        api.post(cadre, "/api/v1/deliberation/bodies/" + body + "/members", "{\"username\":\"villager\"}", 201);
        api.post(cadre, "/api/v1/deliberation/bodies/" + body + "/members", "{\"name\":\"代表甲\"}", 201);
        String vote = api.post(cadre, "/api/v1/deliberation/votes", "{\"bodyId\":\"" + body + "\",\"motion\":\"是否同意修建文化广场"
                + Calls.uniq() + "\",\"secret\":true}", 201).get("id").asString();
        Cookie villager = session("villager");
        String html = page(villager, "/deliberation/votes/" + vote, 200);
        assertThat(html).contains("width=device-width").contains("赞成 / FOR").contains("反对 / AGAINST").contains("弃权 / ABSTAIN");
        submit(villager, "/deliberation/votes/" + vote + "/ballot", "choice", "AGAINST");
        html = page(villager, "/deliberation/votes/" + vote, 200);
        assertThat(html).contains("您已投票").doesNotContain("赞成 / FOR");
        assertThat(page(villager, "/deliberation/votes", 200)).contains("是否同意修建文化广场");
    }

    @Test
    void theBanquetRegisterShowsEachFlagWithItsRule() throws Exception {
        Cookie cadre = session("village_cadre");
        String html = page(cadre, "/deliberation/banquets", 200);
        assertThat(html).contains("红白喜事申报").contains("事前申报");
        // the demo register of 便文村 holds a funeral of 5 days and 40 tables
        assertThat(page(cadre, "/deliberation/banquets?flagged=true", 200)).contains("丧事天数").contains("丧事办理不超过3天")
                .contains("宴席不超三十桌");
    }

    @Test
    void thePowerListShowsEachItemsFlowAndProposalsTheirSupports() throws Exception {
        Cookie villager = session("villager");
        assertThat(page(villager, "/deliberation/power-list", 200)).contains("QZ-07").contains("低保对象评议申报").contains("县直部门");
        assertThat(page(villager, "/deliberation/proposals", 200)).contains("修缮村口便民桥").contains("我要提议");
        String id = api.post(api.token("villager"), "/api/v1/deliberation/proposals", "{\"villageCode\":\"" + VILLAGE
                + "\",\"title\":\"页面提议" + Calls.uniq() + "\",\"body\":\"内容\"}", 201).get("id").asString();
        Cookie center = session("party_center");
        submit(center, "/deliberation/proposals/" + id + "/support");
        assertThat(page(center, "/deliberation/proposals/" + id, 200)).contains("您已附议");
        page(session("village_cadre2"), "/deliberation/proposals/" + id, 404);
        page(session("merchant"), "/deliberation/proposals", 404);
    }
}
