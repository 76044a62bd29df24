package org.shanzhi.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Located;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.monitoring.internal.MonitoringPolicy;
import org.shanzhi.territory.Level;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cadre duty lists and points (昌江 乡村履职清单制): "一事一记录、一月一审核、一季一公示". Each cadre scores
 * themselves monthly; the branch meeting reviews in the first week of the next month; the result is
 * completed points / available points. Records are queryable by villagers and higher levels.
 */
@Service
public class Duties {

    /** The four lists (清单). */
    public static final Map<String, String> LIST_TYPES = Monitoring.orderedMap("PUBLIC_SERVICE", "公共服务清单",
            "PARTY_BUILDING", "党建引领清单", "DEVELOPMENT", "乡村发展清单", "VILLAGER_CONDUCT", "村民行为清单");
    /** The branch meeting reviews a month's scores in the first days of the next month. */
    public static final int REVIEW_DAYS = 7;

    public record DutyItem(long id, String listType, String listLabel, String indicator, String subItem, String steps,
            String responsibleRole, int points) {
    }

    public record VillageDuty(long id, String villageCode, long itemId, String listType, String indicator, String subItem,
            int basePoints, int weightPercent, int points, long cadreAccountId, String cadreName) {
    }

    public record Score(long id, String month, long dutyId, String subItem, long cadreAccountId, String cadreName, int available,
            int selfPoints, String note, Integer reviewedPoints, String reviewedBy, LocalDateTime reviewedAt) {
    }

    /** One cadre's month: available points of their duties, self-scored, completed after review, and the ratio. */
    public record CadreResult(long cadreAccountId, String cadreName, long available, long selfScored, long completed,
            BigDecimal completionRatio, boolean reviewed) {
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Duties(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    // ---- the county's lists ----------------------------------------------------------------------

    @Transactional
    public DutyItem createItem(String listType, String indicator, String subItem, String steps, String responsibleRole, Integer points) {
        Actor a = ScopeGuard.actor();
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA), "制定履职清单");
        if (listType == null || !LIST_TYPES.containsKey(listType)) {
            throw new InvalidInputException("listType", "清单类型应为 " + String.join("/", LIST_TYPES.keySet()));
        }
        String ind = Monitoring.text(indicator, "indicator", 200, true);
        String sub = Monitoring.text(subItem, "subItem", 300, true);
        String st = Monitoring.text(steps, "steps", 2000, true);
        String role = Monitoring.text(responsibleRole, "responsibleRole", 50, true);
        if (points == null || points < 1 || points > 1000) {
            throw new InvalidInputException("points", "分值须在 1 到 1000 之间 / points must be 1..1000");
        }
        long id = Ids.next();
        jdbc.sql("insert into monitoring_duty_items (county_code, id, list_type, indicator, sub_item, steps, responsible_role, points, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), id, listType, ind, sub, st, role, points, LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.duty.item", "duty-item", String.valueOf(id), null, null,
                listType + ": " + ind + " / " + sub + " = " + points));
        return items(a.countyCode()).stream().filter(i -> i.id() == id).findFirst().orElseThrow();
    }

    public List<DutyItem> items() {
        return items(ScopeGuard.actor().countyCode());
    }

    private List<DutyItem> items(String county) {
        return jdbc.sql("select id, list_type, indicator, sub_item, steps, responsible_role, points from monitoring_duty_items where county_code = ? order by list_type, indicator, id")
                .param(county)
                .query((rs, i) -> new DutyItem(rs.getLong(1), rs.getString(2), LIST_TYPES.get(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)))
                .list();
    }

    // ---- a village's selection -------------------------------------------------------------------

    /** A village selects an item, weights it (percent of its points) and names the responsible cadre. */
    @Transactional
    public VillageDuty select(String villageCode, Long itemId, Integer weightPercent, Long cadreAccountId, String cadreName) {
        Actor a = villageWriter(villageCode, Set.of(MonitoringPolicy.VC, MonitoringPolicy.TA), "选定履职事项");
        if (itemId == null) {
            throw new InvalidInputException("itemId", "清单事项必填 / itemId is required");
        }
        DutyItem item = items(a.countyCode()).stream().filter(i -> i.id() == itemId).findFirst()
                .orElseThrow(() -> new InvalidInputException("itemId", "清单事项不存在 / no such item"));
        int w = weightPercent == null ? 100 : weightPercent;
        if (w < 10 || w > 300) {
            throw new InvalidInputException("weightPercent", "权重须在 10% 到 300% 之间 / weight must be 10..300");
        }
        if (cadreAccountId == null || cadreAccountId <= 0) {
            throw new InvalidInputException("cadreAccountId", "责任人必填 / the responsible cadre is required");
        }
        String name = Monitoring.text(cadreName, "cadreName", 100, true);
        int points = (int) Math.max(1, Math.round(item.points() * w / 100.0));
        long id = Ids.next();
        int n = jdbc.sql("""
                insert into monitoring_village_duties (county_code, id, village_code, item_id, weight_percent, points, cadre_account_id, cadre_name, selected_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(a.countyCode(), id, villageCode, itemId, w, points, cadreAccountId, name, LocalDateTime.now(clock))
                .update();
        if (n == 0) {
            throw new ConflictException("itemId", "本村已选定该事项 / the village already selected this item");
        }
        events.publishEvent(new Audited(a.countyCode(), "monitoring.duty.selected", "village-duty", String.valueOf(id), null, null,
                villageCode + ": item " + itemId + " ×" + w + "% → " + name));
        return villageDuties(villageCode).stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }

    public List<VillageDuty> villageDuties(String villageCode) {
        Actor a = villageReader(villageCode);
        return jdbc.sql("""
                select d.id, d.village_code, d.item_id, i.list_type, i.indicator, i.sub_item, i.points, d.weight_percent, d.points,
                       d.cadre_account_id, d.cadre_name
                from monitoring_village_duties d join monitoring_duty_items i on i.county_code = d.county_code and i.id = d.item_id
                where d.county_code = ? and d.village_code = ? order by i.list_type, i.indicator, d.id""")
                .params(a.countyCode(), villageCode)
                .query((rs, i) -> new VillageDuty(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getLong(10), rs.getString(11)))
                .list();
    }

    // ---- monthly scores --------------------------------------------------------------------------

    /** A cadre scores one of their own duties for a month (this month or an earlier one, until reviewed). */
    @Transactional
    public Score selfScore(String villageCode, String month, Long dutyId, Integer selfPoints, String note) {
        Actor a = villageWriter(villageCode, Set.of(MonitoringPolicy.VC), "自评履职积分");
        YearMonth m = month(month);
        if (m.isAfter(YearMonth.now(clock))) {
            throw new InvalidInputException("month", "不能为未来月份自评 / month is in the future");
        }
        VillageDuty d = duty(a, villageCode, dutyId);
        if (d.cadreAccountId() != a.accountId() && !MonitoringPolicy.is(a, MonitoringPolicy.SYSTEM)) {
            throw new org.shanzhi.common.ForbiddenException("只能为本人的履职事项自评 / only your own duties");
        }
        if (selfPoints == null || selfPoints < 0 || selfPoints > d.points()) {
            throw new InvalidInputException("selfPoints", "自评分须在 0 到 " + d.points() + " 之间 / selfPoints must be 0.." + d.points());
        }
        String n = Monitoring.text(note, "note", 500, false);
        LocalDateTime now = LocalDateTime.now(clock);
        int updated = jdbc.sql("update monitoring_duty_scores set self_points = ?, note = ?, scored_at = ? where county_code = ? and duty_id = ? and score_month = ? and reviewed_at is null")
                .params(selfPoints, n, now, a.countyCode(), d.id(), m.toString()).update();
        if (updated == 0) {
            if (jdbc.sql("select count(*) from monitoring_duty_scores where county_code = ? and duty_id = ? and score_month = ?")
                    .params(a.countyCode(), d.id(), m.toString()).query(Long.class).single() > 0) {
                throw new ConflictException("month", "该月已审核,不能再自评 / the month is already reviewed");
            }
            jdbc.sql("insert into monitoring_duty_scores (county_code, id, village_code, score_month, duty_id, cadre_account_id, self_points, note, scored_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(a.countyCode(), Ids.next(), villageCode, m.toString(), d.id(), d.cadreAccountId(), selfPoints, n, now).update();
        }
        events.publishEvent(new Audited(a.countyCode(), "monitoring.duty.scored", "village-duty", String.valueOf(d.id()), null, null,
                m + ": " + selfPoints + "/" + d.points()));
        return scores(villageCode, m.toString()).stream().filter(s -> s.dutyId() == d.id()).findFirst().orElseThrow();
    }

    /** The branch meeting (支部会) reviews a month's self-score in the first week of the next month. */
    @Transactional
    public Score review(String villageCode, String month, Long dutyId, Integer reviewedPoints, String note) {
        Actor a = villageWriter(villageCode, Set.of(MonitoringPolicy.VC, MonitoringPolicy.TA), "审核履职积分");
        YearMonth m = month(month);
        VillageDuty d = duty(a, villageCode, dutyId);
        if (reviewedPoints == null || reviewedPoints < 0 || reviewedPoints > d.points()) {
            throw new InvalidInputException("reviewedPoints", "审核分须在 0 到 " + d.points() + " 之间 / reviewedPoints must be 0.." + d.points());
        }
        String n = Monitoring.text(note, "note", 500, false);
        LocalDate today = LocalDate.now(clock);
        LocalDate opens = m.plusMonths(1).atDay(1);
        if (today.isBefore(opens) || today.isAfter(opens.plusDays(REVIEW_DAYS - 1))) {
            throw new ConflictException("month", "支部会审核须在次月第一周(" + opens + " 至 " + opens.plusDays(REVIEW_DAYS - 1)
                    + ")进行 / the branch meeting reviews in the first week of the next month");
        }
        int updated = jdbc.sql("update monitoring_duty_scores set reviewed_points = ?, review_note = ?, reviewed_by = ?, reviewed_at = ? where county_code = ? and duty_id = ? and score_month = ? and reviewed_at is null")
                .params(reviewedPoints, n, a.displayName(), LocalDateTime.now(clock), a.countyCode(), d.id(), m.toString()).update();
        if (updated == 0) {
            throw new ConflictException("dutyId", "该事项本月未自评或已审核 / no pending self-score for this month");
        }
        events.publishEvent(new Audited(a.countyCode(), "monitoring.duty.reviewed", "village-duty", String.valueOf(d.id()), null, null,
                m + ": " + reviewedPoints + "/" + d.points()));
        return scores(villageCode, m.toString()).stream().filter(s -> s.dutyId() == d.id()).findFirst().orElseThrow();
    }

    public List<Score> scores(String villageCode, String month) {
        Actor a = villageReader(villageCode);
        YearMonth m = month(month);
        return jdbc.sql("""
                select s.id, s.score_month, s.duty_id, i.sub_item, s.cadre_account_id, d.cadre_name, d.points, s.self_points, s.note,
                       s.reviewed_points, s.reviewed_by, s.reviewed_at
                from monitoring_duty_scores s
                join monitoring_village_duties d on d.county_code = s.county_code and d.id = s.duty_id
                join monitoring_duty_items i on i.county_code = d.county_code and i.id = d.item_id
                where s.county_code = ? and s.village_code = ? and s.score_month = ? order by d.cadre_name, s.duty_id""")
                .params(a.countyCode(), villageCode, m.toString())
                .query((rs, i) -> new Score(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                        rs.getInt(7), rs.getInt(8), rs.getString(9), rs.getObject(10, Integer.class), rs.getString(11),
                        rs.getObject(12, LocalDateTime.class)))
                .list();
    }

    /** Completion ratio per cadre for a month: reviewed points / points of all duties the cadre carries. */
    public List<CadreResult> results(String villageCode, String month) {
        Actor a = villageReader(villageCode);
        YearMonth m = month(month);
        return jdbc.sql("""
                select d.cadre_account_id, min(d.cadre_name), sum(d.points),
                       coalesce(sum(s.self_points), 0), coalesce(sum(s.reviewed_points), 0),
                       count(s.reviewed_at), count(d.id)
                from monitoring_village_duties d
                left join monitoring_duty_scores s on s.county_code = d.county_code and s.duty_id = d.id and s.score_month = ?
                where d.county_code = ? and d.village_code = ?
                group by d.cadre_account_id order by min(d.cadre_name)""")
                .params(m.toString(), a.countyCode(), villageCode)
                .query((rs, i) -> {
                    long available = rs.getLong(3);
                    long completed = rs.getLong(5);
                    return new CadreResult(rs.getLong(1), rs.getString(2), available, rs.getLong(4), completed,
                            available == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(completed).divide(BigDecimal.valueOf(available), 4, RoundingMode.HALF_UP),
                            rs.getLong(6) == rs.getLong(7));
                })
                .list();
    }

    /** 一季一公示: after a quarter ends, the village publishes its cadres' results as a notice. */
    @Transactional
    public MonitoringNoticeRequested publishQuarter(String villageCode, Integer year, Integer quarter) {
        Actor a = villageWriter(villageCode, Set.of(MonitoringPolicy.VC, MonitoringPolicy.TA), "公示履职积分");
        if (year == null || year < 2000 || year > 2100) {
            throw new InvalidInputException("year", "年度须在 2000 到 2100 之间 / year must be 2000..2100");
        }
        if (quarter == null || quarter < 1 || quarter > 4) {
            throw new InvalidInputException("quarter", "季度须为 1-4 / quarter must be 1..4");
        }
        YearMonth last = YearMonth.of(year, quarter * 3);
        if (!YearMonth.now(clock).isAfter(last)) {
            throw new ConflictException("quarter", "季度尚未结束 / the quarter has not ended");
        }
        int n = jdbc.sql("""
                insert into monitoring_duty_publications (county_code, village_code, pub_year, pub_quarter, published_by, published_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(a.countyCode(), villageCode, year, quarter, a.displayName(), LocalDateTime.now(clock))
                .update();
        if (n == 0) {
            throw new ConflictException("quarter", "本季度已公示 / already published");
        }
        StringBuilder text = new StringBuilder();
        for (int k = 2; k >= 0; k--) {
            YearMonth m = last.minusMonths(k);
            text.append(m).append(":");
            for (CadreResult r : results(villageCode, m.toString())) {
                text.append(' ').append(r.cadreName()).append(' ').append(r.completed()).append('/').append(r.available());
            }
            text.append('\n');
        }
        MonitoringNoticeRequested notice = new MonitoringNoticeRequested(a.countyCode(), villageCode, "duty-points",
                villageCode + ":" + year + "-Q" + quarter, year + "年第" + quarter + "季度村干部履职积分公示", text.toString().trim());
        events.publishEvent(notice);
        events.publishEvent(new Audited(a.countyCode(), "monitoring.duty.published", "village", villageCode, null, null, year + "-Q" + quarter));
        return notice;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private VillageDuty duty(Actor a, String villageCode, Long dutyId) {
        if (dutyId == null) {
            throw new InvalidInputException("dutyId", "履职事项必填 / dutyId is required");
        }
        return villageDuties(villageCode).stream().filter(d -> d.id() == dutyId).findFirst()
                .orElseThrow(() -> new InvalidInputException("dutyId", "本村没有该履职事项 / no such duty in the village"));
    }

    static YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            throw new InvalidInputException("month", "月份必填,格式 yyyy-MM / month is required");
        }
        try {
            YearMonth m = YearMonth.parse(month.trim());
            if (m.getYear() < 2000 || m.getYear() > 2100) {
                throw new InvalidInputException("month", "月份超出范围 / month out of range");
            }
            return m;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("month", "月份格式应为 yyyy-MM / month is yyyy-MM");
        }
    }

    /** Anyone signed in whose scope covers the village reads its duty records (villagers included). */
    static Actor villageReader(String villageCode) {
        Actor a = ScopeGuard.actor();
        if (Level.ofCode(villageCode).orElse(null) != Level.VILLAGE) {
            throw new NotFoundException("行政村不存在 / no such village");
        }
        String code = ScopeGuard.narrow(villageCode); // 404 outside the caller's territory
        if (!code.startsWith(a.countyCode())) {
            throw new NotFoundException("未找到 / not found");
        }
        return a;
    }

    static Actor villageWriter(String villageCode, Set<String> roles, String what) {
        Actor a = villageReader(villageCode);
        MonitoringPolicy.requireRole(roles, what);
        ScopeGuard.writable(new Located(a.countyCode(), villageCode, null, null));
        return a;
    }
}
