package org.shanzhi.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.shanzhi.support.ConsoleLogin;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The console pages of county rules, credit and the civilisation bank, and the villager's bank and credit pages:
 * they render with labels (no raw enum names), and their forms change what the services say.
 */
@IntegrationTest
class CreditBankPagesTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    private String page(Cookie session, String url) throws Exception {
        MvcResult r = mvc.perform(get(url).cookie(session)).andReturn();
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(url + " " + body).isEqualTo(200);
        return body;
    }

    @Test
    void theCountyAdminEditsForbiddenCategoriesAndSeesTheBankList() throws Exception {
        Cookie admin = ConsoleLogin.login(mvc, "county_admin");
        assertThat(page(admin, "/rewards/rules")).contains("禁兑品类").contains("信用评定规则");
        MvcResult saved = mvc.perform(post("/rewards/rules/forbidden").cookie(admin).with(csrf()).param("categories", "现金、烟、酒、扑克、彩票"))
                .andReturn();
        assertThat(String.valueOf(saved.getFlashMap().get("message"))).contains("禁兑品类已保存");
        assertThat(page(admin, "/rewards/rules")).contains("彩票");
        // an empty list restores the default
        mvc.perform(post("/rewards/rules/forbidden").cookie(admin).with(csrf()).param("categories", "")).andReturn();
        assertThat(page(admin, "/rewards/rules")).doesNotContain("彩票").contains("扑克");

        assertThat(page(admin, "/rewards/bank-list?division=469030&top=5")).contains("银行授信名单");
        MvcResult xlsx = mvc.perform(get("/rewards/bank-list.xlsx?division=469030&top=5").cookie(admin)).andReturn();
        assertThat(xlsx.getResponse().getContentType()).contains("spreadsheetml");
        assertThat(xlsx.getResponse().getContentAsByteArray()).startsWith('P', 'K');

        // a village cadre reads the rules but may not change them
        Cookie cadre = ConsoleLogin.login(mvc, "village_cadre");
        MvcResult refused = mvc.perform(post("/rewards/rules/forbidden").cookie(cadre).with(csrf()).param("categories", "彩票")).andReturn();
        assertThat(String.valueOf(refused.getFlashMap().get("error"))).contains("只有县级管理员");
    }

    @Test
    void theCadreSeesRatingsAndRecordsConsentAndRunsTheBank() throws Exception {
        Cookie cadre = ConsoleLogin.login(mvc, "village_cadre");
        String credit = page(cadre, "/rewards/credit?village=" + VILLAGE + "&year=2026");
        assertThat(credit).contains("信用户").contains("授权记录").doesNotContain("CREDIT_");
        long household = jdbc.queryForObject("select household_id from accounts where username = 'villager'", Long.class);
        MvcResult r = mvc.perform(post("/rewards/consents").cookie(cadre).with(csrf()).param("householdId", String.valueOf(household))
                .param("given", "true").param("back", "/rewards/credit?village=" + VILLAGE)).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/rewards/credit?village=" + VILLAGE);
        assertThat(page(cadre, "/rewards/credit?village=" + VILLAGE)).contains("已授权");

        String bank = page(cadre, "/rewards/bank?division=" + VILLAGE);
        assertThat(bank).contains("便文村支行").contains("老年驿站营养配餐").contains("未成年人账户").doesNotContain(">MINOR<");
        String name = "测试服务" + System.nanoTime();
        mvc.perform(post("/rewards/bank/services").cookie(cadre).with(csrf()).param("villageCode", VILLAGE).param("name", name)
                .param("audience", "ALL").param("pricePoints", "1").param("places", "2")).andReturn();
        assertThat(page(cadre, "/rewards/bank?division=" + VILLAGE)).contains(name);
        MvcResult bad = mvc.perform(post("/rewards/bank/services").cookie(cadre).with(csrf()).param("villageCode", VILLAGE).param("name", "x")
                .param("pricePoints", "0").param("places", "2")).andReturn();
        assertThat(String.valueOf(bad.getFlashMap().get("error"))).contains("所需积分");
    }

    @Test
    void theVillagerOpensAnAccountBooksAPlaceAndGivesAndRevokesConsent() throws Exception {
        long household = jdbc.queryForObject("select household_id from accounts where username = 'villager'", Long.class);
        new RewardsWorld(jdbc).credit(household, VILLAGE, 30);
        Cookie villager = ConsoleLogin.login(mvc, "villager");
        assertThat(page(villager, "/m/rewards/bank")).contains("便文村支行").contains("老年驿站营养配餐");
        String child = "测试孩" + (System.nanoTime() % 1000);
        MvcResult opened = mvc.perform(post("/m/rewards/bank/accounts").cookie(villager).with(csrf()).param("holderType", "MINOR")
                .param("holderName", child)).andReturn();
        assertThat(String.valueOf(opened.getFlashMap().get("message"))).contains("已开户");
        long account = jdbc.queryForObject("select id from rewards_bank_accounts where household_id = ? and holder_name = ?", Long.class,
                household, child);
        long service = jdbc.queryForObject("select min(id) from rewards_bank_services where village_code = ? and name = '四点半课堂托管'",
                Long.class, VILLAGE);
        int before = jdbc.queryForObject("select booked from rewards_bank_services where id = ?", Integer.class, service);
        MvcResult booked = mvc.perform(post("/m/rewards/bank/services/" + service + "/book").cookie(villager).with(csrf())
                .param("accountId", String.valueOf(account))).andReturn();
        assertThat(String.valueOf(booked.getFlashMap().get("message"))).contains("预约成功");
        assertThat(jdbc.queryForObject("select booked from rewards_bank_services where id = ?", Integer.class, service)).isEqualTo(before + 1);
        String mine = page(villager, "/m/rewards/bank");
        assertThat(mine).contains("四点半课堂托管").contains(child.charAt(0) + "**").doesNotContain(child);
        MvcResult again = mvc.perform(post("/m/rewards/bank/services/" + service + "/book").cookie(villager).with(csrf())
                .param("accountId", String.valueOf(account))).andReturn();
        assertThat(String.valueOf(again.getFlashMap().get("error"))).contains("已预约");

        assertThat(page(villager, "/m/rewards/credit")).contains("我的信用");
        mvc.perform(post("/m/rewards/credit/consent").cookie(villager).with(csrf()).param("given", "true")).andReturn();
        assertThat(page(villager, "/m/rewards/credit")).contains("撤回授权");
        mvc.perform(post("/m/rewards/credit/consent").cookie(villager).with(csrf()).param("given", "false")).andReturn();
        assertThat(page(villager, "/m/rewards/credit")).contains("未授权");
    }
}
