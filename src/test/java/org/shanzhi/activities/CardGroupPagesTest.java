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

/** The 固原 household card's console page: electing a group from the village's accounts, refusals beside the form, scope. */
@IntegrationTest
class CardGroupPagesTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void cadreElectsTheSupervisionGroupFromTheVillagesAccounts_refusedWhenAMemberIsNotOfTheVillage() throws Exception {
        Cookie cadre = ConsoleLogin.login(mvc, "village_cadre");
        long household = jdbc.queryForObject("select household_id from accounts where username = 'villager'", Long.class);
        // villagers' accounts of their own (a demo account in a group would change what the access matrix expects of it)
        List<Map<String, Object>> accounts = new java.util.ArrayList<>();
        for (String name : List.of("代表甲", "代表乙", "代表丙")) {
            long id = org.shanzhi.common.Ids.next();
            jdbc.update("insert into accounts (id, county_code, username, display_name, password_hash, role, scope_code, created_at) "
                    + "values (?, '469030', ?, ?, 'x', 'VILLAGER', ?, current_timestamp)", id, "rep" + id, name + id % 1000, VILLAGE);
            accounts.add(Map.of("ID", id, "DISPLAY_NAME", name + id % 1000));
        }
        String a = accounts.get(0).get("ID").toString();
        String b = accounts.get(1).get("ID").toString();
        String c = accounts.get(2).get("ID").toString();
        String stranger = jdbc.queryForObject("select id from accounts where username = 'village_cadre2'", Long.class).toString();
        String merchant = jdbc.queryForObject("select id from accounts where username = 'merchant'", Long.class).toString();
        String url = "/activities/cards/" + household;

        String page = mvc.perform(get(url).cookie(cadre)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("登记村民代表大会选出的小组", "name=\"member\" value=\"" + a + "\"", (String) accounts.get(0).get("DISPLAY_NAME"))
                .doesNotContain("value=\"" + stranger + "\"", "value=\"" + merchant + "\"", "??");

        // another village's cadre, and the village's merchant, are not members this village can elect: 422, beside the members
        for (String bad : List.of(stranger, merchant)) {
            MockHttpServletResponse refused = mvc.perform(post(url + "/groups").cookie(cadre).with(csrf()).param("kind", "SUPERVISION")
                    .param("electedOn", "2026-02-20").param("resolution", "2026年第1次村民代表大会决议").param("member", a, b, bad)).andReturn().getResponse();
            assertThat(refused.getStatus()).isEqualTo(422);
            assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("账号 " + bad + " 不存在或不属于本村", "checked=\"checked\"",
                    "2026年第1次村民代表大会决议");
        }
        MockHttpServletResponse two = mvc.perform(post(url + "/groups").cookie(cadre).with(csrf()).param("kind", "SUPERVISION")
                .param("electedOn", "2026-02-20").param("resolution", "决议").param("member", a, b)).andReturn().getResponse();
        assertThat(two.getStatus()).isEqualTo(422);
        assertThat(two.getContentAsString(StandardCharsets.UTF_8)).contains("小组应有 3 到 5 名不同的成员");
        assertThat(jdbc.queryForObject("select count(*) from card_groups where village_code = ? and kind = 'SUPERVISION'", Long.class, VILLAGE)).isZero();

        MockHttpServletResponse ok = mvc.perform(post(url + "/groups").cookie(cadre).with(csrf()).param("kind", "SUPERVISION")
                .param("electedOn", "2026-02-20").param("resolution", "2026年第1次村民代表大会决议").param("member", a, b, c)).andReturn().getResponse();
        assertThat(ok.getStatus()).isEqualTo(302);
        String after = mvc.perform(get(url).cookie(cadre)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(after).contains("监督管理小组", "(2026年第1次村民代表大会决议,2026-02-20)", (String) accounts.get(2).get("DISPLAY_NAME"));
        assertThat(jdbc.queryForList("""
                select m.account_id from card_group_members m join card_groups g on g.id = m.group_id
                where g.village_code = ? and g.kind = 'SUPERVISION' and g.active = true order by m.account_id""", Long.class, VILLAGE))
                .containsExactlyInAnyOrder(Long.valueOf(a), Long.valueOf(b), Long.valueOf(c));
    }

    @Test
    void aCadreOfAnotherVillageGets404() throws Exception {
        Cookie other = ConsoleLogin.login(mvc, "village_cadre2");
        long household = jdbc.queryForObject("select household_id from accounts where username = 'villager'", Long.class);
        assertThat(mvc.perform(get("/activities/cards/" + household).cookie(other)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post("/activities/cards/" + household + "/groups").cookie(other).with(csrf()).param("kind", "SCORING"))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
    }
}
