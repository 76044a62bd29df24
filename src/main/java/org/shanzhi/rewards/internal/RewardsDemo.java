package org.shanzhi.rewards.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.points.PointsWallet;
import org.shanzhi.rewards.Goods;
import org.shanzhi.rewards.Merchant;
import org.shanzhi.rewards.NewGoods;
import org.shanzhi.rewards.Redemption;
import org.shanzhi.rewards.Supermarket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Demo rewards for 便文村 (after the points demo): the demo merchant's counter with goods and a haircut service, a
 * 60,000 yuan budget for the year with its funding, and a few redemptions (two confirmed, one code waiting); the
 * civilisation bank's head office for 什运乡, the village's branch and three services with places.
 */
@Component
@Order(50)
class RewardsDemo implements ApplicationRunner {

    static final String COUNTY = "469030";
    static final String VILLAGE = "469030202200";
    private static final Logger log = LoggerFactory.getLogger(RewardsDemo.class);

    private final Supermarket market;
    private final org.shanzhi.rewards.CivilisationBank bank;
    private final PointsWallet wallet;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final boolean enabled;

    RewardsDemo(Supermarket market, org.shanzhi.rewards.CivilisationBank bank, PointsWallet wallet, JdbcTemplate jdbc, Clock clock,
            @Value("${shanzhi.demo.enabled:true}") boolean enabled) {
        this.market = market;
        this.bank = bank;
        this.wallet = wallet;
        this.jdbc = jdbc;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || jdbc.queryForObject("select count(*) from rewards_merchants where county_code = ?", Long.class, COUNTY) > 0) {
            return;
        }
        // the demo merchant account is made by the demo module; without it there is nothing to link a counter to
        List<Long> account = jdbc.queryForList("select id from accounts where username = 'merchant' and county_code = ?", Long.class, COUNTY);
        if (account.isEmpty()) {
            return;
        }
        ScopeGuard.asSystem(COUNTY, () -> {
            load(account.get(0));
            return null;
        });
        log.info("Rewards demo loaded for {}", VILLAGE);
    }

    private void load(long accountId) {
        Merchant m = market.createMerchant(VILLAGE, accountId, "便文村积分超市");
        Goods rice = market.addGoods(new NewGoods(m.id(), "大米 5kg", "粮油", "GOODS", 30L, 50));
        Goods oil = market.addGoods(new NewGoods(m.id(), "食用油 5L", "粮油", "GOODS", 40L, 30));
        Goods soap = market.addGoods(new NewGoods(m.id(), "香皂", "日用品", "GOODS", 5L, 100));
        market.addGoods(new NewGoods(m.id(), "毛巾", "日用品", "GOODS", 8L, 80));
        market.addGoods(new NewGoods(m.id(), "理发", "生活服务", "SERVICE", 10L, 20));
        int year = LocalDate.now(clock).getYear();
        market.setBudget(VILLAGE, year, new BigDecimal("60000.00"), new BigDecimal("1.00"));
        market.addFunding(VILLAGE, year, "COLLECTIVE", new BigDecimal("40000.00"), "村集体经济收入");
        market.addFunding(VILLAGE, year, "FISCAL", new BigDecimal("20000.00"), "乡镇财政奖补");
        // 文明银行 (潞城): the township's head office, the village's branch, services with places
        bank.openOffice(VILLAGE.substring(0, 9), "什运乡文明银行总行");
        bank.openOffice(VILLAGE, "便文村支行");
        bank.addService(new org.shanzhi.rewards.CivilisationBank.NewService(VILLAGE, "老年驿站营养配餐", "ALL", 5L, 30, null));
        bank.addService(new org.shanzhi.rewards.CivilisationBank.NewService(VILLAGE, "周末兴趣班·篮球", "MINOR", 20L, 12, null));
        bank.addService(new org.shanzhi.rewards.CivilisationBank.NewService(VILLAGE, "四点半课堂托管", "MINOR", 10L, 15, null));
        Map<Long, Long> points = wallet.householdPoints(COUNTY, VILLAGE, year);
        List<Goods> picks = List.of(soap, rice, oil);
        int i = 0;
        for (Long h : points.keySet()) {
            if (i >= picks.size()) {
                break;
            }
            Goods g = picks.get(i);
            if (wallet.spendable(COUNTY, h, year) < g.pricePoints()) {
                continue;
            }
            Redemption r = market.issue(h, g.id(), 1);
            if (i < 2) {
                market.confirm(r.code());
            }
            i++;
        }
    }
}
