package org.shanzhi.points;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;

/**
 * Everything a village configures about its points system without code. A null field takes the default, except
 * the optional limits (caps, quotas, group pass score) where null means "none".
 *
 * @param subjectType        HOUSEHOLD (default), PERSON (party members, minors, cadres), GROUP (villager group) or
 *                           OTHER (enterprise, family farm)
 * @param baseScore          every subject starts a period at this score (default 100: 琼中, 轵城, 平湖)
 * @param maxScore           upper cap of a score, none by default (上不封顶)
 * @param minScore           lower cap of a score, none by default (下不封底)
 * @param reviewDay          day of the month from which that month's events are reviewed (油溪桥: the 28th)
 * @param noticeCycle        MONTH or QUARTER: how often the reviewed events are put on public notice
 * @param noticeDays         days a notice stays open to objection (default 7)
 * @param settlement         RESET (油溪桥: 第二年重新开始计算) or CARRY_OVER at the annual settlement
 * @param redemption         HONOUR (redemption consumes the ranking score, 轵城) or SPENDABLE (a separate balance;
 *                           the honour score is never cleared by a reward, 油溪桥: 奖励之后不清零)
 * @param vetoRanking        EXCLUDE (a vetoed subject is not ranked) or LAST (ranked after everyone else)
 * @param starMode           SHARE (star1..3 are the top percent of the ranked subjects) or THRESHOLD (minimum scores)
 * @param listMode           COUNT (red/black list sizes are numbers of subjects) or SHARE (percent)
 * @param blackProbationDays days before a black-listed subject may apply to be lifted (金寨: 转化达一定期限)
 * @param groupRule          ALL_PASS (奉贤: one failing household fails the group) or AVERAGE
 * @param groupPassScore     score a household needs to pass; null means the base score
 * @param voucherQuotaPct    at most this percent of the village's households get vouchers in a year (金寨: 60)
 * @param honourQuotaPct     at most this percent of participants become 新时代文明户 (金寨: 20)
 * @param rectificationDays  days a household has to rectify before a deduction applies (平湖: 14); 0 means none
 */
public record SchemeSettings(String subjectType, Long baseScore, Long maxScore, Long minScore, Integer reviewDay,
        String noticeCycle, Integer noticeDays, String settlement, String redemption, String vetoRanking, String starMode,
        Long star1, Long star2, Long star3, String listMode, Integer redSize, Integer blackSize, Integer blackProbationDays,
        String groupRule, Long groupPassScore, Integer voucherQuotaPct, Integer honourQuotaPct, Integer rectificationDays) {

    public static final Set<String> SUBJECT_TYPES = Set.of("HOUSEHOLD", "PERSON", "GROUP", "OTHER");

    public static SchemeSettings defaults() {
        return new SchemeSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null).withDefaults();
    }

    /** The same settings with every null default filled in. */
    public SchemeSettings withDefaults() {
        boolean threshold = "THRESHOLD".equals(starMode);
        return new SchemeSettings(or(subjectType, "HOUSEHOLD"), or(baseScore, 100L), maxScore, minScore, or(reviewDay, 28),
                or(noticeCycle, "MONTH"), or(noticeDays, 7), or(settlement, "RESET"), or(redemption, "SPENDABLE"),
                or(vetoRanking, "EXCLUDE"), or(starMode, "SHARE"), or(star1, threshold ? 110L : 60L),
                or(star2, threshold ? 120L : 30L), or(star3, threshold ? 130L : 10L), or(listMode, "COUNT"), or(redSize, 10),
                or(blackSize, 5), or(blackProbationDays, 90), or(groupRule, "ALL_PASS"), groupPassScore, voucherQuotaPct,
                honourQuotaPct, or(rectificationDays, 14));
    }

    /** Field errors of complete settings (after {@link #withDefaults()}). */
    public List<FieldError> errors() {
        List<FieldError> e = new ArrayList<>();
        check(e, SUBJECT_TYPES.contains(subjectType), "subjectType", "对象类型应为 HOUSEHOLD/PERSON/GROUP/OTHER");
        check(e, baseScore >= 0 && baseScore <= 1_000_000, "baseScore", "基础分应在 0 到 1000000 之间 / base score 0..1000000");
        check(e, maxScore == null || maxScore >= baseScore, "maxScore", "上限不能低于基础分 / the upper cap is below the base");
        check(e, minScore == null || minScore <= baseScore, "minScore", "下限不能高于基础分 / the lower cap is above the base");
        check(e, reviewDay >= 1 && reviewDay <= 31, "reviewDay", "审核日应为每月 1 到 31 日 / review day 1..31");
        check(e, Set.of("MONTH", "QUARTER").contains(noticeCycle), "noticeCycle", "公示周期应为 MONTH 或 QUARTER");
        check(e, noticeDays >= 1 && noticeDays <= 90, "noticeDays", "公示天数应为 1 到 90 / notice days 1..90");
        check(e, Set.of("RESET", "CARRY_OVER").contains(settlement), "settlement", "年度核算应为 RESET 或 CARRY_OVER");
        check(e, Set.of("HONOUR", "SPENDABLE").contains(redemption), "redemption", "兑换扣减应为 HONOUR 或 SPENDABLE");
        check(e, Set.of("EXCLUDE", "LAST").contains(vetoRanking), "vetoRanking", "一票否决排名应为 EXCLUDE 或 LAST");
        check(e, Set.of("SHARE", "THRESHOLD").contains(starMode), "starMode", "星级方式应为 SHARE 或 THRESHOLD");
        if ("SHARE".equals(starMode)) {
            check(e, star3 >= 1 && star3 <= star2 && star2 <= star1 && star1 <= 100, "star1",
                    "按比例评星:三星 ≤ 二星 ≤ 一星 ≤ 100(%) / shares must satisfy 3★ ≤ 2★ ≤ 1★ ≤ 100");
        } else {
            check(e, star1 <= star2 && star2 <= star3, "star1", "按分数评星:一星 ≤ 二星 ≤ 三星 / thresholds must rise from 1★ to 3★");
        }
        check(e, Set.of("COUNT", "SHARE").contains(listMode), "listMode", "红黑榜人数方式应为 COUNT 或 SHARE");
        check(e, redSize >= 0 && redSize <= 1000 && blackSize >= 0 && blackSize <= 1000, "redSize", "红黑榜人数应为 0 到 1000");
        check(e, blackProbationDays >= 0 && blackProbationDays <= 3650, "blackProbationDays", "考察期应为 0 到 3650 天");
        check(e, Set.of("ALL_PASS", "AVERAGE").contains(groupRule), "groupRule", "小组评定应为 ALL_PASS 或 AVERAGE");
        check(e, voucherQuotaPct == null || (voucherQuotaPct >= 1 && voucherQuotaPct <= 100), "voucherQuotaPct", "比例应为 1 到 100");
        check(e, honourQuotaPct == null || (honourQuotaPct >= 1 && honourQuotaPct <= 100), "honourQuotaPct", "比例应为 1 到 100");
        check(e, rectificationDays >= 0 && rectificationDays <= 365, "rectificationDays", "整改期限应为 0 到 365 天");
        return e;
    }

    public void validate() {
        List<FieldError> e = errors();
        if (!e.isEmpty()) {
            throw new InvalidInputException(e);
        }
    }

    /** The score a household needs to pass (group evaluation). */
    public long passScore() {
        return groupPassScore != null ? groupPassScore : baseScore;
    }

    /** Applies the caps, when there are any. */
    public long capped(long score) {
        long s = score;
        if (maxScore != null) {
            s = Math.min(s, maxScore);
        }
        if (minScore != null) {
            s = Math.max(s, minScore);
        }
        return s;
    }

    private static void check(List<FieldError> errors, boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
    }

    private static <T> T or(T v, T d) {
        return v != null ? v : d;
    }
}
