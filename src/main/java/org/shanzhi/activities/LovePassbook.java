package org.shanzhi.activities;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.shanzhi.activities.internal.ActivitiesPolicy;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Person;
import org.shanzhi.registry.Registry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 津市 love passbook (爱心存折): volunteer hours per person, 1 hour = 1 point. Stars 1-5 when the points earned in a year
 * reach 100 / 300 / 600 / 1,000 / 1,500; the balance carries over from year to year. A donation to a person in need is
 * a transfer of two entries. Kept in this module's own append-only table {@code love_passbook}: a passbook of hours,
 * not the household points ledger.
 */
@Service
public class LovePassbook {

    /** Points earned in a year for 1..5 stars. */
    public static final long[] STAR_THRESHOLDS = {100, 300, 600, 1000, 1500};

    public record Entry(long id, int year, long points, String kind, String reason, LocalDateTime createdAt) {
    }

    public record Passbook(long personId, String personName, int year, long earnedInYear, int stars, long balance, List<Entry> entries) {
    }

    private final JdbcClient jdbc;
    private final Registry registry;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public LovePassbook(JdbcClient jdbc, Registry registry, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
    }

    /** Stars for the points earned in one year. */
    public static int stars(long earnedInYear) {
        int s = 0;
        for (long t : STAR_THRESHOLDS) {
            if (earnedInYear >= t) {
                s++;
            }
        }
        return s;
    }

    /** Yuan a love-passbook point is worth at the village's redemption point (1 point = 10 yuan). */
    public static final int YUAN_PER_POINT = 10;

    /** Appends hours (points) to a person's passbook; a repeat of the same ref changes nothing. Called by this module. */
    void creditHours(String county, long personId, String village, int year, long hours, String reason, String ref, String by) {
        int n = jdbc.sql("""
                insert into love_passbook (county_code, id, person_id, village_code, year_no, points, kind, reason, ref, created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, 'HOURS', ?, ?, ?, ?) on conflict do nothing""")
                .params(county, Ids.next(), personId, village, year, hours, cut(reason), ref, by, now()).update();
        if (n == 1) {
            add(county, personId, hours);
        }
    }

    /** Adds to the balance row (made on first use). */
    private void add(String county, long personId, long points) {
        ensureBalance(county, personId);
        jdbc.sql("update love_passbook_balances set balance = balance + ? where county_code = ? and person_id = ?")
                .params(points, county, personId).update();
    }

    private void ensureBalance(String county, long personId) {
        jdbc.sql("insert into love_passbook_balances (county_code, person_id, balance) values (?, ?, 0) on conflict do nothing")
                .params(county, personId).update();
    }

    /**
     * Takes points from the balance, guarded in the UPDATE itself: of two simultaneous withdrawals that together exceed
     * the balance, the second waits for the first's row lock, re-reads the balance and changes nothing.
     */
    private boolean take(String county, long personId, long points) {
        ensureBalance(county, personId);
        return jdbc.sql("update love_passbook_balances set balance = balance - ? where county_code = ? and person_id = ? and balance >= ?")
                .params(points, county, personId, points).update() == 1;
    }

    /** Records volunteer hours by hand (a cadre: hours given outside a posted activity). */
    @Transactional
    public Passbook record(long personId, long hours, String reason) {
        Person p = registry.person(personId);
        Actor a = ActivitiesPolicy.keep(ActivitiesPolicy.reader().countyCode(), p.villageCode());
        if (hours < 1 || hours > 24) {
            throw new InvalidInputException("hours", "时长应为 1 到 24 小时 / hours 1 to 24");
        }
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new InvalidInputException("reason", "请说明服务内容,最多 200 字 / say what was done, at most 200 characters");
        }
        creditHours(a.countyCode(), personId, p.villageCode(), now().getYear(), hours, reason.trim(), "manual:" + Ids.next(), a.displayName());
        events.publishEvent(new Audited(a.countyCode(), "activities.hours", "love_passbook", String.valueOf(personId), null, null, hours + " h"));
        return passbook(personId, now().getYear());
    }

    /**
     * Donates points to a person in need: two entries (out and in); the giver's balance is taken in a guarded UPDATE of
     * the balance row, so two simultaneous donations can never take it below zero.
     */
    @Transactional
    public Passbook donate(long fromPersonId, long toPersonId, long points, String reason) {
        Person from = registry.person(fromPersonId);
        Household h = registry.household(from.householdId());
        Actor a = ActivitiesPolicy.participate(h.located());
        if (points < 1 || points > 100_000) {
            throw new InvalidInputException("points", "捐赠积分应为正数 / donate a positive number of points");
        }
        if (fromPersonId == toPersonId) {
            throw new InvalidInputException("toPersonId", "不能捐给自己 / not to oneself");
        }
        Person to = ScopeGuardHelper.asCounty(a.countyCode(), () -> registry.person(toPersonId));
        String why = reason == null || reason.isBlank() ? "爱心捐赠" : cut(reason.trim());
        long transfer = Ids.next();
        LocalDateTime now = now();
        if (!take(a.countyCode(), fromPersonId, points)) {
            throw new ConflictException("points", "爱心存折余额不足 / not enough points in the passbook");
        }
        jdbc.sql("""
                insert into love_passbook (county_code, id, person_id, village_code, year_no, points, kind, reason, ref, created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, 'DONATED', ?, ?, ?, ?)""")
                .params(a.countyCode(), Ids.next(), fromPersonId, from.villageCode(), now.getYear(), -points, why, "donate-out:" + transfer,
                        a.displayName(), now).update();
        jdbc.sql("""
                insert into love_passbook (county_code, id, person_id, village_code, year_no, points, kind, reason, ref, created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?)""")
                .params(a.countyCode(), Ids.next(), toPersonId, to.villageCode(), now.getYear(), points, why, "donate-in:" + transfer,
                        a.displayName(), now).update();
        add(a.countyCode(), toPersonId, points);
        events.publishEvent(new Audited(a.countyCode(), "activities.donated", "love_passbook", String.valueOf(fromPersonId), null, null,
                points + " → " + toPersonId));
        return passbook(fromPersonId, now.getYear());
    }

    /**
     * Redeems points at the village's redemption point (兑换点): 1 point = {@value #YUAN_PER_POINT} yuan, one REDEEMED
     * entry, taken from the balance in a guarded UPDATE. Kept by a cadre of the person's village.
     */
    @Transactional
    public Passbook redeem(long personId, long points, String what) {
        Person p = person(personId);
        Actor a = ActivitiesPolicy.keep(ActivitiesPolicy.reader().countyCode(), p.villageCode());
        if (points < 1 || points > 100_000) {
            throw new InvalidInputException("points", "兑换积分应为正数 / redeem a positive number of points");
        }
        if (what == null || what.isBlank() || what.length() > 200) {
            throw new InvalidInputException("reason", "请填写兑换物品,最多 200 字 / say what was taken, at most 200 characters");
        }
        LocalDateTime now = now();
        if (!take(a.countyCode(), personId, points)) {
            throw new ConflictException("points", "爱心存折余额不足 / not enough points in the passbook");
        }
        jdbc.sql("""
                insert into love_passbook (county_code, id, person_id, village_code, year_no, points, kind, reason, ref, created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, 'REDEEMED', ?, ?, ?, ?)""")
                .params(a.countyCode(), Ids.next(), personId, p.villageCode(), now.getYear(), -points,
                        cut(what.trim() + "(" + points * YUAN_PER_POINT + " 元)"), "redeem:" + Ids.next(), a.displayName(), now).update();
        events.publishEvent(new Audited(a.countyCode(), "activities.redeemed", "love_passbook", String.valueOf(personId), null, null,
                points + " points"));
        return passbook(personId, now.getYear());
    }

    /** The current balance (all years). */
    public long balance(long personId) {
        Actor a = ActivitiesPolicy.reader();
        return jdbc.sql("select coalesce(max(balance), 0) from love_passbook_balances where county_code = ? and person_id = ?")
                .params(a.countyCode(), personId).query(Long.class).single();
    }

    private Person person(long personId) {
        try {
            return registry.person(personId);
        } catch (org.shanzhi.common.NotFoundException e) {
            throw new org.shanzhi.common.NotFoundException("未找到此人 / no such person");
        }
    }

    /** A person's passbook for a year: earned that year, stars, the balance carried over (all years up to it) and the entries. */
    public Passbook passbook(long personId, int year) {
        Actor a = ActivitiesPolicy.reader();
        Person p = registry.person(personId);
        String county = a.countyCode();
        long earned = jdbc.sql("select coalesce(sum(points), 0) from love_passbook where county_code = ? and person_id = ? and year_no = ? and kind = 'HOURS'")
                .params(county, personId, year).query(Long.class).single();
        long balance = jdbc.sql("select coalesce(sum(points), 0) from love_passbook where county_code = ? and person_id = ? and year_no <= ?")
                .params(county, personId, year).query(Long.class).single();
        List<Entry> entries = jdbc.sql("""
                select id, year_no, points, kind, reason, created_at from love_passbook where county_code = ? and person_id = ? and year_no = ?
                order by created_at, id""").params(county, personId, year)
                .query((rs, i) -> new Entry(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toLocalDateTime())).list();
        return new Passbook(personId, p.name(), year, earned, stars(earned), balance, entries);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(TimeConfig.ZONE));
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) : s;
    }
}
