package org.shanzhi.rewards;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.rewards.internal.RewardsPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The record of redemptions (积分兑换记录) for staff who read the villages' books: filtered by division (a village or
 * above), the month the code was issued, the counter and the status (issued and still valid, used, expired), paged;
 * households shown as "number 张*户" like the other lists.
 */
@Service
public class Redemptions {

    public static final List<String> STATUSES = List.of("ISSUED", "USED", "EXPIRED");
    private static final Set<String> READERS = Set.of("SYSTEM", "COUNTY_ADMIN", "AUDITOR", "TOWNSHIP_ADMIN", "VILLAGE_CADRE", "VILLAGE_SUPERVISOR");

    /** A redemption as the list shows it: status EXPIRED for an issued code past its expiry. */
    public record Row(long id, String villageCode, String householdLabel, long merchantId, String merchantName, String goodsName, int quantity,
            long points, BigDecimal valueYuan, String status, LocalDateTime issuedAt, LocalDateTime usedAt, String confirmedByName) {
    }

    public record Filter(String division, String month, Long merchantId, String status) {
    }

    private final JdbcClient jdbc;
    private final Registry registry;
    private final Clock clock;

    public Redemptions(JdbcClient jdbc, Registry registry, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.clock = clock;
    }

    private static Actor reader() {
        Actor a = ScopeGuard.actor();
        if (!READERS.contains(a.role())) {
            throw new NotFoundException("未找到 / not found");
        }
        return a;
    }

    /** The counters in a division of the caller's scope (the filter's choices). */
    public List<Merchant> counters(String division) {
        Actor a = reader();
        String code = ScopeGuard.narrow(division);
        return jdbc.sql("select id, village_code, account_id, name from rewards_merchants where county_code = ? and village_code like ? order by village_code, name, id")
                .params(a.countyCode(), code + "%").query((rs, i) -> new Merchant(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .list();
    }

    public Page<Row> search(Filter f, int page, int size) {
        Page.check(page, size);
        Actor a = reader();
        String code = ScopeGuard.narrow(f.division() == null ? null : f.division().trim());
        Map<String, Object> p = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where r.county_code = :county and r.village_code like :prefix");
        p.put("county", a.countyCode());
        p.put("prefix", code + "%");
        LocalDateTime now = LocalDateTime.now(clock);
        if (f.month() != null && !f.month().isBlank()) {
            YearMonth ym;
            try {
                ym = YearMonth.parse(f.month().trim());
            } catch (RuntimeException e) {
                throw new InvalidInputException("month", "月份格式为 2026-03 / a month like 2026-03");
            }
            where.append(" and r.issued_at >= :from and r.issued_at < :to");
            p.put("from", ym.atDay(1).atStartOfDay());
            p.put("to", ym.plusMonths(1).atDay(1).atStartOfDay());
        }
        if (f.merchantId() != null) {
            where.append(" and r.merchant_id = :merchant");
            p.put("merchant", f.merchantId());
        }
        String status = f.status() == null ? "" : f.status().trim().toUpperCase();
        switch (status) {
            case "" -> {
            }
            case "USED" -> where.append(" and r.status = 'USED'");
            case "ISSUED" -> {
                where.append(" and r.status = 'ISSUED' and r.expires_at > :now");
                p.put("now", now);
            }
            case "EXPIRED" -> {
                where.append(" and r.status = 'ISSUED' and r.expires_at <= :now");
                p.put("now", now);
            }
            default -> throw new InvalidInputException(List.of(new FieldError("status", "状态应为 ISSUED、USED 或 EXPIRED / ISSUED, USED or EXPIRED")));
        }
        long total = jdbc.sql("select count(*) from rewards_redemptions r" + where).params(p).query(Long.class).single();
        Map<Long, String> labels = new HashMap<>();
        List<Row> rows = jdbc.sql("""
                select r.id, r.village_code, r.household_id, r.merchant_id, m.name, r.goods_name, r.quantity, r.points, r.value_fen, r.status,
                       r.expires_at, r.issued_at, r.used_at, r.confirmed_by_name
                from rewards_redemptions r left join rewards_merchants m on m.county_code = r.county_code and m.id = r.merchant_id""" + where
                + " order by r.issued_at desc, r.id desc limit :limit offset :offset").params(p).param("limit", size).param("offset", (long) page * size)
                .query((rs, i) -> {
                    String st = rs.getString(10);
                    if ("ISSUED".equals(st) && !rs.getTimestamp(11).toLocalDateTime().isAfter(now)) {
                        st = "EXPIRED";
                    }
                    return new Row(rs.getLong(1), rs.getString(2), Long.toString(rs.getLong(3)), rs.getLong(4), rs.getString(5), rs.getString(6),
                            rs.getInt(7), rs.getLong(8), BigDecimal.valueOf(rs.getLong(9), 2), st, rs.getTimestamp(12).toLocalDateTime(),
                            rs.getTimestamp(13) == null ? null : rs.getTimestamp(13).toLocalDateTime(), rs.getString(14));
                }).list();
        List<Row> labelled = rows.stream().map(r -> new Row(r.id(), r.villageCode(),
                labels.computeIfAbsent(Long.valueOf(r.householdLabel()), id -> label(a.countyCode(), id)), r.merchantId(), r.merchantName(),
                r.goodsName(), r.quantity(), r.points(), r.valueYuan(), r.status(), r.issuedAt(), r.usedAt(), r.confirmedByName())).toList();
        return new Page<>(labelled, page, size, total);
    }

    private String label(String county, long householdId) {
        try {
            Household h = ScopeGuard.asSystem(county, () -> registry.household(householdId));
            return h.number() + " " + RewardsPolicy.maskName(h.headName()) + "户";
        } catch (NotFoundException e) {
            return "户 " + householdId;
        }
    }
}
