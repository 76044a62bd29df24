package org.shanzhi.rewards;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Located;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.points.PointsWallet;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.rewards.internal.RewardsPolicy;
import org.shanzhi.rewards.internal.Xlsx;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 信用+: configurable county rules turn a household's points of the year and the black list into 信用户 yes/no; a
 * village is a 信用村 when its share of credit households reaches the threshold. Banks see only households whose
 * latest consent is "given" (recorded, revocable), through a list only the county admin opens.
 */
@Service
public class Credit {

    /** The county's credit rules. */
    public record Rules(long minPoints, boolean excludeBlackList, int villageSharePct) {
    }

    public record Rating(long householdId, String label, long points, boolean blackListed, boolean creditHousehold, boolean consent) {
    }

    public record VillageRating(String villageCode, int year, long households, long creditHouseholds, boolean creditVillage,
            List<Rating> ratings) {
    }

    public record BankRow(int rank, long householdId, String villageCode, String label, long points) {
    }

    private final JdbcClient jdbc;
    private final PointsWallet wallet;
    private final Registry registry;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Credit(JdbcClient jdbc, PointsWallet wallet, Registry registry, Territory territory, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.wallet = wallet;
        this.registry = registry;
        this.territory = territory;
        this.events = events;
        this.clock = clock;
    }

    public Rules rules() {
        return rules(ScopeGuard.actor().countyCode());
    }

    private Rules rules(String county) {
        return jdbc.sql("select credit_min_points, credit_exclude_black, credit_village_pct from rewards_county_rules where county_code = ?")
                .param(county).query((rs, i) -> new Rules(rs.getLong(1), rs.getBoolean(2), rs.getInt(3))).optional()
                .orElse(new Rules(100, true, 60));
    }

    @Transactional
    public Rules setRules(Long minPoints, Boolean excludeBlackList, Integer villageSharePct) {
        Actor a = RewardsPolicy.requireCountyAdmin("设置信用规则 / set the credit rules");
        if (minPoints == null || minPoints < 0 || minPoints > 1_000_000) {
            throw new InvalidInputException("minPoints", "信用户积分门槛应为 0 到 1000000 / threshold 0..1000000");
        }
        if (villageSharePct == null || villageSharePct < 1 || villageSharePct > 100) {
            throw new InvalidInputException("villageSharePct", "信用村比例应为 1 到 100 / share 1..100");
        }
        boolean black = excludeBlackList == null || excludeBlackList;
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("insert into rewards_county_rules (county_code, updated_by_name, updated_at) values (?, ?, ?) on conflict do nothing")
                .params(a.countyCode(), a.displayName(), now).update();
        jdbc.sql("""
                update rewards_county_rules set credit_min_points = ?, credit_exclude_black = ?, credit_village_pct = ?, updated_by_name = ?,
                updated_at = ? where county_code = ?""").params(minPoints, black, villageSharePct, a.displayName(), now, a.countyCode()).update();
        events.publishEvent(new Audited(a.countyCode(), "rewards.credit_rules_set", "county", a.countyCode(), null, null,
                "min=" + minPoints + ", black=" + black + ", pct=" + villageSharePct));
        return rules(a.countyCode());
    }

    /** The ratings of a village's households for a year, and whether it is a 信用村. */
    public VillageRating village(String villageCode, Integer year) {
        if (villageCode == null || !villageCode.matches("\\d{12}")
                || territory.find(villageCode).filter(d -> d.level() == Level.VILLAGE).isEmpty()) {
            throw new InvalidInputException("village", "行政村不存在 / no such village");
        }
        Actor a = RewardsPolicy.requireReader(Level.countyOf(villageCode), villageCode);
        int y = year(year);
        List<Rating> ratings = ratings(a.countyCode(), villageCode, y);
        long households = ScopeGuard.asSystem(a.countyCode(), () -> registry.counts(villageCode).households());
        long credit = ratings.stream().filter(Rating::creditHousehold).count();
        boolean creditVillage = households > 0 && credit * 100 >= (long) rules(a.countyCode()).villageSharePct() * households;
        return new VillageRating(villageCode, y, households, credit, creditVillage, ratings);
    }

    private List<Rating> ratings(String county, String village, int year) {
        Rules r = rules(county);
        Map<Long, Long> points = wallet.householdPoints(county, village, year);
        Set<Long> black = wallet.blackListed(county, village);
        Set<Long> consenting = consenting(county, village);
        List<Rating> out = new ArrayList<>();
        points.forEach((hid, p) -> {
            boolean b = black.contains(hid);
            boolean credit = p >= r.minPoints() && !(r.excludeBlackList() && b);
            out.add(new Rating(hid, label(county, hid), p, b, credit, consenting.contains(hid)));
        });
        out.sort(Comparator.comparingLong(Rating::points).reversed().thenComparingLong(Rating::householdId));
        return out;
    }

    /** Households of the village whose latest consent is "given". */
    private Set<Long> consenting(String county, String village) {
        return Set.copyOf(jdbc.sql("""
                select c.household_id from rewards_consents c where c.county_code = ? and c.village_code = ? and c.given = true
                and c.id = (select max(d.id) from rewards_consents d where d.county_code = c.county_code and d.household_id = c.household_id)""")
                .params(county, village).query(Long.class).list());
    }

    /** A household's own rating (the household and the staff who see it): points of the year, credit household or not. */
    public Rating rating(long householdId, Integer year) {
        Actor a = ScopeGuard.actor();
        Household h;
        try {
            h = ScopeGuard.asSystem(a.countyCode(), () -> registry.household(householdId));
        } catch (NotFoundException e) {
            throw new NotFoundException("农户不存在 / no such household");
        }
        if (!ScopeGuard.covers(a, h.located())) {
            throw new NotFoundException("农户不存在 / no such household");
        }
        int y = year(year);
        return ratings(h.countyCode(), h.villageCode(), y).stream().filter(r -> r.householdId() == householdId).findFirst()
                .orElseGet(() -> new Rating(householdId, label(h.countyCode(), householdId), 0, false, false,
                        consenting(h.countyCode(), h.villageCode()).contains(householdId)));
    }

    public record ConsentRecord(long householdId, String label, boolean given, String byName, LocalDateTime at) {
    }

    /** The consent records of a village, newest first (staff who read the village's books). */
    public List<ConsentRecord> consentRecords(String villageCode) {
        Actor caller = ScopeGuard.actor();
        if (villageCode == null || !villageCode.matches("\\d{12}")) {
            throw new InvalidInputException("village", "行政村不存在 / no such village");
        }
        Actor a = RewardsPolicy.requireReader(caller.countyCode(), villageCode);
        return jdbc.sql("select household_id, given, by_name, created_at from rewards_consents where county_code = ? and village_code = ? order by id desc limit 200")
                .params(a.countyCode(), villageCode)
                .query((rs, i) -> new ConsentRecord(rs.getLong(1), label(a.countyCode(), rs.getLong(1)), rs.getBoolean(2), rs.getString(3),
                        rs.getObject(4, LocalDateTime.class))).list();
    }

    /** Records a household's consent to be shown to banks, or its revocation. */
    @Transactional
    public boolean consent(Long householdId, Boolean given) {
        if (householdId == null) {
            throw new InvalidInputException("householdId", "请选择农户 / choose a household");
        }
        if (given == null) {
            throw new InvalidInputException("given", "请说明授权或撤回 / given: true or false");
        }
        Actor caller = ScopeGuard.actor();
        Household h;
        try {
            h = ScopeGuard.asSystem(caller.countyCode(), () -> registry.household(householdId));
        } catch (NotFoundException e) {
            throw new NotFoundException("农户不存在 / no such household");
        }
        Actor a = RewardsPolicy.requireConsentRecorder(h.located());
        long id = Ids.next();
        jdbc.sql("insert into rewards_consents (county_code, id, household_id, village_code, given, by_name, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(h.countyCode(), id, h.id(), h.villageCode(), given, a.displayName(), LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(h.countyCode(), given ? "rewards.consent_given" : "rewards.consent_revoked", "household",
                String.valueOf(h.id()), null, null, "by=" + a.displayName()));
        return given;
    }

    /**
     * The bank list (county admin only): consenting credit households of a division, top N by points of the year.
     * A household without consent, or whose latest consent is a revocation, never appears.
     */
    public List<BankRow> bankList(String division, Integer year, Integer top) {
        RewardsPolicy.requireCountyAdmin("查看银行授信名单 / see the bank list");
        String code = ScopeGuard.narrow(division);
        Actor a = ScopeGuard.actor();
        int y = year(year);
        int n = top == null ? 10 : top;
        if (n < 1 || n > 1000) {
            throw new InvalidInputException("top", "名单人数应为 1 到 1000 / top 1..1000");
        }
        List<String> villages = jdbc.sql("""
                select distinct village_code from rewards_consents where county_code = ? and village_code like ? order by village_code""")
                .params(a.countyCode(), code + "%").query(String.class).list();
        List<Rating> all = new ArrayList<>();
        List<String> villageOf = new ArrayList<>();
        for (String v : villages) {
            for (Rating r : ratings(a.countyCode(), v, y)) {
                if (r.consent() && r.creditHousehold()) {
                    all.add(r);
                    villageOf.add(v);
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> all.get(i).points()).reversed().thenComparingLong(i -> all.get(i).householdId()));
        List<BankRow> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, order.size()); i++) {
            Rating r = all.get(order.get(i));
            out.add(new BankRow(i + 1, r.householdId(), villageOf.get(order.get(i)), r.label(), r.points()));
        }
        return out;
    }

    public byte[] bankListXlsx(String division, Integer year, Integer top) {
        List<List<Object>> rows = new ArrayList<>();
        for (BankRow r : bankList(division, year, top)) {
            rows.add(List.of(r.rank(), String.valueOf(r.householdId()), r.villageCode(), r.label(), r.points()));
        }
        return Xlsx.sheet("信用户名单", List.of("名次 / rank", "农户编号 / household", "行政村 / village", "户 / household", "积分 / points"), rows);
    }

    private int year(Integer year) {
        int y = year == null ? LocalDateTime.now(clock).getYear() : year;
        if (y < 2000 || y > 2100) {
            throw new InvalidInputException("year", "年度应为 2000 到 2100 / year 2000..2100");
        }
        return y;
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
