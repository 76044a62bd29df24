package org.shanzhi.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.Api;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The supermarket's refusals, the 平湖 dividend figures through a run, and consent before a bank sees a household. */
@IntegrationTest
class RewardsRulesTest {

    @Autowired
    Supermarket market;
    @Autowired
    DividendRuns dividends;
    @Autowired
    Credit credit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    private <T> T sys(Supplier<T> s) {
        return ScopeGuard.asSystem(RewardsWorld.COUNTY, s);
    }

    /** Other tests (the fuzz test among them) may change the demo village's budget and rules: make them ample again. */
    private void ensureHomeBudget() {
        home(() -> market.setForbidden(Supermarket.DEFAULT_FORBIDDEN));
        home(() -> market.setBudget("469030202200", 2026, new BigDecimal("10000000.00"), BigDecimal.ONE));
    }

    /** As the system of the demo county (琼中), where the demo accounts live. */
    private <T> T home(Supplier<T> s) {
        return ScopeGuard.asSystem("469030", s);
    }

    @Test
    void aGoodInAForbiddenCategoryIsRefusedWithTheRuleNamed() {
        RewardsWorld w = new RewardsWorld(jdbc);
        String village = w.village();
        List<String> forbidden = sys(() -> market.forbidden());
        assertThat(forbidden).containsExactlyElementsOf(Supermarket.DEFAULT_FORBIDDEN);
        Merchant m = sys(() -> market.createMerchant(village, 990_002L, "禁兑测试柜台"));
        for (String category : List.of("烟", "酒", "现金", "扑克")) {
            assertThatThrownBy(() -> sys(() -> market.addGoods(new NewGoods(m.id(), "测试" + category, category, "GOODS", 10L, 5))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.errors().get(0).field()).isEqualTo("category");
                        assertThat(e.errors().get(0).message()).contains("禁兑").contains(category);
                    });
        }
        assertThat(sys(() -> market.catalogue(village))).isEmpty();
        assertThat(sys(() -> market.addGoods(new NewGoods(m.id(), "香皂", "日用品", "GOODS", 5L, 5))).category()).isEqualTo("日用品");
    }

    @Test
    void aRedemptionPastTheVillagesBudgetIsRefusedAndChangesNothing() {
        RewardsWorld w = new RewardsWorld(jdbc);
        String village = w.village();
        long h = w.household(village);
        w.credit(h, village, 100);
        Merchant m = sys(() -> market.createMerchant(village, 990_003L, "预算测试柜台"));
        sys(() -> market.setBudget(village, 2026, new BigDecimal("10.00"), new BigDecimal("1.00")));
        Goods g = sys(() -> market.addGoods(new NewGoods(m.id(), "毛巾", "日用品", "GOODS", 8L, 10)));
        String first = sys(() -> market.issue(h, g.id(), 1)).code();
        String second = sys(() -> market.issue(h, g.id(), 1)).code();
        sys(() -> market.confirm(first));

        assertThatThrownBy(() -> sys(() -> market.confirm(second)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("budget"));

        assertThat(w.spendable(h)).isEqualTo(92);
        assertThat(w.stock(g.id())).isEqualTo(9);
        assertThat(sys(() -> market.budget(village, 2026)).usedYuan()).isEqualByComparingTo("8.00");
        assertThat(jdbc.queryForObject("select status from rewards_redemptions where code = ?", String.class, second)).isEqualTo("ISSUED");
        // no budget at all: refused too
        String other = w.village();
        long h2 = w.household(other);
        w.credit(h2, other, 100);
        Merchant m2 = sys(() -> market.createMerchant(other, 990_003L, "无预算柜台"));
        Goods g2 = sys(() -> market.addGoods(new NewGoods(m2.id(), "毛巾", "日用品", "GOODS", 8L, 10)));
        String code = sys(() -> market.issue(h2, g2.id(), 1)).code();
        assertThatThrownBy(() -> sys(() -> market.confirm(code))).isInstanceOf(ConflictException.class);
    }

    @Test
    void aCodeIsUsedOnceAndSettledOnce() {
        RewardsWorld w = new RewardsWorld(jdbc);
        String village = w.village();
        long h = w.household(village);
        w.credit(h, village, 100);
        Merchant m = sys(() -> market.createMerchant(village, 990_004L, "核销测试柜台"));
        sys(() -> market.setBudget(village, 2026, new BigDecimal("1000.00"), new BigDecimal("1.50")));
        Goods g = sys(() -> market.addGoods(new NewGoods(m.id(), "大米", "粮油", "GOODS", 30L, 10)));
        Redemption r = sys(() -> market.issue(h, g.id(), 2));
        assertThat(r.code()).matches("\\d{8}");
        assertThat(r.valueYuan()).isEqualByComparingTo("90.00");

        assertThat(sys(() -> market.confirm(r.code())).status()).isEqualTo("USED");
        assertThatThrownBy(() -> sys(() -> market.confirm(r.code())))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("code"));
        assertThat(w.spendable(h)).isEqualTo(40).isEqualTo(w.ledgerSum(h));

        MerchantSettlement s = sys(() -> market.settlement(m.id(), "2026-03"));
        assertThat(s.redemptions()).hasSize(1);
        assertThat(s.owedYuan()).isEqualByComparingTo("90.00");
        assertThat(s.owedYuan().scale()).isEqualTo(2);
        assertThat(sys(() -> market.settlement(m.id(), "2026")).owedYuan()).isEqualByComparingTo("90.00");
        assertThat(sys(() -> market.settlement(m.id(), "2026-02")).redemptions()).isEmpty();
        assertThat(sys(() -> market.settlementXlsx(m.id(), "2026-03"))).isNotEmpty();
    }

    @Test
    void aMerchantConfirmsCodesOfTheirOwnCounterOnly() throws Exception {
        RewardsWorld w = new RewardsWorld(jdbc);
        String home = "469030202200";
        long h = w.household(home);
        w.credit(h, home, 100);
        ensureHomeBudget();
        long merchantAccount = jdbc.queryForObject("select id from accounts where username = 'merchant'", Long.class);
        Merchant mine = home(() -> market.createMerchant(home, merchantAccount, "本人柜台"));
        Merchant theirs = home(() -> market.createMerchant(home, 990_005L, "他人柜台"));
        Goods g1 = home(() -> market.addGoods(new NewGoods(mine.id(), "香皂", "日用品", "GOODS", 5L, 10)));
        Goods g2 = home(() -> market.addGoods(new NewGoods(theirs.id(), "香皂", "日用品", "GOODS", 5L, 10)));
        String codeTheirs = home(() -> market.issue(h, g2.id(), 1)).code();
        String codeMine = home(() -> market.issue(h, g1.id(), 1)).code();
        String token = Api.token(mvc, "merchant");

        MvcResult refused = mvc.perform(post("/api/v1/rewards/redemptions/confirm").header("Authorization", Api.bearer(token))
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + codeTheirs + "\"}")).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(w.stock(g2.id())).isEqualTo(10);

        MvcResult ok = mvc.perform(post("/api/v1/rewards/redemptions/confirm").header("Authorization", Api.bearer(token))
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + codeMine + "\"}")).andReturn();
        assertThat(ok.getResponse().getStatus()).isEqualTo(200);
        assertThat(w.spendable(h)).isEqualTo(95);

        MvcResult again = mvc.perform(post("/api/v1/rewards/redemptions/confirm").header("Authorization", Api.bearer(token))
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + codeMine + "\"}")).andReturn();
        assertThat(again.getResponse().getStatus()).isEqualTo(409);
    }

    @Test
    void theVillagerGetsACodeAndItsQrCode() throws Exception {
        long household = jdbc.queryForObject("select household_id from accounts where username = 'villager'", Long.class);
        ensureHomeBudget();
        long goods = home(() -> market.catalogue("469030202200")).get(0).id();
        String token = Api.token(mvc, "villager");
        MvcResult issued = mvc.perform(post("/api/v1/rewards/redemptions").header("Authorization", Api.bearer(token))
                .contentType(MediaType.APPLICATION_JSON).content("{\"goodsId\":\"" + goods + "\",\"quantity\":1}")).andReturn();
        assertThat(issued.getResponse().getStatus()).as(issued.getResponse().getContentAsString()).isEqualTo(201);
        String code = Api.field(issued.getResponse().getContentAsString(), "code");
        assertThat(Api.field(issued.getResponse().getContentAsString(), "householdId")).isEqualTo(String.valueOf(household));
        MvcResult qr = mvc.perform(get("/api/v1/rewards/redemptions/" + code + "/qr").header("Authorization", Api.bearer(token))).andReturn();
        assertThat(qr.getResponse().getContentType()).isEqualTo("image/png");
        byte[] png = qr.getResponse().getContentAsByteArray();
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void thePinghuDividendPaysOneYuanThirtyAPointAndAddsUpToThePool() {
        RewardsWorld w = new RewardsWorld(jdbc);
        String village = w.village();
        long[] hs = {w.household(village), w.household(village), w.household(village), w.household(village), w.household(village)};
        long[] pts = {30_000, 25_000, 17_033, 0, -12};
        for (int i = 0; i < hs.length; i++) {
            w.credit(hs[i], village, pts[i]);
        }
        DividendRun run = sys(() -> dividends.create(village, 2026, new BigDecimal("93642.90")));
        assertThat(run.weightedPoints()).isEqualTo(72_033);
        assertThat(run.yuanPerPoint()).isEqualByComparingTo("1.30");
        assertThat(run.shares()).hasSize(3);
        assertThat(run.sharesTotal()).isEqualByComparingTo("93642.90");
        assertThat(run.shares()).noneMatch(s -> s.householdId() == hs[3] || s.householdId() == hs[4]);
        assertThat(run.shares().get(0).amountYuan()).isEqualByComparingTo("39000.00");

        assertThatThrownBy(() -> sys(() -> dividends.markPaid(run.id())))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("status"));
        DividendRun published = sys(() -> dividends.publish(run.id()));
        assertThat(published.noticeId()).isNotNull();
        assertThat(jdbc.queryForObject("select count(*) from notice_items where notice_id = ?", Long.class, published.noticeId())).isEqualTo(3);
        assertThat(sys(() -> dividends.markPaid(run.id())).status()).isEqualTo("PAID");
        assertThatThrownBy(() -> sys(() -> dividends.markPaid(run.id()))).isInstanceOf(ConflictException.class);
    }

    @Test
    void onlyConsentingHouseholdsReachTheBankListAndItsExport() throws Exception {
        RewardsWorld w = new RewardsWorld(jdbc);
        String village = w.village();
        long given = w.household(village);
        long never = w.household(village);
        long revoked = w.household(village);
        long lowPoints = w.household(village);
        w.credit(given, village, 500);
        w.credit(never, village, 900);
        w.credit(revoked, village, 800);
        w.credit(lowPoints, village, 5);
        sys(() -> credit.consent(given, true));
        sys(() -> credit.consent(revoked, true));
        sys(() -> credit.consent(revoked, false));
        sys(() -> credit.consent(lowPoints, true));

        List<Credit.BankRow> list = sys(() -> credit.bankList(village, 2026, 10));
        assertThat(list).extracting(Credit.BankRow::householdId).containsExactly(given);

        byte[] xlsx = sys(() -> credit.bankListXlsx(village, 2026, 10));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            StringBuilder all = new StringBuilder();
            for (Row r : wb.getSheetAt(0)) {
                r.forEach(c -> all.append(c.toString()).append('|'));
            }
            assertThat(all.toString()).contains(String.valueOf(given)).doesNotContain(String.valueOf(never))
                    .doesNotContain(String.valueOf(revoked));
        }
        Credit.VillageRating rating = sys(() -> credit.village(village, 2026));
        assertThat(rating.creditHouseholds()).isEqualTo(3);
        assertThat(rating.creditVillage()).isTrue();

        // the bank list is the county admin's alone
        assertThat(mvc.perform(get("/api/v1/rewards/bank-list").header("Authorization", Api.bearer(Api.token(mvc, "village_cadre"))))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        MvcResult ca = mvc.perform(get("/api/v1/rewards/bank-list.xlsx").param("division", "469030202200").param("year", "2026")
                .header("Authorization", Api.bearer(Api.token(mvc, "county_admin")))).andReturn();
        assertThat(ca.getResponse().getStatus()).isEqualTo(200);
    }
}
