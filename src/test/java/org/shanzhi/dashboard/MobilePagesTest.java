package org.shanzhi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shanzhi.support.ConsoleLogin;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The villager's phone pages: the home with a button for every step, my household with masked members, English. */
@IntegrationTest
class MobilePagesTest {

    /** 18 digits (or 17 and X) in a row, or 11 digits starting with 1: an ID number or a phone in clear. */
    static final Pattern CLEAR = Pattern.compile("(?<![0-9])([0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    private String page(Cookie session, String url) throws Exception {
        MvcResult r = mvc.perform(get(url).cookie(session)).andReturn();
        assertThat(r.getResponse().getStatus()).as(url).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    @Test
    void aVillagerLandsOnThePhoneHomeWithEveryStepOfTheJourney() throws Exception {
        Cookie villager = ConsoleLogin.login(mvc, "villager");
        MvcResult root = mvc.perform(get("/").cookie(villager)).andReturn();
        assertThat(root.getResponse().getRedirectedUrl()).isEqualTo("/m");
        String home = page(villager, "/m");
        for (String href : new String[] {"/m/household", "/m/points", "/m/points/declare", "/notices?division=469030202200", "/m/rewards",
                "/m/cases/new", "/m/cases", "/deliberation/proposals", "/deliberation/votes"}) {
            assertThat(home).contains("href=\"" + href + "\"");
        }
        assertThat(home).contains("我的家庭", "申报好人好事", "积分超市", "我要反映", "村民投票").contains("/css/mobile.css")
                .doesNotContain("/css/app.css").doesNotContain("<script");
        // the page stays small for a slow connection
        assertThat(home.length()).isLessThan(8_000);
        // staff keep the console home
        assertThat(mvc.perform(get("/").cookie(ConsoleLogin.login(mvc, "village_cadre"))).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void myHouseholdShowsTheMembersWithIdNumbersAndPhonesMasked() throws Exception {
        Cookie villager = ConsoleLogin.login(mvc, "villager");
        long household = jdbc.queryForObject("select household_id from accounts where username = 'villager'", Long.class);
        String number = jdbc.queryForObject("select number from households where id = ?", String.class, household);
        String html = page(villager, "/m/household");
        int members = jdbc.queryForObject("select count(*) from persons where household_id = ?", Integer.class, household);
        assertThat(html).contains("我的家庭", number, "家庭成员(" + members + " 人)", "身份证号");
        assertThat(html.split("class=\"card member\"", -1).length - 1).isEqualTo(members);
        assertThat(html).contains("****");
        assertThat(CLEAR.matcher(html).find()).as("an ID number or phone in clear").isFalse();

        String en = page(villager, "/m/household?lang=en");
        assertThat(en).contains("My household", "Members (" + members + ")", "ID number").doesNotContain("家庭成员(");
        page(villager, "/m?lang=zh-CN");
    }

    @Test
    void staffHaveNoOwnHouseholdPage() throws Exception {
        MvcResult r = mvc.perform(get("/m/household").cookie(ConsoleLogin.login(mvc, "village_cadre"))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void thePointsPageNamesStatesInWordsAndDatesTheChineseWay() throws Exception {
        Cookie villager = ConsoleLogin.login(mvc, "villager");
        String html = page(villager, "/m/points");
        assertThat(html).contains("积分台账", "村排名").doesNotContain(">CREDIT<").doesNotContain(">DECLARED<")
                .doesNotContainPattern(">20[0-9]{2}-[0-9]{2}-[0-9]{2}<");
        String en = page(villager, "/m/points?lang=en");
        assertThat(en).contains("My points", "Ledger");
        page(villager, "/m?lang=zh-CN");
    }
}
