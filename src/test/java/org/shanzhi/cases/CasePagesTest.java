package org.shanzhi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shanzhi.identity.Accounts;
import org.shanzhi.identity.internal.AccountPrincipal;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The console and villager pages render for the people who use them, and their forms take the steps. Each
 * page is also written to target/pages/ so it can be looked at in a browser.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasePagesTest {

    /** 1x1 transparent PNG */
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @Autowired
    MockMvc mvc;
    @Autowired
    CaseDesk desk;
    @Autowired
    CaseCatalog catalog;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Territory territory;
    @Autowired
    Registry registry;
    @Autowired
    Accounts accounts;

    private CaseWorld w;

    @BeforeAll
    void world() {
        w = new CaseWorld(jdbc, territory, registry, accounts, catalog, 4, 1);
    }

    @AfterEach
    void resetClock() {
        clock.set(CaseWorld.START);
    }

    private RequestPostProcessor as(String username) {
        return user(new AccountPrincipal(w.actor(username), "", false, true));
    }

    private String page(String name, MvcResult r) throws Exception {
        assertThat(r.getResponse().getStatus()).as(name + ": " + r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        String html = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        Path dir = Path.of("target", "pages");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".html"), html);
        return html;
    }

    @Test
    void theInboxShowsEachLevelWithLights() throws Exception {
        String html = page("inbox-village", mvc.perform(get("/cases").param("level", "VILLAGE").with(as("village_cadre"))).andReturn());
        assertThat(html).contains("分级待办").contains("村处理 / village").contains("color:#f9a825").contains("color:#2e7d32")
                .contains("<link rel=\"stylesheet\" href=\"/css/app.css\">");
        String township = page("inbox-township", mvc.perform(get("/cases").with(as("township_admin"))).andReturn());
        assertThat(township).contains("镇化解 / township").contains("color:#c62828");
    }

    @Test
    void aCasePageShowsItsLogAndLightAndTakesAStep() throws Exception {
        long id = w.as(w.villager, () -> desk.report(new ReportCase("ENV", null, null, "村口垃圾没人收", null, null, null, null,
                null, null, null, false, null, null, null, null))).id();
        String html = page("case-reported", mvc.perform(get("/cases/" + id).with(as(w.cadre))).andReturn());
        assertThat(html).contains("村口垃圾没人收").contains("流转记录 / Log").contains("color:#2e7d32").contains("测试村" + w.uniq).contains("立案 / Accept")
                .contains("name=\"_csrf\"");

        MvcResult accepted = mvc.perform(post("/cases/" + id + "/accept").param("note", "属实").with(as(w.cadre)).with(csrf())).andReturn();
        assertThat(accepted.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + id);
        assertThat(accepted.getFlashMap().get("message")).isNotNull();
        assertThat(CaseWorld.system(() -> desk.get(id)).status()).isEqualTo(CaseStatus.ACCEPTED);

        // a step the state refuses comes back as a message, not an error page
        MvcResult again = mvc.perform(post("/cases/" + id + "/accept").with(as(w.cadre)).with(csrf())).andReturn();
        assertThat((String) again.getFlashMap().get("error")).contains("ACCEPTED");

        mvc.perform(post("/cases/" + id + "/dispatch").param("handlerUsername", w.gridWorker).with(as(w.cadre)).with(csrf()));
        String dispatched = page("case-dispatched", mvc.perform(get("/cases/" + id).with(as(w.gridWorker))).andReturn());
        assertThat(dispatched).contains("办结 / Handled").doesNotContain("立案 / Accept");
    }

    @Test
    void theDemoWhistleAndDisputeRender() throws Exception {
        Long whistled = jdbc.queryForObject("select min(case_id) from case_whistle_calls where county_code = '469030' and department = '民政局'", Long.class);
        String html = page("case-whistle", mvc.perform(get("/cases/" + whistled).with(as("township_admin"))).andReturn());
        assertThat(html).contains("吹哨报到 / Whistle").contains("民政局");
        Long dispute = jdbc.queryForObject("select min(case_id) from case_disputes where county_code = '469030'", Long.class);
        assertThat(page("case-dispute", mvc.perform(get("/cases/" + dispute).with(as("township_admin"))).andReturn()))
                .contains("矛盾纠纷 / Dispute").contains("当事人 / Parties");
    }

    @Test
    void theMeasuresTableRenders() throws Exception {
        String html = page("measures", mvc.perform(get("/cases/measures").param("unit", "VILLAGE").param("from", "2026-02-01")
                .param("to", "2026-03-31").with(as("township_admin"))).andReturn());
        assertThat(html).contains("考核指标 / Measures").contains("便文村").contains("%");
    }

    @Test
    void aVillagerReportsWithAPhotoFollowsAndRates() throws Exception {
        String form = page("m-new", mvc.perform(get("/m/cases/new").with(as(w.villager))).andReturn());
        assertThat(form).contains("上报问题").contains("环境卫生").contains("enctype=\"multipart/form-data\"");

        MvcResult posted = mvc.perform(multipart("/m/cases").file(new MockMultipartFile("photo", "p.png", "image/png", PNG))
                .param("categoryCode", "ENV").param("description", "水沟发臭").with(as(w.villager)).with(csrf())).andReturn();
        String location = posted.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/m/cases/");
        long id = Long.parseLong(location.substring("/m/cases/".length()));
        String follow = page("m-case-reported", mvc.perform(get(location).with(as(w.villager))).andReturn());
        assertThat(follow).contains("水沟发臭").contains("办理进度").contains("/cases/" + id + "/photos/");
        long photo = w.as(w.villager, () -> desk.photoIds(id)).get(0);
        MvcResult image = mvc.perform(get("/cases/" + id + "/photos/" + photo).with(as(w.villager))).andReturn();
        assertThat(image.getResponse().getContentType()).isEqualTo("image/png");
        assertThat(image.getResponse().getContentAsByteArray()).isEqualTo(PNG);

        // a mistake comes back to the form with the message
        String missing = page("m-new-error", mvc.perform(multipart("/m/cases").param("categoryCode", "ENV").param("description", "")
                .with(as(w.villager)).with(csrf())).andReturn());
        assertThat(missing).contains("description");

        CaseWorld.system(() -> {
            desk.accept(id, null);
            desk.dispatch(id, new DispatchCase(w.gridWorker, null, null, null));
            desk.handle(id, new HandleCase("已清理水沟", null));
            return desk.feedback(id, "水沟已清理,请评价");
        });
        String list = page("m-list", mvc.perform(get("/m/cases").with(as(w.villager))).andReturn());
        assertThat(list).contains("水沟发臭").contains("请评价");
        String rateForm = page("m-case-feedback", mvc.perform(get("/m/cases/" + id).with(as(w.villager))).andReturn());
        assertThat(rateForm).contains("对办理结果是否满意").contains("基本满意");
        MvcResult rated = mvc.perform(post("/m/cases/" + id + "/rate").param("rating", "SATISFIED").with(as(w.villager)).with(csrf())).andReturn();
        assertThat(rated.getResponse().getRedirectedUrl()).isEqualTo("/m/cases/" + id);
        assertThat(CaseWorld.system(() -> desk.get(id)).status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(page("m-case-closed", mvc.perform(get("/m/cases/" + id).with(as(w.villager))).andReturn()))
                .contains("已结案").doesNotContain("对办理结果是否满意");
    }

    @Test
    void pagesStayInsideTheCallersScope() throws Exception {
        long id = w.as(w.villager, () -> desk.report(new ReportCase("ENV", null, null, "别人看不到", null, null, null, null,
                null, null, null, false, null, null, null, null))).id();
        assertThat(mvc.perform(get("/cases/" + id).with(as("village_cadre2"))).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/m/cases/" + id).with(as("villager"))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }
}
