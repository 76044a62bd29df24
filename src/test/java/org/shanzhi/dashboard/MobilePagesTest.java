package org.shanzhi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.util.regex.Pattern;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.deliberation.Bodies;
import org.shanzhi.deliberation.Votes;
import org.shanzhi.disclosure.NewNotice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.disclosure.NoticeItem;
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
    @Autowired
    NoticeBoard board;
    @Autowired
    Bodies bodies;
    @Autowired
    Votes votes;

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
        for (String href : new String[] {"/m/household", "/m/points", "/m/points/declare", "/m/notices", "/m/rewards",
                "/m/cases/new", "/m/cases", "/m/proposals", "/m/votes", "/m/activities", "/m/passbook", "/m/services", "/m/rewards/bank"}) {
            assertThat(home).contains("href=\"" + href + "\"");
        }
        assertThat(home).contains("我的家庭", "申报好人好事", "积分超市", "我要反映", "村民投票").contains("/css/mobile.css")
                .doesNotContain("/css/app.css");
        // one small deferred script (photo shrinking), nothing inline, no framework
        assertThat(home.split("<script", -1)).hasSize(2);
        assertThat(home).contains("<script src=\"/js/app.js\" defer></script>");
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

    @Test
    void aVillagerObjectsToOneLineOfANoticeFromThePhone() throws Exception {
        String run = String.valueOf(System.nanoTime());
        long notice = ScopeGuard.asSystem("469030", () -> board.publish(new NewNotice("469030202200", "VILLAGE_AFFAIRS", "mobile-test", run,
                "村务公开" + run, "请监督", 7, List.of(new NoticeItem("a", "修桥", "支出 8,000.00 元"), new NoticeItem("b", "清淤", "支出 500.00 元")))));
        Cookie villager = ConsoleLogin.login(mvc, "villager");
        assertThat(page(villager, "/m/notices")).contains("村务公开" + run, "公示中").doesNotContain(">OPEN<");
        String html = page(villager, "/m/notices/" + notice);
        assertThat(html).contains("修桥", "支出 500.00 元", "name=\"itemRef\"", "我有异议");

        MvcResult refused = mvc.perform(post("/m/notices/" + notice + "/objections").cookie(villager).with(csrf()).param("itemRef", "b")
                .param("reason", " ")).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/m/notices/" + notice);
        assertThat(String.valueOf(refused.getFlashMap().get("error"))).contains("请填写异议理由");

        MvcResult filed = mvc.perform(post("/m/notices/" + notice + "/objections").cookie(villager).with(csrf()).param("itemRef", "b")
                .param("reason", "清淤没有做完")).andReturn();
        assertThat(filed.getResponse().getRedirectedUrl()).isEqualTo("/m/notices/" + notice);
        assertThat(ScopeGuard.asSystem("469030", () -> board.notice(notice)).objections())
                .singleElement().satisfies(o -> assertThat(o.itemRef()).isEqualTo("b"));
        assertThat(page(villager, "/m/notices/" + notice)).contains("待答复", "清淤没有做完");
        // the cadre's console page names the line objected to and offers the answer
        assertThat(page(ConsoleLogin.login(mvc, "village_cadre"), "/notices/" + notice))
                .contains("待答复", "清淤</span>:", "清淤没有做完", "异议成立", "公示中").doesNotContain(">OPEN<");
    }

    @Test
    void aVillagerRaisesAProposalAndVotesFromThePhone() throws Exception {
        String run = String.valueOf(System.nanoTime());
        Cookie villager = ConsoleLogin.login(mvc, "villager");
        MvcResult raised = mvc.perform(post("/m/proposals").cookie(villager).with(csrf()).param("title", "修缮便民桥" + run)
                .param("body", "桥面有裂缝")).andReturn();
        assertThat(raised.getResponse().getRedirectedUrl()).startsWith("/m/proposals/");
        assertThat(page(villager, raised.getResponse().getRedirectedUrl())).contains("修缮便民桥" + run, "征集中", "0 人附议");
        MvcResult empty = mvc.perform(post("/m/proposals").cookie(villager).with(csrf()).param("title", "").param("body", "")).andReturn();
        assertThat(empty.getResponse().getRedirectedUrl()).isEqualTo("/m/proposals");
        assertThat(empty.getFlashMap().get("error")).isNotNull();

        String motion = "表决" + run;
        long vote = ScopeGuard.asSystem("469030", () -> {
            long body = bodies.create(new Bodies.NewBody("469030202200", "REPRESENTATIVE_ASSEMBLY", "代表会议" + run, null, null,
                    null, null, null, null, null, null)).id();
            bodies.addMember(body, new Bodies.NewMember("村民代表", "villager", null, "代表"));
            return votes.open(new Votes.NewVote(body, motion, true, null)).id();
        });
        assertThat(page(villager, "/m/votes")).contains(motion, "待您投票");
        assertThat(page(villager, "/m/votes/" + vote)).contains("赞成", "反对", "弃权", "无记名投票");
        mvc.perform(post("/m/votes/" + vote + "/ballot").cookie(villager).with(csrf()).param("choice", "FOR")).andReturn();
        MvcResult again = mvc.perform(post("/m/votes/" + vote + "/ballot").cookie(villager).with(csrf()).param("choice", "AGAINST")).andReturn();
        assertThat(String.valueOf(again.getFlashMap().get("error"))).contains("您已投票");
        assertThat(page(villager, "/m/votes/" + vote)).contains("您已投票", "已投 1 票,共 1 人");
        assertThat(page(villager, "/m/votes/" + vote + "?lang=en")).contains("You have voted", "1 of 1 have voted");
        page(villager, "/m?lang=zh-CN");
    }
}
