package org.shanzhi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shanzhi.identity.Accounts;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** A 311 client: discover services, post a form-encoded request, read it back; errors in GeoReport's shape. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311Test {

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
    private String villagerToken;
    private String cadreToken;

    @BeforeAll
    void world() throws Exception {
        w = new CaseWorld(jdbc, territory, registry, accounts, catalog, 4, 1);
        villagerToken = token(w.villager);
        cadreToken = token(w.cadre);
    }

    @AfterEach
    void resetClock() {
        clock.set(CaseWorld.START);
    }

    @Test
    void serviceDiscoveryIsPublicForACounty() throws Exception {
        mvc.perform(get("/open311/v2/services.json").param("jurisdiction_id", "469030"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.service_code == 'ENV')].service_name").value("环境卫生"))
                .andExpect(jsonPath("$[0].type").value("realtime"))
                .andExpect(jsonPath("$[0].metadata").value(false));
        mvc.perform(get("/open311/v2/services.json")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$[0].code").value(400)).andExpect(jsonPath("$[0].description").exists());
        mvc.perform(get("/open311/v2/services.json").param("jurisdiction_id", "999999")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$[0].code").value(404));
    }

    @Test
    void aVillagerPostsAFormEncodedRequestAndReadsItBack() throws Exception {
        MvcResult created = mvc.perform(post("/open311/v2/requests.json").header("Authorization", "Bearer " + villagerToken)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("jurisdiction_id", "469030").param("service_code", "ROAD")
                        .param("description", "桥头路面坑洼,雨天积水").param("lat", "19.0412").param("long", "109.8381")
                        .param("address_string", "桥头").param("media_url", "https://example.org/p/1.jpg"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].service_request_id").isString())
                .andExpect(jsonPath("$[0].service_notice").exists())
                .andReturn();
        String id = id(created);
        Case k = CaseWorld.system(() -> desk.get(Long.parseLong(id)));
        assertThat(k.channel()).isEqualTo(Channel.OPEN311);
        assertThat(k.householdId()).isEqualTo(w.householdsA.get(0));
        assertThat(k.lat()).isEqualByComparingTo("19.0412");

        mvc.perform(get("/open311/v2/requests/" + id + ".json").header("Authorization", "Bearer " + villagerToken))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].service_request_id").value(id))
                .andExpect(jsonPath("$[0].status").value("open"))
                .andExpect(jsonPath("$[0].service_code").value("ROAD"))
                .andExpect(jsonPath("$[0].service_name").value("道路交通设施"))
                .andExpect(jsonPath("$[0].address").value("桥头"))
                .andExpect(jsonPath("$[0].address_id").value(w.group))
                .andExpect(jsonPath("$[0].long").value(109.8381))
                .andExpect(jsonPath("$[0].media_url").value("https://example.org/p/1.jpg"))
                .andExpect(jsonPath("$[0].requested_datetime").value("2026-03-03T09:00+08:00"))
                .andExpect(jsonPath("$[0].expected_datetime").value("2026-03-06T09:00+08:00"));
        mvc.perform(get("/open311/v2/requests.json").param("service_request_id", id).header("Authorization", "Bearer " + villagerToken))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1));
        mvc.perform(get("/open311/v2/requests.json").param("service_request_id", id).param("status", "closed")
                .header("Authorization", "Bearer " + villagerToken)).andExpect(jsonPath("$.length()").value(0));

        // refused: closed, with the reason in status_notes
        CaseWorld.system(() -> desk.refuse(Long.parseLong(id), "已列入县道改造计划"));
        mvc.perform(get("/open311/v2/requests/" + id + ".json").header("Authorization", "Bearer " + villagerToken))
                .andExpect(jsonPath("$[0].status").value("closed"))
                .andExpect(jsonPath("$[0].status_notes").value(org.hamcrest.Matchers.containsString("已列入县道改造计划")));
        // another household's villager does not see it
        mvc.perform(get("/open311/v2/requests/" + id + ".json").header("Authorization", "Bearer " + token("villager")))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$[0].code").value(404));
    }

    @Test
    void theApiKeyParameterCarriesTheToken() throws Exception {
        MvcResult created = mvc.perform(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("api_key", villagerToken).param("service_code", "ENV").param("description", "垃圾没人收"))
                .andExpect(status().isOk()).andReturn();
        mvc.perform(get("/open311/v2/requests/" + id(created) + ".json").param("api_key", villagerToken))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].service_code").value("ENV"));
        mvc.perform(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("service_code", "ENV").param("description", "无令牌")).andExpect(status().isUnauthorized());
        mvc.perform(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("api_key", "wrong").param("service_code", "ENV")).andExpect(status().isUnauthorized());
    }

    @Test
    void aHotlineOperatorNamesThePlaceAndTheCaller() throws Exception {
        MvcResult created = mvc.perform(post("/open311/v2/requests.json").header("Authorization", "Bearer " + cadreToken)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("service_code", "WATER")
                        .param("description", "来电:自来水停了一天").param("address_id", w.group)
                        .param("first_name", "王").param("last_name", "大妈").param("phone", "13912340000"))
                .andExpect(status().isOk()).andReturn();
        long createdId = Long.parseLong(id(created));
        Case k = CaseWorld.system(() -> desk.get(createdId));
        assertThat(k.groupCode()).isEqualTo(w.group);
        assertThat(k.reporterName()).isEqualTo("王大妈");
        assertThat(k.reporterPhone()).isEqualTo("139****0000");
    }

    @Test
    void mistakesAnswerInGeoReportShape() throws Exception {
        mvc.perform(post("/open311/v2/requests.json").header("Authorization", "Bearer " + villagerToken)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("description", "没有类别"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$[0].code").value(400))
                .andExpect(jsonPath("$[0].description").value(org.hamcrest.Matchers.containsString("service_code")));
        mvc.perform(post("/open311/v2/requests.json").header("Authorization", "Bearer " + villagerToken)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("service_code", "NOPE").param("description", "x"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$[0].description").value(org.hamcrest.Matchers.containsString("categoryCode")));
        mvc.perform(get("/open311/v2/requests.json").param("start_date", "yesterday").header("Authorization", "Bearer " + villagerToken))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aReplayedPostWithTheSameKeyCreatesOneRequest() throws Exception {
        String[] ids = new String[2];
        for (int i = 0; i < 2; i++) {
            MvcResult r = mvc.perform(post("/open311/v2/requests.json").header("Authorization", "Bearer " + villagerToken)
                            .header("Idempotency-Key", "o311-" + w.uniq).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .param("service_code", "ENV").param("description", "重发测试"))
                    .andExpect(status().isOk()).andReturn();
            ids[i] = id(r);
        }
        assertThat(ids[1]).isEqualTo(ids[0]);
    }

    private static String id(MvcResult r) throws Exception {
        Matcher m = Pattern.compile("\"service_request_id\":\"(\\d+)\"").matcher(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private String token(String username) throws Exception {
        String password = username.equals("villager") ? "shanzhi2026" : CaseWorld.PASSWORD;
        MvcResult res = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")).andReturn();
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(res.getResponse().getContentAsString());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
