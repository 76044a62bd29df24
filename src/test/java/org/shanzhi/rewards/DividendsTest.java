package org.shanzhi.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DividendsTest {

    /** 平湖: 93,642.90 yuan over 72,033 weighted points is 1.30 yuan a point; 249 of 698 households are paid. */
    @Test
    void pinghuPaysOneYuanThirtyAPointAndTheSharesAddUpToThePool() {
        Map<Long, Long> points = new LinkedHashMap<>();
        Random rnd = new Random(698);
        // 72,033 = 249 × 289 + 72: one more point for the first 72; then pairs trade points so the total stays
        for (long h = 1; h <= 249; h++) {
            points.put(h, 289L + (h <= 72 ? 1 : 0));
        }
        for (long h = 1; h < 249; h += 2) {
            long d = rnd.nextInt(150);
            points.put(h, points.get(h) + d);
            points.put(h + 1, points.get(h + 1) - d);
        }
        for (long h = 250; h <= 698; h++) {
            points.put(h, (long) -rnd.nextInt(20)); // zero or negative: no dividend
        }
        Dividends.Split split = Dividends.split(9_364_290L, points);
        assertThat(split.weightedPoints()).isEqualTo(72_033);
        assertThat(split.yuanPerPoint()).isEqualByComparingTo("1.30");
        assertThat(split.shares()).hasSize(249);
        assertThat(split.shares().stream().mapToLong(Dividends.Share::fen).sum()).isEqualTo(9_364_290L);
        // 1.30 a point is exact here, so every share is points × 1.30 to the fen
        assertThat(split.shares()).allSatisfy(s -> assertThat(s.yuan()).isEqualByComparingTo(BigDecimal.valueOf(s.points() * 130, 2)));
    }

    @Test
    void leftoverFenGoToTheLargestRemaindersSoThePartsAddUp() {
        Dividends.Split split = Dividends.split(10_000, Map.of(1L, 1L, 2L, 1L, 3L, 1L));
        assertThat(split.shares()).extracting(Dividends.Share::fen).containsExactlyInAnyOrder(3_334L, 3_333L, 3_333L);
        Dividends.Split uneven = Dividends.split(100, new LinkedHashMap<>(Map.of(1L, 2L, 2L, 1L)));
        assertThat(uneven.shares().stream().mapToLong(Dividends.Share::fen).sum()).isEqualTo(100);
    }

    @Test
    void generatedPoolsAlwaysSplitExactly() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            Map<Long, Long> points = new LinkedHashMap<>();
            int n = 1 + rnd.nextInt(300);
            for (long h = 0; h < n; h++) {
                points.put(h, (long) (rnd.nextInt(2_000) - 200));
            }
            long pool = rnd.nextInt(100_000_000);
            Dividends.Split s = Dividends.split(pool, points);
            long paid = s.shares().stream().mapToLong(Dividends.Share::fen).sum();
            assertThat(paid).as("seed %d case %d", seed, i).isEqualTo(s.shares().isEmpty() ? 0 : pool);
            assertThat(s.shares()).as("seed %d", seed).allSatisfy(sh -> assertThat(sh.points()).isPositive());
        }
    }
}
