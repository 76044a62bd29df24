package org.shanzhi.rewards;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a pool of yuan over households by their positive points (股份分红 + 善治积分, 平湖): exact to the fen, the
 * parts add up exactly to the pool (largest remainder: each share is rounded down, the fen left over go one by one
 * to the largest remainders, ties to the earlier subject). Zero or negative points get nothing.
 */
public final class Dividends {

    private Dividends() {
    }

    /** One household's share. */
    public record Share(long subjectId, long points, long fen) {
        public BigDecimal yuan() {
            return BigDecimal.valueOf(fen, 2);
        }
    }

    /** The whole split: the shares, the pool, and the yuan a point was worth (rounded to the fen, for display). */
    public record Split(long poolFen, long weightedPoints, BigDecimal yuanPerPoint, List<Share> shares) {
    }

    /**
     * @param poolFen the pool in fen (93,642.90 yuan = 9,364,290)
     * @param points  each subject's points (in the order ties are broken)
     */
    public static Split split(long poolFen, Map<Long, Long> points) {
        if (poolFen < 0) {
            throw new IllegalArgumentException("pool must not be negative");
        }
        Map<Long, Long> positive = new LinkedHashMap<>();
        points.forEach((id, p) -> {
            if (p != null && p > 0) {
                positive.put(id, p);
            }
        });
        long total = positive.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return new Split(poolFen, 0, BigDecimal.ZERO, List.of());
        }
        record Part(long id, long points, long floor, BigDecimal remainder, int order) {
        }
        List<Part> parts = new ArrayList<>();
        long allocated = 0;
        int order = 0;
        BigDecimal pool = BigDecimal.valueOf(poolFen);
        for (var e : positive.entrySet()) {
            BigDecimal exact = pool.multiply(BigDecimal.valueOf(e.getValue())).divide(BigDecimal.valueOf(total), 12, RoundingMode.DOWN);
            long floor = exact.setScale(0, RoundingMode.DOWN).longValueExact();
            parts.add(new Part(e.getKey(), e.getValue(), floor, exact.subtract(BigDecimal.valueOf(floor)), order++));
            allocated += floor;
        }
        long left = poolFen - allocated;
        List<Part> byRemainder = new ArrayList<>(parts);
        byRemainder.sort(Comparator.comparing(Part::remainder).reversed().thenComparingInt(Part::order));
        Map<Long, Long> extra = new LinkedHashMap<>();
        for (int i = 0; i < left; i++) {
            extra.merge(byRemainder.get(i % byRemainder.size()).id(), 1L, Long::sum);
        }
        List<Share> shares = parts.stream().map(p -> new Share(p.id(), p.points(), p.floor() + extra.getOrDefault(p.id(), 0L))).toList();
        BigDecimal perPoint = BigDecimal.valueOf(poolFen, 2).divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP);
        return new Split(poolFen, total, perPoint, shares);
    }
}
