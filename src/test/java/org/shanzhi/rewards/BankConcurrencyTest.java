package org.shanzhi.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.rewards.CivilisationBank.Account;
import org.shanzhi.rewards.CivilisationBank.BankService;
import org.shanzhi.rewards.CivilisationBank.NewService;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 文明银行: a service's places are never over-booked and points never overspent, whatever the concurrency: 64 real
 * threads book at once against the real database; the guarded updates decide.
 */
@IntegrationTest
class BankConcurrencyTest {

    static final int THREADS = 64;

    @Autowired
    CivilisationBank bank;
    @Autowired
    JdbcTemplate jdbc;

    private <T> T sys(java.util.function.Supplier<T> s) {
        return ScopeGuard.asSystem(RewardsWorld.COUNTY, s);
    }

    /** A fresh village with its branch (the test township's head office opened once). */
    private String branchVillage(RewardsWorld w) {
        String village = w.village();
        synchronized (BankConcurrencyTest.class) {
            if (jdbc.queryForObject("select count(*) from rewards_bank_offices where division_code = ?", Long.class, RewardsWorld.TOWNSHIP) == 0) {
                sys(() -> bank.openOffice(RewardsWorld.TOWNSHIP, "测试镇文明银行总行"));
            }
        }
        sys(() -> bank.openOffice(village, "测试支行"));
        return village;
    }

    private int bookAll(long service, List<Long> accounts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (long account : accounts) {
            results.add(pool.submit(() -> {
                start.await();
                return sys(() -> {
                    try {
                        bank.book(service, account);
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

    @Test
    void tenPlacesAreBookedExactlyTenTimes() throws Exception {
        RewardsWorld w = new RewardsWorld(jdbc);
        String village = branchVillage(w);
        List<Long> households = new ArrayList<>();
        List<Long> accounts = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            long h = w.household(village);
            w.credit(h, village, 100);
            households.add(h);
            accounts.add(sys(() -> bank.openAccount(h, "HOUSEHOLD", null)).id());
        }
        BankService s = sys(() -> bank.addService(new NewService(village, "老年驿站营养配餐", "ALL", 5L, 10, null)));

        int ok = bookAll(s.id(), accounts);

        assertThat(ok).isEqualTo(10);
        assertThat(sys(() -> bank.service(s.id())).booked()).isEqualTo(10);
        assertThat(sys(() -> bank.bookings(s.id()))).hasSize(10);
        long debited = households.stream().mapToLong(h -> 100 - w.spendable(h)).sum();
        assertThat(debited).isEqualTo(50);
        for (long h : households) {
            assertThat(w.spendable(h)).isEqualTo(w.ledgerSum(h));
        }
        assertThatThrownBy(() -> sys(() -> bank.book(s.id(), accounts.get(0)))).isInstanceOf(ConflictException.class);
    }

    @Test
    void aHouseholdWithPointsForTwoBooksTwoAndTheOtherPlacesStayFree() throws Exception {
        RewardsWorld w = new RewardsWorld(jdbc);
        String village = branchVillage(w);
        long h = w.household(village);
        w.credit(h, village, 12);
        List<Long> accounts = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String name = "测试少年" + i;
            accounts.add(sys(() -> bank.openAccount(h, "MINOR", name)).id());
        }
        BankService s = sys(() -> bank.addService(new NewService(village, "周末兴趣班·尤克里里", "MINOR", 5L, 100, null)));

        int ok = bookAll(s.id(), accounts);

        assertThat(ok).isEqualTo(2);
        assertThat(sys(() -> bank.service(s.id())).booked()).isEqualTo(2); // the refused bookings gave their places back
        assertThat(w.spendable(h)).isEqualTo(2).isEqualTo(w.ledgerSum(h));
    }

    @Test
    void aServiceForMinorsRefusesAHouseholdAccountAndAccountsShowNamesMasked() {
        RewardsWorld w = new RewardsWorld(jdbc);
        String village = branchVillage(w);
        long h = w.household(village);
        w.credit(h, village, 50);
        Account own = sys(() -> bank.openAccount(h, "HOUSEHOLD", null));
        Account minor = sys(() -> bank.openAccount(h, "MINOR", "袁梦梦"));
        assertThat(minor.holderName()).isEqualTo("袁**");
        BankService s = sys(() -> bank.addService(new NewService(village, "四点半课堂", "MINOR", 3L, 5, null)));
        assertThatThrownBy(() -> sys(() -> bank.book(s.id(), own.id()))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("未成年人账户");
        assertThat(sys(() -> bank.book(s.id(), minor.id())).points()).isEqualTo(3);
        assertThat(w.spendable(h)).isEqualTo(47);
        // a branch needs its township's head office; a second office for a division is refused
        assertThatThrownBy(() -> sys(() -> bank.openOffice(village, "又一个支行"))).isInstanceOf(ConflictException.class);
    }
}
