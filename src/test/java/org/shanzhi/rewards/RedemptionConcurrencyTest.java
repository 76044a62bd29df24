package org.shanzhi.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Oversell and double-spend are impossible: 64 real threads confirm codes at once against the real database; the
 * guarded updates decide, so exactly as many succeed as stock, balance or the code allow.
 */
@IntegrationTest
class RedemptionConcurrencyTest {

    static final int THREADS = 64;

    @Autowired
    Supermarket market;
    @Autowired
    JdbcTemplate jdbc;

    private <T> T sys(java.util.function.Supplier<T> s) {
        return ScopeGuard.asSystem(RewardsWorld.COUNTY, s);
    }

    /** Runs the confirmations of these codes on 64 threads released together; returns how many succeeded. */
    private int confirmAll(List<String> codes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (String code : codes) {
            results.add(pool.submit(() -> {
                start.await();
                return sys(() -> {
                    try {
                        market.confirm(code);
                        return true;
                    } catch (ConflictException e) {
                        return false;
                    }
                });
            }));
        }
        start.countDown();
        int ok = 0;
        for (Future<Boolean> f : results) {
            if (f.get(120, TimeUnit.SECONDS)) {
                ok++;
            }
        }
        pool.shutdown();
        return ok;
    }

    private record Setup(String village, Merchant counter) {
    }

    private Setup setup(BigDecimal budget) {
        RewardsWorld w = new RewardsWorld(jdbc);
        String village = w.village();
        Merchant m = sys(() -> market.createMerchant(village, 990_001L, "并发测试柜台"));
        sys(() -> market.setBudget(village, 2026, budget, BigDecimal.ONE));
        return new Setup(village, m);
    }

    private List<String> codes(int n, Function<Integer, Long> household, long goods) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long h = household.apply(i);
            codes.add(sys(() -> market.issue(h, goods, 1)).code());
        }
        return codes;
    }

    @Test
    void tenUnitsOfStockAreSoldExactlyTenTimes() throws Exception {
        RewardsWorld w = new RewardsWorld(jdbc);
        Setup s = setup(new BigDecimal("100000.00"));
        List<Long> households = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long h = w.household(s.village());
            w.credit(h, s.village(), 1000);
            households.add(h);
        }
        Goods g = sys(() -> market.addGoods(new NewGoods(s.counter().id(), "大米", "粮油", "GOODS", 7L, 10)));
        List<String> codes = codes(THREADS, i -> households.get(i % households.size()), g.id());

        int ok = confirmAll(codes);

        assertThat(ok).isEqualTo(10);
        assertThat(w.stock(g.id())).isZero();
        for (long h : households) {
            assertThat(w.spendable(h)).isGreaterThanOrEqualTo(0).isEqualTo(w.ledgerSum(h));
        }
        long debited = households.stream().mapToLong(h -> 1000 - w.spendable(h)).sum();
        assertThat(debited).isEqualTo(70);
        assertThat(jdbc.queryForObject("select count(*) from rewards_redemptions where goods_id = ? and status = 'USED'", Long.class, g.id()))
                .isEqualTo(10);
        assertThat(sys(() -> market.budget(s.village(), 2026)).usedYuan()).isEqualByComparingTo("70.00");
    }

    @Test
    void aHouseholdWithPointsForThreeRedeemsExactlyThree() throws Exception {
        RewardsWorld w = new RewardsWorld(jdbc);
        Setup s = setup(new BigDecimal("100000.00"));
        long h = w.household(s.village());
        w.credit(h, s.village(), 35);
        Goods g = sys(() -> market.addGoods(new NewGoods(s.counter().id(), "食用油", "粮油", "GOODS", 10L, 1000)));
        List<String> codes = codes(THREADS, i -> h, g.id());

        int ok = confirmAll(codes);

        assertThat(ok).isEqualTo(3);
        assertThat(w.spendable(h)).isEqualTo(5).isEqualTo(w.ledgerSum(h));
        assertThat(w.stock(g.id())).isEqualTo(997);
        assertThat(jdbc.queryForObject("select count(*) from points_ledger where subject_id = ? and kind = 'REDEMPTION'", Long.class, h))
                .isEqualTo(3);
        assertThat(sys(() -> market.budget(s.village(), 2026)).usedYuan()).isEqualByComparingTo("30.00");
    }

    @Test
    void theSameCodeConfirmedSixtyFourTimesAtOnceIsUsedOnce() throws Exception {
        RewardsWorld w = new RewardsWorld(jdbc);
        Setup s = setup(new BigDecimal("100000.00"));
        long h = w.household(s.village());
        w.credit(h, s.village(), 500);
        Goods g = sys(() -> market.addGoods(new NewGoods(s.counter().id(), "毛巾", "日用品", "GOODS", 8L, 100)));
        String code = sys(() -> market.issue(h, g.id(), 1)).code();
        List<String> same = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            same.add(code);
        }

        int ok = confirmAll(same);

        assertThat(ok).isEqualTo(1);
        assertThat(w.spendable(h)).isEqualTo(492).isEqualTo(w.ledgerSum(h));
        assertThat(w.stock(g.id())).isEqualTo(99);
    }
}
