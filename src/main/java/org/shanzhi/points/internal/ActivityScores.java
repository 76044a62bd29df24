package org.shanzhi.points.internal;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Optional;
import org.shanzhi.activities.AttendanceConfirmed;
import org.shanzhi.common.Audited;
import org.shanzhi.common.Ids;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.points.PointsSchemes;
import org.shanzhi.points.Scheme;
import org.shanzhi.points.SchemeItem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Confirmed attendance (activities) becomes a score event under the village scheme's first volunteer item (the first
 * 热心公益 item that adds points, or an item named 志愿/公益): recorded as VERIFIED (the organiser's confirmation is the
 * check) and then reviewed, put on notice and credited like any other event. Once per activity and person (the
 * idempotency key {@code activity:<activity>:<person>}). No applicable scheme or item: nothing is recorded.
 */
@Component
class ActivityScores {

    static final String RECORDER = "活动出勤确认";

    private final JdbcClient jdbc;
    private final PointsSchemes schemes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ActivityScores(JdbcClient jdbc, PointsSchemes schemes, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.schemes = schemes;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(AttendanceConfirmed e) {
        ScopeGuard.asSystem(e.countyCode(), () -> {
            record(e);
            return null;
        });
    }

    static Optional<SchemeItem> volunteerItem(Scheme s) {
        return s.items().stream().filter(i -> "+".equals(i.sign()))
                .filter(i -> "热心公益".equals(i.category()) || i.name().contains("志愿") || i.name().contains("公益"))
                .findFirst();
    }

    private void record(AttendanceConfirmed e) {
        Optional<Scheme> scheme = schemes.applicable(e.villageCode(), e.heldOn());
        Optional<SchemeItem> item = scheme.flatMap(ActivityScores::volunteerItem);
        if (item.isEmpty()) {
            return;
        }
        Scheme s = scheme.get();
        SchemeItem i = item.get();
        boolean byPerson = "PERSON".equals(s.settings().subjectType());
        long subject = byPerson ? e.personId() : e.householdId();
        String key = "activity:" + e.activityId() + ":" + e.personId();
        Object[] where = jdbc.sql("select group_code, grid_id from households where county_code = ? and id = ?").params(e.countyCode(), e.householdId())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2)}).optional()
                .orElse(new Object[] {null, null});
        String label = jdbc.sql(byPerson ? "select name from persons where county_code = ? and id = ?"
                : "select coalesce(max(p.name), '') from persons p where p.county_code = ? and p.household_id = ? and p.relation = '户主'")
                .params(e.countyCode(), subject).query(String.class).optional().orElse("");
        long id = Ids.next();
        int n = jdbc.sql("""
                insert into score_events (county_code, id, village_code, group_code, grid_id, household_id, subject_type, subject_id,
                    subject_label, scheme_id, item_id, category, item_name, points, veto, occurred_on, period_month, source, organisation,
                    description, status, recorded_by, recorded_by_name, recorded_at, idempotency_key, request_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECORDED', null, ?, 'VERIFIED', 0, ?, ?, ?, ?)
                on conflict do nothing""")
                .params(e.countyCode(), id, e.villageCode(), where[0], where[1], e.householdId(), byPerson ? "PERSON" : "HOUSEHOLD", subject,
                        label.isEmpty() ? "农户" : label, s.id(), i.id(), i.category(), i.name(), i.signedPoints(), i.veto(), e.heldOn(),
                        YearMonth.from(e.heldOn()).toString(), cut("参加活动:" + e.activityTitle() + (e.hours() > 0 ? ",志愿服务 " + e.hours() + " 小时" : "")),
                        RECORDER, LocalDateTime.now(clock.withZone(TimeConfig.ZONE)), key, key)
                .update();
        if (n == 1) {
            events.publishEvent(new Audited(e.countyCode(), "points.declared", "score_event", String.valueOf(id), null, null,
                    "activity " + e.activityId() + " person " + e.personId() + " " + i.category() + "/" + i.name() + " " + i.signedPoints()));
        }
    }

    private static String cut(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
