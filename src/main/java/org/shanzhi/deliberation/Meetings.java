package org.shanzhi.deliberation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.deliberation.internal.Check;
import org.shanzhi.deliberation.internal.DeliberationPolicy;
import org.shanzhi.territory.Level;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Meetings: scheduled with at least the county's notice (米易: topics reported 3 days ahead, 001 L270), then
 * recorded as held with attendance and minutes once they have started.
 */
@Service
public class Meetings {

    /** Command: schedule a meeting (optionally of a body and about a matter). */
    public record NewMeeting(String villageCode, String kind, String title, String agenda, String place,
            LocalDateTime startsAt, Long bodyId, Long matterId) {
    }

    /** Command: record the meeting as held. {@code expected} defaults to the body's member count. */
    public record Held(Integer expected, Integer present, String attendees, String minutes) {
    }

    private static final String SELECT = """
            select county_code, id, village_code, kind, title, agenda, place, starts_at, noticed_at, notice_days, body_id, matter_id,
                   state, expected, present, attendees, minutes_text, recorded_at
            from meetings""";

    private final JdbcClient jdbc;
    private final Matters matters;
    private final Bodies bodies;
    private final DeliberationSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Meetings(JdbcClient jdbc, Matters matters, Bodies bodies, DeliberationSettings settings, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.matters = matters;
        this.bodies = bodies;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Meeting schedule(NewMeeting cmd) {
        Check check = new Check();
        String village = matters.villageCode(check, cmd.villageCode());
        MeetingKind kind = check.choice("kind", cmd.kind(), MeetingKind.class, true);
        String title = check.text("title", cmd.title(), 200, true);
        String agenda = check.text("agenda", cmd.agenda(), 4000, true);
        String place = check.text("place", cmd.place(), 200, false);
        if (cmd.startsAt() == null) {
            check.add("startsAt", "必填 / required");
        }
        check.done();
        Actor a = DeliberationPolicy.requireCadre(village);
        String county = Level.countyOf(village);
        int days = settings.of(county).meetingNoticeDays();
        LocalDateTime now = LocalDateTime.now(clock);
        if (cmd.startsAt().isBefore(now.plusDays(days))) {
            throw new InvalidInputException("startsAt", "会议须至少提前 " + days + " 天通知,最早可定于 " + now.plusDays(days).withNano(0)
                    + " / a meeting needs at least " + days + " days' notice");
        }
        if (cmd.startsAt().isAfter(now.plusYears(1))) {
            throw new InvalidInputException("startsAt", "最多提前一年安排 / at most a year ahead");
        }
        if (cmd.bodyId() != null && jdbc.sql("select count(*) from deliberative_bodies where county_code = ? and id = ? and village_code = ?")
                .params(county, cmd.bodyId(), village).query(Long.class).single() == 0) {
            throw new InvalidInputException("bodyId", "本村没有该组织 / no such body in this village");
        }
        if (cmd.matterId() != null && jdbc.sql("select count(*) from matters where county_code = ? and id = ? and village_code = ?")
                .params(county, cmd.matterId(), village).query(Long.class).single() == 0) {
            throw new InvalidInputException("matterId", "本村没有该事项 / no such matter in this village");
        }
        long id = Ids.next();
        jdbc.sql("""
                insert into meetings (county_code, id, village_code, kind, title, agenda, place, starts_at, noticed_at, notice_days, body_id,
                                      matter_id, state, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SCHEDULED', ?)""")
                .params(county, id, village, kind.name(), title, agenda, place, cmd.startsAt(), now, days, cmd.bodyId(), cmd.matterId(),
                        a.accountId())
                .update();
        events.publishEvent(new Audited(county, "meeting.scheduled", "meeting", String.valueOf(id), null, null,
                "kind=" + kind + ", startsAt=" + cmd.startsAt() + ", notice=" + days + "d"));
        return meeting(id);
    }

    @Transactional
    public Meeting recordHeld(long id, Held cmd) {
        Meeting m = meeting(id);
        DeliberationPolicy.requireCadre(m.villageCode());
        Check check = new Check();
        Integer expected = cmd.expected();
        if (expected == null && m.bodyId() != null) {
            expected = bodies.load(m.bodyId()).members().size();
        }
        expected = check.count("expected", expected, 1, 100_000, true);
        Integer present = check.count("present", cmd.present(), 0, 100_000, true);
        String attendees = check.text("attendees", cmd.attendees(), 4000, false);
        String minutes = check.text("minutes", cmd.minutes(), 8000, true);
        if (present != null && expected != null && present > expected) {
            check.add("present", "实到人数不能多于应到人数 / present cannot exceed expected");
        }
        check.done();
        if (!"SCHEDULED".equals(m.state())) {
            throw new ConflictException("state", "会议已记录 / the meeting is already recorded");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        if (now.isBefore(m.startsAt())) {
            throw new ConflictException("startsAt", "会议尚未开始,不能记录 / the meeting has not started yet");
        }
        int changed = jdbc.sql("update meetings set state = 'HELD', expected = ?, present = ?, attendees = ?, minutes_text = ?, recorded_at = ? where county_code = ? and id = ? and state = 'SCHEDULED'")
                .params(expected, present, attendees, minutes, now, m.countyCode(), id).update();
        if (changed == 0) {
            throw new ConflictException("state", "会议已记录 / the meeting is already recorded");
        }
        events.publishEvent(new Audited(m.countyCode(), "meeting.held", "meeting", String.valueOf(id), null, "state=SCHEDULED",
                "present=" + present + "/" + expected));
        return meeting(id);
    }

    public Meeting meeting(long id) {
        Meeting m = jdbc.sql(SELECT + " where id = ?").param(id).query(Meetings::map).optional()
                .orElseThrow(() -> new NotFoundException("会议不存在 / no such meeting"));
        DeliberationPolicy.requireRead(m.villageCode());
        return m;
    }

    public Page<Meeting> list(String division, int page, int size) {
        Page.check(page, size);
        String code = DeliberationPolicy.requireList(division);
        String where = " where county_code = ? and village_code like ?";
        long total = jdbc.sql("select count(*) from meetings" + where).params(Level.countyOf(code), Matters.prefix(code)).query(Long.class).single();
        List<Meeting> items = jdbc.sql(SELECT + where + " order by starts_at desc, id desc limit ? offset ?")
                .params(Level.countyOf(code), Matters.prefix(code), size, (long) page * size).query(Meetings::map).list();
        return new Page<>(items, page, size, total);
    }

    private static Meeting map(ResultSet rs, int i) throws SQLException {
        MeetingKind kind = MeetingKind.valueOf(rs.getString("kind"));
        return new Meeting(rs.getLong("id"), rs.getString("county_code"), rs.getString("village_code"), kind, kind.label(),
                rs.getString("title"), rs.getString("agenda"), rs.getString("place"), rs.getObject("starts_at", LocalDateTime.class),
                rs.getObject("noticed_at", LocalDateTime.class), rs.getInt("notice_days"), rs.getObject("body_id", Long.class),
                rs.getObject("matter_id", Long.class), rs.getString("state"), rs.getObject("expected", Integer.class),
                rs.getObject("present", Integer.class), rs.getString("attendees"), rs.getString("minutes_text"),
                rs.getObject("recorded_at", LocalDateTime.class));
    }
}
