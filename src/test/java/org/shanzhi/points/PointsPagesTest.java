package org.shanzhi.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.Actor;
import org.shanzhi.identity.internal.AccountPrincipal;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The console and mobile pages render for the roles that use them, and show personal data masked only. */
@IntegrationTest
class PointsPagesTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    AccountPrincipal cadre;
    AccountPrincipal villager;
    long household;

    @BeforeEach
    void actors() {
        household = jdbc.queryForObject("select household_id from accounts where username = 'villager'", Long.class);
        cadre = new AccountPrincipal(new Actor(990001, "page_cadre", "页面干部", "VILLAGE_CADRE", "469030", VILLAGE, null, Set.of(), false),
                "", false, true);
        villager = new AccountPrincipal(new Actor(990002, "page_villager", "页面村民", "VILLAGER", "469030", VILLAGE, null, Set.of(household),
                false), "", false, true);
    }

    @Test
    void cadrePagesRenderWithMaskedDataOnly() throws Exception {
        long scheme = jdbc.queryForObject("select min(id) from points_schemes where owner_code = ? and status = 'ADOPTED'", Long.class, VILLAGE);
        long notice = jdbc.queryForObject("select min(id) from notices where village_code = ?", Long.class, VILLAGE);
        for (String url : new String[] {"/points/schemes", "/points/schemes/" + scheme, "/points/inbox?division=" + VILLAGE + "&status=",
                "/points/rankings?division=" + VILLAGE + "&period=2026-01", "/points/lists?village=" + VILLAGE + "&period=2026-01",
                "/notices?division=" + VILLAGE, "/notices/" + notice, "/notices/" + notice + "/print"}) {
            String html = page(get(url), cadre);
            assertNoPersonalData(url, html);
        }
        assertThat(page(get("/points/rankings?division=" + VILLAGE + "&period=2026-01"), cadre)).contains("★");
        assertThat(page(get("/notices/" + notice + "/print"), cadre)).contains("@page").contains("A4");
    }

    /** The API gives a ranking a page at a time with its total; an oversized page is refused naming the field. */
    @Test
    void theRankingApiPagesWithTheTotal() throws Exception {
        String token = org.shanzhi.support.Api.token(mvc, "village_cadre");
        String url = "/api/v1/points/rankings?division=" + VILLAGE + "&period=2026-01";
        String whole = mvc.perform(get(url + "&size=200").header("Authorization", "Bearer " + token)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String second = mvc.perform(get(url + "&page=1&size=2").header("Authorization", "Bearer " + token)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        var json = new tools.jackson.databind.ObjectMapper();
        var all = json.readTree(whole);
        var page = json.readTree(second);
        assertThat(all.get("total").asInt()).isGreaterThan(3);
        assertThat(all.get("rows").size()).isEqualTo(Math.min(200, all.get("total").asInt()));
        assertThat(page.get("total").asInt()).isEqualTo(all.get("total").asInt());
        assertThat(page.get("rows").size()).isEqualTo(2);
        assertThat(page.get("rows").get(0)).isEqualTo(all.get("rows").get(2));
        assertThat(page.get("rows").get(1)).isEqualTo(all.get("rows").get(3));
        var tooBig = mvc.perform(get(url + "&size=201").header("Authorization", "Bearer " + token)).andReturn().getResponse();
        assertThat(tooBig.getStatus()).isEqualTo(400);
        assertThat(tooBig.getContentAsString(StandardCharsets.UTF_8)).contains("\"field\":\"size\"");
    }

    @Test
    void villagerSeesTheirPointsAndDeclaresFromTheMobilePage() throws Exception {
        String mine = page(get("/m/points"), villager);
        assertThat(mine).contains("我的积分").contains("积分台账");
        assertNoPersonalData("/m/points", mine);
        String form = page(get("/m/points/declare"), villager);
        assertThat(form).contains("name=\"itemId\"");
        long item = jdbc.queryForObject("""
                select min(i.id) from points_items i join points_schemes s on s.id = i.scheme_id where s.owner_code = ?
                and s.status = 'ADOPTED' and i.recorders like '%SELF%' and i.evidence_required = false and i.sign = '+'""", Long.class, VILLAGE);
        String key = "page-" + System.nanoTime();
        for (int i = 0; i < 2; i++) { // a resent form declares once
            MvcResult r = mvc.perform(post("/m/points/declare").with(user(villager)).with(csrf()).param("itemId", String.valueOf(item))
                    .param("occurredOn", "2026-03-02").param("description", "在村道捡拾垃圾").param("key", key)).andReturn();
            assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/m/points");
        }
        assertThat(jdbc.queryForObject("select count(*) from score_events where idempotency_key = ?", Long.class, key)).isEqualTo(1);
    }

    @Test
    void aRefusedActionComesBackWithItsReason() throws Exception {
        MvcResult r = mvc.perform(post("/points/inbox/verify").with(user(cadre)).with(csrf())).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).startsWith("/points/inbox");
        assertThat(String.valueOf(r.getFlashMap().get("error"))).contains("请选择");
    }

    /** No ID number, phone or full name of the village's people appears in clear. */
    private void assertNoPersonalData(String url, String html) {
        jdbc.query("select id_number, phone, name from persons where village_code = ? and name not like '测试%'", rs -> {
            assertThat(html).as(url).doesNotContain(rs.getString(1));
            if (rs.getString(2) != null) {
                assertThat(html).as(url).doesNotContain(rs.getString(2));
            }
            if (rs.getString(3).length() >= 2) {
                assertThat(html).as(url).doesNotContain(rs.getString(3));
            }
        }, VILLAGE);
    }

    private String page(MockHttpServletRequestBuilder req, AccountPrincipal who) throws Exception {
        MvcResult r = mvc.perform(req.with(user(who))).andReturn();
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(req.toString() + " " + body).isEqualTo(200);
        return body;
    }
}
