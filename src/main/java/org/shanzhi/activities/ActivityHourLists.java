package org.shanzhi.activities;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.shanzhi.activities.internal.ActivitiesPolicy;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.disclosure.NewNotice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.disclosure.NoticeClosed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 津市: the organiser's hour list of a confirmed activity is published to the volunteers (a short notice of the
 * disclosure module, one item per volunteer), corrected by the organiser while the notice runs, then final: when the
 * notice closes the hours (as corrected; none for a line an upheld objection took down) go into the love passbook.
 */
@Service
public class ActivityHourLists {

    public static final String SOURCE_TYPE = "activities.hours";
    public static final int WINDOW_DAYS = 3;

    /** One volunteer's line: hours as listed by the organiser and as they stand now. */
    public record Line(long personId, String personName, int listedHours, int hours, String correctedReason) {
    }

    /** PUBLISHED (on notice, may be corrected) → FINAL (credited to the passbooks). */
    public record HourList(long activityId, String status, Long noticeId, LocalDateTime publishedAt, LocalDateTime finalAt, List<Line> lines) {
    }

    private final JdbcClient jdbc;
    private final NoticeBoard notices;
    private final LovePassbook passbook;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ActivityHourLists(JdbcClient jdbc, NoticeBoard notices, LovePassbook passbook, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.notices = notices;
        this.passbook = passbook;
        this.events = events;
        this.clock = clock;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(TimeConfig.ZONE));
    }

    /** Called by {@link Activities#confirm}: lists the attendees' hours and puts the list on notice. */
    void publish(Activity act, List<Activities.Checkin> attendees) {
        LocalDateTime now = now();
        for (Activities.Checkin c : attendees) {
            jdbc.sql("""
                    insert into activity_hours (county_code, activity_id, person_id, person_name, village_code, hours, listed_hours)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(act.countyCode(), act.id(), c.personId(), c.personName(), act.villageCode(), act.hours(), act.hours()).update();
        }
        jdbc.sql("insert into activity_hour_lists (county_code, activity_id, village_code, notice_id, status, published_at) values (?, ?, ?, null, 'PUBLISHED', ?)")
                .params(act.countyCode(), act.id(), act.villageCode(), now).update();
        List<org.shanzhi.disclosure.NoticeItem> items = new ArrayList<>();
        for (Activities.Checkin c : attendees) {
            items.add(new org.shanzhi.disclosure.NoticeItem(String.valueOf(c.personId()), maskName(c.personName()),
                    "志愿服务 " + act.hours() + " 小时(1 小时 = 1 分)"));
        }
        long notice = ScopeGuard.asSystem(act.countyCode(), () -> notices.publish(new NewNotice(act.villageCode(), "ACTIVITY_HOURS", SOURCE_TYPE,
                String.valueOf(act.id()), "志愿服务时长公示:" + act.title(),
                "以下志愿者参加了 " + act.startsAt().toLocalDate() + " 的活动「" + act.title() + "」。如有出入请在公示期内提出,组织者更正后记入爱心存折。",
                WINDOW_DAYS, items)));
        jdbc.sql("update activity_hour_lists set notice_id = ? where county_code = ? and activity_id = ?").params(notice, act.countyCode(), act.id()).update();
    }

    static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return "*";
        }
        String n = name.trim();
        return n.charAt(0) + "*".repeat(Math.max(1, n.length() - 1));
    }

    /** The hour list of an activity (null if none was published: not volunteer work, or nobody attended). */
    public HourList hourList(Activity act) {
        return jdbc.sql("select status, notice_id, published_at, final_at from activity_hour_lists where county_code = ? and activity_id = ?")
                .params(act.countyCode(), act.id()).query((rs, i) -> {
                    long n = rs.getLong(2);
                    Long notice = rs.wasNull() ? null : n;
                    java.sql.Timestamp fin = rs.getTimestamp(4);
                    return new HourList(act.id(), rs.getString(1), notice, rs.getTimestamp(3).toLocalDateTime(),
                            fin == null ? null : fin.toLocalDateTime(), lines(act));
                }).optional().orElse(null);
    }

    private List<Line> lines(Activity act) {
        return jdbc.sql("""
                select person_id, person_name, listed_hours, hours, corrected_reason from activity_hours
                where county_code = ? and activity_id = ? order by person_name, person_id""").params(act.countyCode(), act.id())
                .query((rs, i) -> new Line(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5))).list();
    }

    /** The organiser corrects a volunteer's hours while the list is on notice. */
    @Transactional
    public HourList correct(Activity act, long personId, Integer hours, String reason) {
        Actor a = ActivitiesPolicy.organise(act.countyCode(), act.villageCode());
        if (hours == null || hours < 0 || hours > 24) {
            throw new InvalidInputException("hours", "时长应为 0 到 24 小时 / hours 0 to 24");
        }
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new InvalidInputException("reason", "请说明更正原因,最多 200 字 / say why, at most 200 characters");
        }
        HourList list = hourList(act);
        if (list == null) {
            throw new NotFoundException("此活动没有时长名单 / this activity has no hour list");
        }
        // lock the list, check it is still on notice, then update: one table per statement, so the sharded engine
        // takes it (it refuses an UPDATE whose condition reads another sharded table); the lock keeps "final" from
        // slipping in between
        String status = jdbc.sql("select status from activity_hour_lists where county_code = ? and activity_id = ? for update")
                .params(act.countyCode(), act.id()).query(String.class).optional().orElse(null);
        int n = !"PUBLISHED".equals(status) ? 0 : jdbc.sql("""
                update activity_hours set hours = ?, corrected_reason = ?, corrected_by_name = ?, corrected_at = ?
                where county_code = ? and activity_id = ? and person_id = ?""")
                .params(hours, reason.trim(), a.displayName(), now(), act.countyCode(), act.id(), personId).update();
        if (n != 1) {
            if (list.lines().stream().noneMatch(l -> l.personId() == personId)) {
                throw new NotFoundException("此人不在时长名单上 / not on the hour list");
            }
            throw new ConflictException("hours", "时长名单已定稿,不能更正 / the hour list is final");
        }
        events.publishEvent(new Audited(act.countyCode(), "activities.hours_corrected", "activity", String.valueOf(act.id()), null, null,
                "person " + personId + " → " + hours + " h"));
        return hourList(act);
    }

    /** The notice closed: the list is final and its hours go into the love passbooks (once; an upheld line gets nothing). */
    @EventListener
    public void onNoticeClosed(NoticeClosed closed) {
        if (!SOURCE_TYPE.equals(closed.sourceType())) {
            return;
        }
        long activityId = Long.parseLong(closed.sourceId());
        String county = closed.countyCode();
        if (jdbc.sql("update activity_hour_lists set status = 'FINAL', final_at = ? where county_code = ? and activity_id = ? and status = 'PUBLISHED'")
                .params(closed.closedAt(), county, activityId).update() != 1) {
            return;
        }
        var act = jdbc.sql("select title, starts_at from activities where county_code = ? and id = ?").params(county, activityId)
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toLocalDateTime()}).single();
        record Row(long person, String village, int hours) {
        }
        List<Row> rows = jdbc.sql("select person_id, village_code, hours from activity_hours where county_code = ? and activity_id = ?")
                .params(county, activityId).query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getInt(3))).list();
        for (Row r : rows) {
            if (r.hours() > 0 && !closed.upheldItemRefs().contains(String.valueOf(r.person()))) {
                passbook.creditHours(county, r.person(), r.village(), ((LocalDateTime) act[1]).getYear(), r.hours(), (String) act[0],
                        "hours:" + activityId + ":" + r.person(), "公示定稿");
            }
        }
        events.publishEvent(new Audited(county, "activities.hours_final", "activity", String.valueOf(activityId), null, null, rows.size() + " lines"));
    }
}
