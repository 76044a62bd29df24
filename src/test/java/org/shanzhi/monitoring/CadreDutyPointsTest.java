package org.shanzhi.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class CadreDutyPointsTest {

    static final String VILLAGE = "469030202200";
    static final Instant START = Instant.parse("2026-03-03T01:00:00Z");

    @Autowired
    Duties duties;
    @Autowired
    MutableClock clock;

    @AfterEach
    void restoreClock() {
        clock.set(START);
    }

    @Test
    void aCadresCompletionRatioForMarchIsReviewedPointsOverAvailablePointsComputedByHand() {
        long cadre = Ids.next(); // a cadre of its own, so other tests' duties do not count
        ScopeGuard.asSystem("469030", () -> {
            Duties.DutyItem a = duties.createItem("PUBLIC_SERVICE", "便民代办", "代办社保认证", "受理→代办→回访", "村委委员", 10);
            Duties.DutyItem b = duties.createItem("PARTY_BUILDING", "三会一课", "组织主题党日", "计划→通知→开展→记录", "村党支部书记", 20);
            Duties.DutyItem c = duties.createItem("DEVELOPMENT", "集体经济", "合作社月度台账", "登记→核对→公开", "村委会主任", 30);
            // the village weights them: 100% → 10, 150% → 30, 50% → 15 (available: 55)
            long da = duties.select(VILLAGE, a.id(), 100, cadre, "测试干部").id();
            long db = duties.select(VILLAGE, b.id(), 150, cadre, "测试干部").id();
            long dc = duties.select(VILLAGE, c.id(), 50, cadre, "测试干部").id();
            assertThatThrownBy(() -> duties.select(VILLAGE, a.id(), 100, cadre, "测试干部")).isInstanceOf(ConflictException.class);

            duties.selfScore(VILLAGE, "2026-03", da, 10, "代办 12 件");
            duties.selfScore(VILLAGE, "2026-03", db, 25, null);
            duties.selfScore(VILLAGE, "2026-03", dc, 15, null);
            // the branch meeting reviews in the first week of April, not before
            assertThatThrownBy(() -> duties.review(VILLAGE, "2026-03", da, 10, null)).isInstanceOf(ConflictException.class);
            clock.set(Instant.parse("2026-04-02T02:00:00Z"));
            duties.review(VILLAGE, "2026-03", da, 10, null);
            duties.review(VILLAGE, "2026-03", db, 20, "主题党日记录不全,扣 5 分");
            duties.review(VILLAGE, "2026-03", dc, 0, "台账未公开");
            assertThatThrownBy(() -> duties.selfScore(VILLAGE, "2026-03", da, 5, null)).isInstanceOf(ConflictException.class);

            Duties.CadreResult r = duties.results(VILLAGE, "2026-03").stream().filter(x -> x.cadreAccountId() == cadre).findFirst().orElseThrow();
            assertThat(r.available()).isEqualTo(55);
            assertThat(r.selfScored()).isEqualTo(50);
            assertThat(r.completed()).isEqualTo(30);
            assertThat(r.completionRatio()).isEqualByComparingTo(new BigDecimal("0.5455")); // 30 / 55
            assertThat(r.reviewed()).isTrue();
            // a review after the first week is refused
            clock.set(Instant.parse("2026-04-08T02:00:00Z"));
            assertThatThrownBy(() -> duties.review(VILLAGE, "2026-03", da, 10, null)).isInstanceOf(ConflictException.class);
            return null;
        });
    }
}
