package org.shanzhi.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.ConsoleLogin;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The monitoring console's forms, each through the real login of the role that uses it: the happy path moves
 * the record on (a redirect to its page); a refused form answers 422 with the reason beside its field and
 * changes nothing.
 */
@IntegrationTest
class MonitoringFormsTest {

    static final String VILLAGE = "469030202200";
    static final Instant START = Instant.parse("2026-03-03T01:00:00Z");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    Reviews reviews;

    @AfterEach
    void resetClock() {
        clock.set(START);
    }

    private MvcResult send(MockHttpServletRequestBuilder req, Cookie session) throws Exception {
        return mvc.perform(req.cookie(session).with(csrf())).andReturn();
    }

    private static String body(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static void refused(MvcResult r, String field, String text) throws Exception {
        assertThat(r.getResponse().getStatus()).as(body(r)).isEqualTo(422);
        assertThat(body(r)).contains("field-error").contains(text);
        assertThat(body(r)).as("the refused field is marked").contains("invalid");
        if (field != null) {
            assertThat(body(r)).contains("name=\"" + field + "\"");
        }
    }

    private String status(long caseId) {
        return jdbc.queryForObject("select status from monitoring_cases where id = ?", String.class, caseId);
    }

    @Test
    void aGridWorkerRecordsAHouseholdFoundOnAVisitAndTheVillageReviewsIt() throws Exception {
        Cookie worker = ConsoleLogin.login(mvc, "grid_worker");
        String number = jdbc.queryForObject("""
                select min(h.number) from households h where h.county_code = '469030'
                and h.grid_id = (select grid_id from accounts where username = 'grid_worker')
                and not exists (select 1 from monitoring_cases c where c.household_id = h.id)""", String.class);
        long before = jdbc.queryForObject("select count(*) from monitoring_cases", Long.class);

        // refused: no reason given, and a number outside the worker's grid
        refused(send(post("/monitoring/cases").param("householdNumber", number).param("channel", "VISIT").param("reason", ""), worker),
                "reason", "必填");
        refused(send(post("/monitoring/cases").param("householdNumber", "NO-SUCH-1").param("channel", "VISIT").param("reason", "x"), worker),
                "householdNumber", "没有该户编号");
        assertThat(jdbc.queryForObject("select count(*) from monitoring_cases", Long.class)).isEqualTo(before);

        MvcResult opened = send(post("/monitoring/cases").param("householdNumber", number).param("channel", "VISIT")
                .param("kind", "突发严重困难户").param("reason", "户主突发重病,医疗支出大"), worker);
        assertThat(opened.getResponse().getStatus()).as(body(opened)).isEqualTo(302);
        long caseId = Long.parseLong(opened.getResponse().getRedirectedUrl().replace("/monitoring/cases/", ""));
        assertThat(status(caseId)).isEqualTo("OPEN");
        // the grid worker sees no step buttons; the village cadre sees the village review
        assertThat(body(send(get("/monitoring/cases/" + caseId), worker))).doesNotContain("name=\"step\"");
        Cookie cadre = ConsoleLogin.login(mvc, "village_cadre");
        String file = body(send(get("/monitoring/cases/" + caseId), cadre));
        assertThat(file).contains("value=\"VILLAGE_REVIEW\"").doesNotContain("value=\"COUNTY_DECISION\"");

        // a township step out of order is refused beside the step
        Cookie township = ConsoleLogin.login(mvc, "township_admin");
        MvcResult early = send(post("/monitoring/cases/" + caseId + "/steps").param("step", "TOWNSHIP_CHECK").param("approved", "true"), township);
        assertThat(early.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(early)).contains("步骤顺序不对");
        assertThat(status(caseId)).isEqualTo("OPEN");

        MvcResult reviewed = send(post("/monitoring/cases/" + caseId + "/steps").param("step", "VILLAGE_REVIEW").param("approved", "true")
                .param("note", "村两委会议评议通过"), cadre);
        assertThat(reviewed.getResponse().getRedirectedUrl()).isEqualTo("/monitoring/cases/" + caseId);
        assertThat(status(caseId)).isEqualTo("VILLAGE_REVIEWED");
    }

    @Test
    void measuresIncomeChecksAndAnEliminationRefusedBeforeTheStableTime() throws Exception {
        long caseId = jdbc.queryForObject("""
                select min(id) from monitoring_cases where county_code = '469030' and village_code = ? and status = 'MONITORED'""",
                Long.class, VILLAGE);
        Cookie cadre = ConsoleLogin.login(mvc, "village_cadre");
        long measures = jdbc.queryForObject("select count(*) from monitoring_measures where case_id = ?", Long.class, caseId);

        refused(send(post("/monitoring/cases/" + caseId + "/measures").param("kind", "").param("description", "技能培训")
                .param("responsible", "村委委员").param("startOn", "2026-03-03"), cadre), "kind", "措施类型应为");
        MvcResult added = send(post("/monitoring/cases/" + caseId + "/measures").param("kind", "EDUCATION").param("description", "雨露计划助学")
                .param("responsible", "村委委员").param("startOn", "2026-03-03"), cadre);
        assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/monitoring/cases/" + caseId);
        assertThat(jdbc.queryForObject("select count(*) from monitoring_measures where case_id = ?", Long.class, caseId)).isEqualTo(measures + 1);
        long measure = jdbc.queryForObject("select max(id) from monitoring_measures where case_id = ? and kind = 'EDUCATION'", Long.class, caseId);
        refused(send(post("/monitoring/cases/" + caseId + "/measures/" + measure + "/outcome").param("outcome", ""), cadre), "outcome", "必填");
        send(post("/monitoring/cases/" + caseId + "/measures/" + measure + "/outcome").param("outcome", "已发放助学金 3000 元"), cadre);
        assertThat(jdbc.queryForObject("select outcome from monitoring_measures where id = ?", String.class, measure)).isEqualTo("已发放助学金 3000 元");

        refused(send(post("/monitoring/cases/" + caseId + "/income-checks").param("incomePerCapita", "-5"), cadre), "incomePerCapita", "非负数");
        assertThat(send(post("/monitoring/cases/" + caseId + "/income-checks").param("incomePerCapita", "8100"), cadre).getResponse()
                .getStatus()).isEqualTo(302);

        // risk elimination before the stable time: refused, with the reason and the earliest date shown
        MvcResult early = send(post("/monitoring/cases/" + caseId + "/steps").param("step", "ELIMINATION_REVIEW").param("approved", "true"), cadre);
        assertThat(early.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(early)).contains("class=\"alert error refusal\"").contains("不能消除风险").contains("最早");
        assertThat(status(caseId)).isEqualTo("MONITORED");
    }

    @Test
    void theCountyIssuesACampaignAndAGridWorkerFillsAHouseholdsForm() throws Exception {
        Cookie county = ConsoleLogin.login(mvc, "county_admin");
        long survey = jdbc.queryForObject("select min(id) from monitoring_templates where county_code = '469030' and kind = 'SURVEY'", Long.class);
        refused(send(post("/monitoring/campaigns").param("title", "").param("surveyTemplateId", String.valueOf(survey)), county), "title", "必填");
        MvcResult issued = send(post("/monitoring/campaigns").param("title", "春季防返贫排查(页面)").param("surveyTemplateId", String.valueOf(survey))
                .param("townships", "469030202").param("deadline", "2026-04-30"), county);
        assertThat(issued.getResponse().getStatus()).as(body(issued)).isEqualTo(302);
        long campaign = Long.parseLong(issued.getResponse().getRedirectedUrl().replace("/monitoring/campaigns/", ""));

        Cookie township = ConsoleLogin.login(mvc, "township_admin");
        assertThat(send(post("/monitoring/campaigns/" + campaign + "/forward").param("division", "469030202"), township).getResponse()
                .getStatus()).isEqualTo(302);
        MvcResult twice = send(post("/monitoring/campaigns/" + campaign + "/forward").param("division", "469030202"), township);
        assertThat(twice.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(twice)).contains("已转办");
        Cookie cadre = ConsoleLogin.login(mvc, "village_cadre");
        assertThat(send(post("/monitoring/campaigns/" + campaign + "/forward").param("division", VILLAGE), cadre).getResponse()
                .getStatus()).isEqualTo(302);

        Cookie worker = ConsoleLogin.login(mvc, "grid_worker");
        String list = body(send(get("/monitoring/campaigns/" + campaign + "/forms?division=" + VILLAGE), worker));
        long form = jdbc.queryForObject("""
                select min(id) from monitoring_forms where campaign_id = ? and grid_id = (select grid_id from accounts where username = 'grid_worker')""",
                Long.class, campaign);
        assertThat(list).contains("/monitoring/forms/" + form);
        String page = body(send(get("/monitoring/forms/" + form), worker));
        assertThat(page).contains("name=\"a.income_per_capita\"").contains("住房安全鉴定");

        MvcResult empty = send(post("/monitoring/forms/" + form + "/fill"), worker);
        assertThat(empty.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(empty)).contains("填报内容不能为空");
        MvcResult filled = send(post("/monitoring/forms/" + form + "/fill").param("a.income_per_capita", "9100").param("a.house_safe", "B级")
                .param("a.water_safe", "是"), worker);
        assertThat(filled.getResponse().getStatus()).as(body(filled)).isEqualTo(302);
        assertThat(jdbc.queryForObject("select status from monitoring_forms where id = ?", String.class, form)).isEqualTo("FILLED");

        // the village evaluates; progress by level counts it
        refused(send(post("/monitoring/forms/" + form + "/evaluate").param("accepted", "false").param("note", ""), cadre), "note", "必填");
        assertThat(send(post("/monitoring/forms/" + form + "/evaluate").param("accepted", "true"), cadre).getResponse().getStatus()).isEqualTo(302);
        String progress = body(send(get("/monitoring/campaigns/" + campaign + "?division=469030202"), county));
        assertThat(progress).contains("便文村");
        assertThat(jdbc.queryForObject("select count(*) from monitoring_forms where campaign_id = ? and status = 'EVALUATED'", Long.class, campaign))
                .isEqualTo(1);
    }

    @Test
    void aCadreScoresTheMonthTheBranchMeetingReviewsInTheFirstWeekOnly() throws Exception {
        Cookie cadre = ConsoleLogin.login(mvc, "village_cadre");
        long duty = jdbc.queryForObject("""
                select min(d.id) from monitoring_village_duties d where d.village_code = ?
                and d.cadre_account_id = (select id from accounts where username = 'village_cadre')""", Long.class, VILLAGE);
        int points = jdbc.queryForObject("select points from monitoring_village_duties where id = ?", Integer.class, duty);
        String page = body(send(get("/monitoring/duties?village=" + VILLAGE + "&month=2026-03"), cadre));
        assertThat(page).contains("本人自评").contains("value=\"" + duty + "\"");

        refused(send(post("/monitoring/duties/self-score").param("village", VILLAGE).param("month", "2026-03").param("dutyId", String.valueOf(duty))
                .param("selfPoints", String.valueOf(points + 1)), cadre), "selfPoints", "自评分须在 0 到 " + points);
        MvcResult scored = send(post("/monitoring/duties/self-score").param("village", VILLAGE).param("month", "2026-03")
                .param("dutyId", String.valueOf(duty)).param("selfPoints", String.valueOf(points)).param("note", "按时完成"), cadre);
        assertThat(scored.getResponse().getStatus()).as(body(scored)).isEqualTo(302);

        clock.set(Instant.parse("2026-04-10T01:00:00Z")); // the 10th: the first week is over
        MvcResult late = send(post("/monitoring/duties/review").param("village", VILLAGE).param("month", "2026-03")
                .param("dutyId", String.valueOf(duty)).param("reviewedPoints", String.valueOf(points)), cadre);
        assertThat(late.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(late)).contains("次月第一周");
        clock.set(Instant.parse("2026-04-02T01:00:00Z"));
        MvcResult reviewed = send(post("/monitoring/duties/review").param("village", VILLAGE).param("month", "2026-03")
                .param("dutyId", String.valueOf(duty)).param("reviewedPoints", String.valueOf(points - 1)), cadre);
        assertThat(reviewed.getResponse().getStatus()).as(body(reviewed)).isEqualTo(302);
        assertThat(jdbc.queryForObject("select reviewed_points from monitoring_duty_scores where duty_id = ? and score_month = '2026-03'",
                Integer.class, duty)).isEqualTo(points - 1);

        // a quarter is published once it has ended
        MvcResult early = send(post("/monitoring/duties/publish").param("village", VILLAGE).param("month", "2026-03").param("year", "2026")
                .param("quarter", "2"), cadre);
        refused(early, "quarter", "季度尚未结束");
    }

    @Test
    void theVillageGradesEveryItemOfTheFormAndTheCountyImportsAForm() throws Exception {
        long template = jdbc.queryForObject("select template_id from monitoring_reviews where county_code = '469030' and title = '2021年村(社区)两委换届回头看'",
                Long.class);
        Reviews.Review review = ScopeGuard.asSystem("469030", () -> reviews.createReview(template, "页面自诊测试", 2021, 1));
        List<Long> items = jdbc.queryForList("select id from monitoring_assessment_items where template_id = ? order by \"position\"", Long.class, template);
        assertThat(items).hasSize(71);
        Cookie cadre = ConsoleLogin.login(mvc, "village_cadre");
        String form = body(send(get("/monitoring/reviews/" + review.id() + "/assess?village=" + VILLAGE + "&stage=SELF"), cadre));
        assertThat(form).contains("查班子成员").contains("查作风廉洁").contains("name=\"g." + items.get(70) + "\"");

        MockHttpServletRequestBuilder partial = post("/monitoring/reviews/" + review.id() + "/assess").param("village", VILLAGE).param("stage", "SELF");
        for (Long i : items.subList(0, 70)) {
            partial.param("g." + i, "较好");
        }
        MvcResult missing = send(partial, cadre);
        assertThat(missing.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(missing)).contains("须对全部 71 项").contains("grade missing").contains("value=\"较好\" checked");

        MockHttpServletRequestBuilder full = post("/monitoring/reviews/" + review.id() + "/assess").param("village", VILLAGE).param("stage", "SELF");
        for (int k = 0; k < items.size(); k++) {
            full.param("g." + items.get(k), k % 2 == 0 ? "好" : "较好");
        }
        MvcResult done = send(full, cadre);
        assertThat(done.getResponse().getStatus()).as(body(done)).isEqualTo(302);
        assertThat(jdbc.queryForObject("select overall from monitoring_assessments where review_id = ? and village_code = ? and stage = 'SELF'",
                String.class, review.id(), VILLAGE)).isEqualTo("好"); // 36 × 4 + 35 × 3 = 249 / 71 = 3.51 → 好

        Cookie county = ConsoleLogin.login(mvc, "county_admin");
        long before = jdbc.queryForObject("select count(*) from monitoring_assessment_templates", Long.class);
        MvcResult bad = mvc.perform(multipart("/monitoring/reviews/templates/import").file(new MockMultipartFile("file", "f.csv", "text/csv",
                "部分,考察要素,具体内容\n班子成员,团结,分工明确\n查廉洁,廉洁,无吃拿卡要\n".getBytes(StandardCharsets.UTF_8))).param("title", "坏表")
                .cookie(county).with(csrf())).andReturn();
        assertThat(bad.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(bad)).contains("import-errors").contains("<td data-label=\"行\">3</td>").contains("部分应为");
        assertThat(jdbc.queryForObject("select count(*) from monitoring_assessment_templates", Long.class)).isEqualTo(before);
        byte[] shipped;
        try (var in = getClass().getResourceAsStream("/monitoring/yancheng-look-back-template.csv")) {
            shipped = in.readAllBytes();
        }
        MvcResult ok = mvc.perform(multipart("/monitoring/reviews/templates/import").file(new MockMultipartFile("file", "y.csv", "text/csv", shipped))
                .param("title", "郾城考察表(页面导入)").cookie(county).with(csrf())).andReturn();
        assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/monitoring/reviews");
        assertThat(jdbc.queryForObject("select count(*) from monitoring_assessment_templates", Long.class)).isEqualTo(before + 1);
    }
}
