package org.shanzhi.deliberation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.deliberation.internal.Check;
import org.shanzhi.deliberation.internal.DeliberationPolicy;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.territory.Level;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 村规民约 caps per village and the banquet register (红白喜事 事前申报): a household registers before the event and
 * the register flags each cap the banquet passes, quoting the rule. A flag does not refuse the registration:
 * the 红白理事会 follows it up (事中监督, 事后评估).
 */
@Service
public class VillageRules {

    public record CapInput(String key, BigDecimal limit, String article) {
    }

    public record CapsChange(List<CapInput> caps) {
    }

    public record NewBanquet(Long householdId, String kind, String hostName, LocalDate startsOn, Integer days, Integer tables,
            Integer dishes, BigDecimal costPerTable, BigDecimal giftRelative, BigDecimal giftOther, String note) {
    }

    private final JdbcClient jdbc;
    private final Matters matters;
    private final Registry registry;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VillageRules(JdbcClient jdbc, Matters matters, Registry registry, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.matters = matters;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
    }

    public List<RuleCap> caps(String villageCode) {
        Check check = new Check();
        String village = matters.villageCode(check, villageCode);
        if (!check.ok()) {
            throw new NotFoundException("行政村不存在 / no such village");
        }
        DeliberationPolicy.requireRead(village);
        return loadCaps(village);
    }

    /** Replaces a village's caps (those not listed are removed). */
    @Transactional
    public List<RuleCap> setCaps(String villageCode, CapsChange cmd) {
        Check check = new Check();
        String village = matters.villageCode(check, villageCode);
        if (!check.ok()) {
            throw new NotFoundException("行政村不存在 / no such village");
        }
        DeliberationPolicy.requireRuleAdmin(village);
        if (cmd.caps() == null) {
            check.add("caps", "必填 / required");
            check.done();
        }
        Set<CapKey> seen = EnumSet.noneOf(CapKey.class);
        List<RuleCap> caps = new ArrayList<>();
        for (int i = 0; i < cmd.caps().size(); i++) {
            CapInput in = cmd.caps().get(i);
            String f = "caps[" + i + "]";
            if (in == null) {
                check.add(f, "必填 / required");
                continue;
            }
            CapKey key = check.choice(f + ".key", in.key(), CapKey.class, true);
            BigDecimal limit = check.yuan(f + ".limit", in.limit(), true);
            String article = check.text(f + ".article", in.article(), 500, true);
            if (key != null && !seen.add(key)) {
                check.add(f + ".key", "重复 / duplicate");
            }
            if (key != null && limit != null && article != null) {
                caps.add(new RuleCap(key, key.label(), limit, article));
            }
        }
        check.done();
        String county = Level.countyOf(village);
        String before = loadCaps(village).toString();
        jdbc.sql("delete from rule_caps where county_code = ? and village_code = ?").params(county, village).update();
        LocalDateTime now = LocalDateTime.now(clock);
        for (RuleCap c : caps) {
            jdbc.sql("insert into rule_caps (county_code, village_code, cap_key, cap_limit, article, updated_at) values (?, ?, ?, ?, ?, ?)")
                    .params(county, village, c.key().name(), c.limit(), c.article(), now).update();
        }
        events.publishEvent(new Audited(county, "rule_caps.set", "village", village, null, before, caps.toString()));
        return loadCaps(village);
    }

    @Transactional
    public Banquet register(NewBanquet cmd) {
        Check check = new Check();
        if (cmd.householdId() == null) {
            check.add("householdId", "必填 / required");
        }
        CapKey.BanquetKind kind = check.choice("kind", cmd.kind(), CapKey.BanquetKind.class, true);
        String host = check.text("hostName", cmd.hostName(), 50, true);
        Integer days = check.count("days", cmd.days(), 1, 30, true);
        Integer tables = check.count("tables", cmd.tables(), 1, 999, true);
        Integer dishes = check.count("dishes", cmd.dishes(), 1, 99, true);
        BigDecimal cost = check.yuan("costPerTable", cmd.costPerTable(), false);
        BigDecimal giftRelative = check.yuan("giftRelative", cmd.giftRelative(), false);
        BigDecimal giftOther = check.yuan("giftOther", cmd.giftOther(), false);
        String note = check.text("note", cmd.note(), 500, false);
        LocalDate today = LocalDate.now(clock);
        if (cmd.startsOn() == null) {
            check.add("startsOn", "必填 / required");
        } else if (!cmd.startsOn().isAfter(today)) {
            check.add("startsOn", "须在办事前申报(最晚前一天) / register before the event, at the latest the day before");
        } else if (cmd.startsOn().isAfter(today.plusYears(2))) {
            check.add("startsOn", "最多提前两年申报 / at most two years ahead");
        }
        check.done();
        Household h = registry.household(cmd.householdId()); // 404 outside the caller's scope
        ScopeGuard.writable(h.located());
        Actor a = ScopeGuard.actor();
        DeliberationPolicy.requireBanquetRegistrar(a);
        List<Banquet.Flag> flags = new ArrayList<>();
        for (RuleCap cap : loadCaps(h.villageCode())) {
            if (!cap.key().appliesTo(kind)) {
                continue;
            }
            BigDecimal actual = switch (cap.key()) {
                case GIFT_RELATIVE_YUAN -> giftRelative;
                case GIFT_OTHER_YUAN -> giftOther;
                case WEDDING_DAYS, FUNERAL_DAYS -> BigDecimal.valueOf(days);
                case TABLES -> BigDecimal.valueOf(tables);
                case DISHES -> BigDecimal.valueOf(dishes);
                case COST_PER_TABLE_YUAN -> cost;
            };
            if (actual != null && actual.compareTo(cap.limit()) > 0) {
                flags.add(new Banquet.Flag(cap.key(), cap.label(), cap.limit(), actual.setScale(2), cap.article()));
            }
        }
        long id = Ids.next();
        String county = h.countyCode();
        jdbc.sql("""
                insert into banquets (county_code, id, village_code, household_id, kind, host_name, starts_on, days, tables_count, dishes,
                    cost_per_table, gift_relative, gift_other, note, flag_count, registered_by, registered_by_name, registered_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(county, id, h.villageCode(), h.id(), kind.name(), host, cmd.startsOn(), days, tables, dishes, cost, giftRelative,
                        giftOther, note, flags.size(), a.accountId(), a.displayName(), LocalDateTime.now(clock))
                .update();
        for (Banquet.Flag f : flags) {
            jdbc.sql("insert into banquet_flags (county_code, banquet_id, cap_key, cap_limit, actual, article) values (?, ?, ?, ?, ?, ?)")
                    .params(county, id, f.key().name(), f.limit(), f.actual(), f.article()).update();
        }
        events.publishEvent(new Audited(county, "banquet.registered", "banquet", String.valueOf(id), null, null,
                "household=" + h.id() + ", kind=" + kind + ", on=" + cmd.startsOn() + ", days=" + days + ", tables=" + tables
                        + ", flags=" + flags.stream().map(f -> f.key().name()).toList()));
        return load(id);
    }

    public Banquet banquet(long id) {
        Banquet b = load(id);
        DeliberationPolicy.requireRead(b.villageCode());
        return b;
    }

    public Page<Banquet> list(String division, Boolean flaggedOnly, int page, int size) {
        Page.check(page, size);
        String code = DeliberationPolicy.requireList(division);
        String where = " where county_code = ? and village_code like ?" + (Boolean.TRUE.equals(flaggedOnly) ? " and flag_count > 0" : "");
        long total = jdbc.sql("select count(*) from banquets" + where).params(Level.countyOf(code), Matters.prefix(code)).query(Long.class).single();
        List<Long> ids = jdbc.sql("select id from banquets" + where + " order by starts_on desc, id desc limit ? offset ?")
                .params(Level.countyOf(code), Matters.prefix(code), size, (long) page * size).query(Long.class).list();
        return new Page<>(ids.stream().map(this::load).toList(), page, size, total);
    }

    private List<RuleCap> loadCaps(String village) {
        return jdbc.sql("select cap_key, cap_limit, article from rule_caps where county_code = ? and village_code = ? order by cap_key")
                .params(Level.countyOf(village), village)
                .query((rs, i) -> {
                    CapKey k = CapKey.valueOf(rs.getString(1));
                    return new RuleCap(k, k.label(), rs.getBigDecimal(2), rs.getString(3));
                }).list();
    }

    private Banquet load(long id) {
        Banquet b = jdbc.sql("select * from banquets where id = ?").param(id).query(VillageRules::map).optional()
                .orElseThrow(() -> new NotFoundException("申报不存在 / no such banquet registration"));
        List<Banquet.Flag> flags = jdbc.sql("select cap_key, cap_limit, actual, article from banquet_flags where county_code = ? and banquet_id = ? order by cap_key")
                .params(b.countyCode(), id)
                .query((rs, i) -> {
                    CapKey k = CapKey.valueOf(rs.getString(1));
                    return new Banquet.Flag(k, k.label(), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getString(4));
                }).list();
        return new Banquet(b.id(), b.countyCode(), b.villageCode(), b.householdId(), b.kind(), b.kindLabel(), b.hostName(), b.startsOn(),
                b.days(), b.tables(), b.dishes(), b.costPerTable(), b.giftRelative(), b.giftOther(), b.note(), flags,
                b.registeredByName(), b.registeredAt());
    }

    private static Banquet map(ResultSet rs, int i) throws SQLException {
        CapKey.BanquetKind kind = CapKey.BanquetKind.valueOf(rs.getString("kind"));
        return new Banquet(rs.getLong("id"), rs.getString("county_code"), rs.getString("village_code"), rs.getLong("household_id"),
                kind, kind.label(), rs.getString("host_name"), rs.getObject("starts_on", LocalDate.class), rs.getInt("days"),
                rs.getInt("tables_count"), rs.getInt("dishes"), rs.getBigDecimal("cost_per_table"), rs.getBigDecimal("gift_relative"),
                rs.getBigDecimal("gift_other"), rs.getString("note"), List.of(), rs.getString("registered_by_name"),
                rs.getObject("registered_at", LocalDateTime.class));
    }
}
