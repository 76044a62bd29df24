package org.shanzhi.activities;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.shanzhi.activities.internal.ActivitiesPolicy;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.registry.Person;
import org.shanzhi.registry.Registry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 津市 red passbook (红色存折) for party members: at most +3 points per reward, a one-year cycle that does not carry
 * over; under 60 points at the end of the year is unqualified (不合格). Append-only table {@code red_passbook}.
 */
@Service
public class RedPassbook {

    public static final long MAX_PER_REWARD = 3;
    public static final long QUALIFYING_LINE = 60;

    /** IN_PROGRESS while the year runs; then QUALIFIED or UNQUALIFIED. */
    public record Standing(long personId, int year, long points, String result) {
    }

    private final JdbcClient jdbc;
    private final Registry registry;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public RedPassbook(JdbcClient jdbc, Registry registry, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Standing reward(long personId, long points, String reason) {
        Person p = registry.person(personId);
        Actor a = ActivitiesPolicy.keep(ActivitiesPolicy.reader().countyCode(), p.villageCode());
        if (points < 1 || points > MAX_PER_REWARD) {
            throw new InvalidInputException("points", "红色存折每次最多加 3 分 / at most +3 points per reward");
        }
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new InvalidInputException("reason", "请说明加分事由,最多 200 字 / say why, at most 200 characters");
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(TimeConfig.ZONE));
        jdbc.sql("""
                insert into red_passbook (county_code, id, person_id, village_code, year_no, points, reason, created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.countyCode(), Ids.next(), personId, p.villageCode(), now.getYear(), points, reason.trim(), a.displayName(), now).update();
        events.publishEvent(new Audited(a.countyCode(), "activities.red_reward", "red_passbook", String.valueOf(personId), null, null, "+" + points));
        return standing(personId, now.getYear());
    }

    /** The year's points (no carry-over) and the result: unqualified under 60 once the year is over. */
    public Standing standing(long personId, int year) {
        Actor a = ActivitiesPolicy.reader();
        registry.person(personId);
        long points = jdbc.sql("select coalesce(sum(points), 0) from red_passbook where county_code = ? and person_id = ? and year_no = ?")
                .params(a.countyCode(), personId, year).query(Long.class).single();
        boolean over = LocalDate.now(clock.withZone(TimeConfig.ZONE)).isAfter(LocalDate.of(year, 12, 31));
        String result = !over ? "IN_PROGRESS" : points >= QUALIFYING_LINE ? "QUALIFIED" : "UNQUALIFIED";
        return new Standing(personId, year, points, result);
    }
}
