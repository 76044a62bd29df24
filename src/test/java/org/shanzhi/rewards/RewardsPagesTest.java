package org.shanzhi.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.ConsoleLogin;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The console and mobile pages of the supermarket: the cadre's goods page, the villager's redeem-and-QR flow, the counter. */
@IntegrationTest
class RewardsPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Supermarket market;
    @Autowired
    JdbcTemplate jdbc;

    private String page(Cookie session, String url) throws Exception {
        MvcResult r = mvc.perform(get(url).cookie(session)).andReturn();
        assertThat(r.getResponse().getStatus()).as(url).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    @Test
    void theCadreSeesGoodsBudgetAndSettlement() throws Exception {
        Cookie cadre = ConsoleLogin.login(mvc, "village_cadre");
        String html = page(cadre, "/rewards");
        assertThat(html).contains("积分超市").contains("大米 5kg").contains("年度兑换预算").contains("集体经济");
        long merchant = jdbc.queryForObject("select min(id) from rewards_merchants where village_code = '469030202200'", Long.class);
        assertThat(page(cadre, "/rewards/settlement?merchant=" + merchant + "&period=2026")).contains(".xlsx");
        assertThat(page(cadre, "/rewards/dividends")).contains("股份分红");
        assertThat(page(ConsoleLogin.login(mvc, "county_admin"), "/rewards?village=469030202200")).contains("大米 5kg");
        assertThat(page(ConsoleLogin.login(mvc, "county_admin"), "/rewards")).contains("积分超市");
    }

    @Test
    void theVillagerRedeemsAndTheMerchantConfirmsAtTheCounter() throws Exception {
        long household = jdbc.queryForObject("select household_id from accounts where username = 'villager'", Long.class);
        new RewardsWorld(jdbc).credit(household, "469030202200", 20);
        ScopeGuard.asSystem("469030", () -> market.setForbidden(Supermarket.DEFAULT_FORBIDDEN));
        ScopeGuard.asSystem("469030", () -> market.setBudget("469030202200", 2026, new java.math.BigDecimal("10000000.00"), java.math.BigDecimal.ONE));
        Cookie villager = ConsoleLogin.login(mvc, "villager");
        assertThat(page(villager, "/m/rewards")).contains("香皂");
        long soap = ScopeGuard.asSystem("469030", () -> market.catalogue("469030202200")).stream().filter(g -> g.name().equals("香皂"))
                .findFirst().orElseThrow().id();
        MvcResult redeemed = mvc.perform(post("/m/rewards/redeem").cookie(villager).with(csrf()).param("goodsId", String.valueOf(soap))
                .param("quantity", "1")).andReturn();
        String location = redeemed.getResponse().getRedirectedUrl();
        assertThat(location).as(String.valueOf(redeemed.getFlashMap().get("error"))).startsWith("/m/rewards/code/");
        String code = location.substring(location.lastIndexOf('/') + 1);
        assertThat(page(villager, location)).contains(code).contains("/m/rewards/qr/" + code);
        assertThat(mvc.perform(get("/m/rewards/qr/" + code).cookie(villager)).andReturn().getResponse().getContentType()).isEqualTo("image/png");

        Cookie merchant = ConsoleLogin.login(mvc, "merchant");
        assertThat(page(merchant, "/rewards/counter?code=" + code)).contains("确认核销");
        MvcResult confirmed = mvc.perform(post("/rewards/counter/confirm").cookie(merchant).with(csrf()).param("code", code)).andReturn();
        assertThat(String.valueOf(confirmed.getFlashMap().get("message"))).contains("核销成功");
        MvcResult again = mvc.perform(post("/rewards/counter/confirm").cookie(merchant).with(csrf()).param("code", code)).andReturn();
        assertThat(String.valueOf(again.getFlashMap().get("error"))).contains("已使用");
    }
}
