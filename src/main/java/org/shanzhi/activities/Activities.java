package org.shanzhi.activities;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.shanzhi.activities.internal.ActivitiesPolicy;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Person;
import org.shanzhi.registry.Registry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Activities and volunteering: post, sign up (places guarded in the UPDATE; a waiting list in order of signing that
 * moves up when someone withdraws), check in by the activity's QR token within its time window and once per person,
 * confirm attendance (volunteer hours go into the love passbook; {@link AttendanceConfirmed} is published per person).
 */
@Service
public class Activities {

    public static final Set<String> ORGANISER_KINDS = Set.of("CADRE", "PARTY_BRANCH", "VOLUNTEER_TEAM");
    public static final Set<String> KINDS = Set.of("VOLUNTEER", "CLEAN_UP", "TRAINING", "MEETING");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Registry registry;
    private final ActivityHourLists hourLists;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public Activities(JdbcClient jdbc, Registry registry, ActivityHourLists hourLists, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.hourLists = hourLists;
        this.events = events;
        this.clock = clock;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(TimeConfig.ZONE));
    }

    @Transactional
    public Activity post(NewActivity cmd) {
        Actor a0 = ActivitiesPolicy.reader();
        if (cmd == null) {
            throw new InvalidInputException("body", "请求体必填 / body is required");
        }
        String village = cmd.villageCode() == null ? "" : cmd.villageCode().trim();
        if (!village.matches("\\d{12}")) {
            throw new InvalidInputException("villageCode", "村代码应为 12 位数字 / a 12-digit village code");
        }
        Actor a = ActivitiesPolicy.organise(a0.countyCode(), village);
        List<FieldError> errors = new ArrayList<>();
        String organiserKind = cmd.organiserKind() == null ? "CADRE" : cmd.organiserKind().trim().toUpperCase();
        if (!ORGANISER_KINDS.contains(organiserKind)) {
            errors.add(new FieldError("organiserKind", "组织者应为 CADRE/PARTY_BRANCH/VOLUNTEER_TEAM"));
        }
        String kind = cmd.kind() == null ? "" : cmd.kind().trim().toUpperCase();
        if (!KINDS.contains(kind)) {
            errors.add(new FieldError("kind", "活动类型应为 VOLUNTEER/CLEAN_UP/TRAINING/MEETING"));
        }
        String title = text(cmd.title(), 100, "title", "活动名称必填,最多 100 字 / title is required, at most 100 characters", errors);
        String place = text(cmd.place(), 200, "place", "地点必填,最多 200 字 / place is required, at most 200 characters", errors);
        String organiser = cmd.organiserName() == null || cmd.organiserName().isBlank() ? a.displayName() : cmd.organiserName().trim();
        if (organiser.length() > 100) {
            errors.add(new FieldError("organiserName", "组织者名称最多 100 字 / at most 100 characters"));
        }
        if (cmd.startsAt() == null || cmd.endsAt() == null || !cmd.endsAt().isAfter(cmd.startsAt())
                || cmd.startsAt().getYear() < 2000 || cmd.endsAt().getYear() > 2200) {
            errors.add(new FieldError("endsAt", "请填写开始和结束时间,结束晚于开始 / start and end, the end after the start"));
        }
        if (cmd.places() == null || cmd.places() < 1 || cmd.places() > 10_000) {
            errors.add(new FieldError("places", "名额应为 1 到 10000 / places 1 to 10,000"));
        }
        int hours = cmd.hours() == null ? 0 : cmd.hours();
        if (hours < 0 || hours > 24) {
            errors.add(new FieldError("hours", "志愿时长应为 0 到 24 小时 / hours 0 to 24"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (!Set.of("VOLUNTEER", "CLEAN_UP").contains(kind)) {
            hours = 0;
        }
        long id = Ids.next();
        String token = HexFormat.of().formatHex(randomBytes());
        jdbc.sql("""
                insert into activities (county_code, id, village_code, organiser_kind, organiser_name, kind, title, place, starts_at, ends_at,
                    places, taken, hours, checkin_token, status, created_by, created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 'OPEN', ?, ?, ?)""")
                .params(a.countyCode(), id, village, organiserKind, organiser, kind, title, place, cmd.startsAt(), cmd.endsAt(), cmd.places(),
                        hours, token, a.accountId(), a.displayName(), now())
                .update();
        events.publishEvent(new Audited(a.countyCode(), "activities.posted", "activity", String.valueOf(id), null, null, title));
        return load(id).orElseThrow();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String text(String v, int max, String field, String message, List<FieldError> errors) {
        String t = v == null ? null : v.trim();
        if (t == null || t.isEmpty() || t.length() > max || t.indexOf('\0') >= 0) {
            errors.add(new FieldError(field, message));
        }
        return t;
    }

    public Activity activity(long id) {
        Actor a = ActivitiesPolicy.reader();
        Activity act = load(id).filter(x -> x.countyCode().equals(a.countyCode())).orElseThrow(() -> new NotFoundException("未找到活动 / no such activity"));
        ActivitiesPolicy.readVillage(a, act.countyCode(), act.villageCode());
        return ActivitiesPolicy.seesToken(a) ? act : withoutToken(act);
    }

    public List<Activity> list(String division) {
        Actor a = ActivitiesPolicy.reader();
        String code = a.territorial() ? ScopeGuard.narrow(division) : a.scopeCode();
        if (!a.territorial() && division != null && !division.isBlank() && !division.equals(code)) {
            throw new NotFoundException("未找到 / not found");
        }
        return jdbc.sql(SELECT + " where county_code = ? and village_code like ? order by starts_at desc, id desc limit 200")
                .params(a.countyCode(), code + "%").query(Activities::map).list().stream()
                .map(x -> ActivitiesPolicy.seesToken(a) ? x : withoutToken(x)).toList();
    }

    private static Activity withoutToken(Activity x) {
        return new Activity(x.id(), x.countyCode(), x.villageCode(), x.organiserKind(), x.organiserName(), x.kind(), x.title(), x.place(),
                x.startsAt(), x.endsAt(), x.places(), x.taken(), x.hours(), null, x.status(), x.confirmedAt());
    }

    public List<Signup> signups(long activityId) {
        Activity act = activity(activityId);
        return jdbc.sql("""
                select id, activity_id, person_id, household_id, person_name, status, signed_at from activity_signups
                where county_code = ? and activity_id = ? and status <> 'WITHDRAWN' order by status, signed_at, id""")
                .params(act.countyCode(), act.id()).query((rs, i) -> new Signup(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toLocalDateTime())).list();
    }

    /**
     * Signs a person up: a place if one is free (taken in the UPDATE itself), else the waiting list. A person who withdrew
     * may sign up again (at the end of the queue).
     */
    @Transactional
    public Signup signUp(long activityId, long personId) {
        Activity act = activity(activityId);
        Person p = person(personId);
        Household h = registry.household(p.householdId());
        ActivitiesPolicy.participate(h.located());
        if (!h.villageCode().equals(act.villageCode()) || !Activity.OPEN.equals(act.status())) {
            throw new ConflictException("activityId", "只能报名本村尚未结束的活动 / only open activities of one's own village");
        }
        if (!now().isBefore(act.endsAt())) {
            throw new ConflictException("activityId", "活动已结束 / the activity is over");
        }
        Signup existing = signup(act, personId);
        if (existing != null && !Signup.WITHDRAWN.equals(existing.status())) {
            return existing;
        }
        boolean placed = jdbc.sql("update activities set taken = taken + 1 where county_code = ? and id = ? and taken < places")
                .params(act.countyCode(), act.id()).update() == 1;
        String status = placed ? Signup.SIGNED : Signup.WAITING;
        LocalDateTime now = now();
        if (existing != null) {
            int n = jdbc.sql("update activity_signups set status = ?, signed_at = ?, changed_at = ? where county_code = ? and id = ? and status = 'WITHDRAWN'")
                    .params(status, now, now, act.countyCode(), existing.id()).update();
            if (n != 1) {
                throw new ConflictException("personId", "报名状态已变化,请刷新 / the sign-up changed, reload");
            }
        } else {
            try {
                jdbc.sql("""
                        insert into activity_signups (county_code, id, activity_id, person_id, household_id, person_name, status, signed_at, changed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(act.countyCode(), Ids.next(), act.id(), personId, h.id(), p.name(), status, now, now).update();
            } catch (DuplicateKeyException raced) {
                throw new ConflictException("personId", "已报名 / already signed up");
            }
        }
        events.publishEvent(new Audited(act.countyCode(), "activities.signed_up", "activity", String.valueOf(act.id()), null, null,
                "person " + personId + " " + status));
        return signup(act, personId);
    }

    /** Withdraws a person; a freed place goes to the first on the waiting list (moved up in the same transaction). */
    @Transactional
    public Signup withdraw(long activityId, long personId) {
        Activity act = activity(activityId);
        Signup s = signup(act, personId);
        if (s == null) {
            throw new NotFoundException("未报名 / not signed up");
        }
        Household h = registry.household(s.householdId());
        ActivitiesPolicy.participate(h.located());
        LocalDateTime now = now();
        int n = jdbc.sql("update activity_signups set status = 'WITHDRAWN', changed_at = ? where county_code = ? and id = ? and status = ?")
                .params(now, act.countyCode(), s.id(), s.status()).update();
        if (n == 1 && Signup.SIGNED.equals(s.status())) {
            moveUp(act, now);
        }
        events.publishEvent(new Audited(act.countyCode(), "activities.withdrawn", "activity", String.valueOf(act.id()), null, null,
                "person " + personId));
        return signup(act, personId);
    }

    /** Hands a freed place to the first waiting sign-up; if nobody waits (or they all raced away) the place is released. */
    private void moveUp(Activity act, LocalDateTime now) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Long first = jdbc.sql("""
                    select id from activity_signups where county_code = ? and activity_id = ? and status = 'WAITING'
                    order by signed_at, id limit 1""").params(act.countyCode(), act.id()).query(Long.class).optional().orElse(null);
            if (first == null) {
                break;
            }
            if (jdbc.sql("update activity_signups set status = 'SIGNED', changed_at = ? where county_code = ? and id = ? and status = 'WAITING'")
                    .params(now, act.countyCode(), first).update() == 1) {
                return;
            }
        }
        jdbc.sql("update activities set taken = taken - 1 where county_code = ? and id = ? and taken > 0").params(act.countyCode(), act.id()).update();
    }

    /** Largest check-in photo kept (bytes). */
    public static final int MAX_PHOTO_BYTES = 3 * 1024 * 1024;

    /** Checks a signed-up person in by the activity's QR token, within its time window, once. */
    @Transactional
    public Checkin checkIn(String token, long personId, String photoRef) {
        return checkIn(token, personId, photoRef, null, null);
    }

    /** Checks in with an optional photo (JPEG, PNG or WebP, kept in the database). */
    @Transactional
    public Checkin checkIn(String token, long personId, byte[] photo, String contentType) {
        if (photo != null && photo.length > 0) {
            String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
            if (!Set.of("image/jpeg", "image/png", "image/webp").contains(type)) {
                throw new InvalidInputException("photo", "照片应为 JPEG、PNG 或 WebP / a JPEG, PNG or WebP photo");
            }
            if (photo.length > MAX_PHOTO_BYTES) {
                throw new InvalidInputException("photo", "照片最大 3 MB / a photo of at most 3 MB");
            }
            return checkIn(token, personId, null, photo, type);
        }
        return checkIn(token, personId, null, null, null);
    }

    private Checkin checkIn(String token, long personId, String photoRef, byte[] photo, String photoType) {
        Actor a = ActivitiesPolicy.reader();
        if (token == null || token.isBlank() || token.length() > 64) {
            throw new InvalidInputException("token", "请扫描活动二维码 / scan the activity's QR code");
        }
        if (photoRef != null && photoRef.length() > 100) {
            throw new InvalidInputException("photoRef", "最多 100 字符 / at most 100 characters");
        }
        Activity act = jdbc.sql(SELECT + " where county_code = ? and checkin_token = ?").params(a.countyCode(), token.trim())
                .query(Activities::map).optional().orElseThrow(() -> new NotFoundException("二维码无效 / unknown QR code"));
        Person p = person(personId);
        Household h = registry.household(p.householdId());
        ActivitiesPolicy.participate(h.located());
        Signup s = signup(act, personId);
        if (s == null || !Signup.SIGNED.equals(s.status())) {
            throw new ConflictException("personId", "未报名或在候补中,不能签到 / not signed up with a place");
        }
        LocalDateTime now = now();
        if (now.isBefore(act.startsAt()) || now.isAfter(act.endsAt())) {
            throw new ConflictException("token", "不在活动时间内,不能签到 / check-in only during the activity");
        }
        long id = Ids.next();
        try {
            jdbc.sql("""
                    insert into activity_checkins (county_code, id, activity_id, person_id, household_id, photo_ref, checked_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(act.countyCode(), id, act.id(), personId, h.id(), photo != null ? "db:" + id : photoRef, now).update();
        } catch (DuplicateKeyException twice) {
            throw new ConflictException("personId", "已签到 / already checked in");
        }
        if (photo != null) {
            jdbc.sql("""
                    insert into activity_checkin_photos (county_code, checkin_id, activity_id, person_id, content_type, size_bytes, data, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(act.countyCode(), id, act.id(), personId, photoType, photo.length, photo, now).update();
        }
        events.publishEvent(new Audited(act.countyCode(), "activities.checked_in", "activity", String.valueOf(act.id()), null, null,
                "person " + personId));
        return new Checkin(act.id(), personId, p.name(), now, photo != null);
    }

    /** A check-in; {@code photo} says whether a photo was taken (read it with {@link #photo}). */
    public record Checkin(long activityId, long personId, String personName, LocalDateTime checkedAt, boolean photo) {
    }

    /** A check-in photo. */
    public record Photo(String contentType, byte[] data) {
    }

    /** The check-in photo of a person at an activity (for whoever may read the activity's check-ins). */
    public Photo photo(long activityId, long personId) {
        Activity act = activity(activityId);
        return jdbc.sql("select content_type, data from activity_checkin_photos where county_code = ? and activity_id = ? and person_id = ?")
                .params(act.countyCode(), act.id(), personId).query((rs, i) -> new Photo(rs.getString(1), rs.getBytes(2))).optional()
                .orElseThrow(() -> new NotFoundException("没有签到照片 / no check-in photo"));
    }

    public List<Checkin> checkins(long activityId) {
        Activity act = activity(activityId);
        return jdbc.sql("""
                select c.activity_id, c.person_id, s.person_name, c.checked_at, c.photo_ref from activity_checkins c
                join activity_signups s on s.county_code = c.county_code and s.activity_id = c.activity_id and s.person_id = c.person_id
                where c.county_code = ? and c.activity_id = ? order by c.checked_at""").params(act.countyCode(), act.id())
                .query((rs, i) -> new Checkin(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toLocalDateTime(),
                        rs.getString(5) != null && rs.getString(5).startsWith("db:"))).list();
    }

    /**
     * The organiser confirms the attendance list (the checked-in persons, or those given that checked in), once: each
     * attendee's volunteer hours go onto the activity's hour list (published to the volunteers, corrected, then final
     * into the love passbook: {@link ActivityHourLists}) and {@link AttendanceConfirmed} is published.
     */
    @Transactional
    public List<Checkin> confirm(long activityId, List<Long> personIds) {
        Activity act = activity(activityId);
        Actor a = ActivitiesPolicy.organise(act.countyCode(), act.villageCode());
        LocalDateTime now = now();
        if (now.isBefore(act.startsAt())) {
            throw new ConflictException("activityId", "活动开始后才能确认出勤 / confirm after the activity started");
        }
        if (jdbc.sql("update activities set status = 'CONFIRMED', confirmed_at = ? where county_code = ? and id = ? and status = 'OPEN'")
                .params(now, act.countyCode(), act.id()).update() != 1) {
            throw new ConflictException("activityId", "出勤名单已确认 / attendance already confirmed");
        }
        List<Checkin> list = checkins(activityId).stream().filter(c -> personIds == null || personIds.isEmpty() || personIds.contains(c.personId())).toList();
        for (Checkin c : list) {
            long household = jdbc.sql("select household_id from activity_checkins where county_code = ? and activity_id = ? and person_id = ?")
                    .params(act.countyCode(), act.id(), c.personId()).query(Long.class).single();
            jdbc.sql("""
                    insert into activity_attendance (county_code, activity_id, person_id, household_id, village_code, hours, confirmed_by_name, confirmed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(act.countyCode(), act.id(), c.personId(), household, act.villageCode(), act.hours(), a.displayName(), now).update();
            events.publishEvent(new AttendanceConfirmed(act.countyCode(), act.villageCode(), household, c.personId(), act.id(), act.kind(),
                    act.title(), act.startsAt().toLocalDate(), act.hours()));
        }
        if (act.hours() > 0 && !list.isEmpty()) {
            hourLists.publish(act, list);
        }
        events.publishEvent(new Audited(act.countyCode(), "activities.confirmed", "activity", String.valueOf(act.id()), null, null,
                list.size() + " attended"));
        return list;
    }

    private Person person(long personId) {
        try {
            return registry.person(personId);
        } catch (NotFoundException e) {
            throw new NotFoundException("未找到此人 / no such person");
        }
    }

    private Signup signup(Activity act, long personId) {
        return jdbc.sql("""
                select id, activity_id, person_id, household_id, person_name, status, signed_at from activity_signups
                where county_code = ? and activity_id = ? and person_id = ?""").params(act.countyCode(), act.id(), personId)
                .query((rs, i) -> new Signup(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                        rs.getTimestamp(7).toLocalDateTime())).optional().orElse(null);
    }

    private static final String SELECT = """
            select id, county_code, village_code, organiser_kind, organiser_name, kind, title, place, starts_at, ends_at, places, taken, hours,
                checkin_token, status, confirmed_at from activities""";

    private java.util.Optional<Activity> load(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(Activities::map).optional();
    }

    private static Activity map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        java.sql.Timestamp confirmed = rs.getTimestamp(16);
        return new Activity(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getTimestamp(9).toLocalDateTime(), rs.getTimestamp(10).toLocalDateTime(), rs.getInt(11), rs.getInt(12),
                rs.getInt(13), rs.getString(14), rs.getString(15), confirmed == null ? null : confirmed.toLocalDateTime());
    }
}
