package org.shanzhi.identity;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.shanzhi.common.Ids;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Placeholders of the activities endpoints (issue 13), made fresh per request and only when a line uses them:
 * {activity} an open activity of the role's (inside or outside) village with an hour list and, when the role's
 * household lives there, its person signed up and checked in with a photo; {activityToken} the check-in token of a
 * fresh activity of the role's household's village; {openActivity} like {activity} but nobody checked in yet (to confirm);
 * {activityToken} the token of a fresh activity of the role's household's village that its person signed up for; {cardEntry} a proposed entry on a
 * household card of the village; {fundPayout} a credit-fund payout of the village.
 */
class ActivitiesAccessFixtures {

    private final JdbcTemplate jdbc;

    ActivitiesAccessFixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, String> extend(Map<String, String> base, long[] household, String village) {
        Map<String, Supplier<String>> lazy = new HashMap<>();
        lazy.put("activity", () -> String.valueOf(activity(village, household, true)));
        lazy.put("openActivity", () -> String.valueOf(activity(village, household, false)));
        lazy.put("activityToken", () -> {
            long id = activity(String.valueOf(household[1]), household, false);
            return jdbc.queryForObject("select checkin_token from activities where id = ?", String.class, id);
        });
        lazy.put("cardEntry", () -> String.valueOf(cardEntry(village, household)));
        lazy.put("fundPayout", () -> String.valueOf(payout(village)));
        return new HashMap<>() {
            @Override
            public String get(Object key) {
                if (lazy.containsKey(key)) {
                    return computeIfAbsent((String) key, k -> lazy.get(k).get());
                }
                return base.get(key);
            }
        };
    }

    private long person(long household) {
        return jdbc.queryForObject("select min(id) from persons where household_id = ?", Long.class, household);
    }

    private long activity(String village, long[] household, boolean checkedIn) {
        String county = village.substring(0, 6);
        long id = Ids.next();
        LocalDateTime now = LocalDateTime.now();
        jdbc.update("""
                insert into activities (county_code, id, village_code, organiser_kind, organiser_name, kind, title, place, starts_at, ends_at,
                    places, taken, hours, checkin_token, status, created_by, created_by_name, created_at)
                values (?, ?, ?, 'CADRE', '测试', 'VOLUNTEER', '测试活动', '村委会', ?, ?, 10, 0, 2, ?, 'OPEN', -1, '测试', ?)""",
                county, id, village, LocalDateTime.of(2026, 1, 1, 0, 0), LocalDateTime.of(2099, 1, 1, 0, 0), "t" + id + "x" + Ids.next(), now);
        if (String.valueOf(household[1]).equals(village)) {
            long person = person(household[0]);
            jdbc.update("""
                    insert into activity_signups (county_code, id, activity_id, person_id, household_id, person_name, status, signed_at, changed_at)
                    values (?, ?, ?, ?, ?, '测试户主', 'SIGNED', ?, ?)""", county, Ids.next(), id, person, household[0], now, now);
            jdbc.update("update activities set taken = 1 where id = ?", id);
            if (checkedIn) {
                long checkin = Ids.next();
                jdbc.update("insert into activity_checkins (county_code, id, activity_id, person_id, household_id, photo_ref, checked_at) values (?, ?, ?, ?, ?, ?, ?)",
                        county, checkin, id, person, household[0], "db:" + checkin, now);
                jdbc.update("""
                        insert into activity_checkin_photos (county_code, checkin_id, activity_id, person_id, content_type, size_bytes, data, created_at)
                        values (?, ?, ?, ?, 'image/png', 4, ?, ?)""", county, checkin, id, person, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, now);
                jdbc.update("insert into activity_hour_lists (county_code, activity_id, village_code, notice_id, status, published_at) values (?, ?, ?, null, 'PUBLISHED', ?)",
                        county, id, village, now);
                jdbc.update("insert into activity_hours (county_code, activity_id, person_id, person_name, village_code, hours, listed_hours) values (?, ?, ?, '测试户主', ?, 2, 2)",
                        county, id, person, village);
            }
        }
        return id;
    }

    private long cardEntry(String village, long[] household) {
        String county = village.substring(0, 6);
        long h = String.valueOf(household[1]).equals(village) ? household[0]
                : jdbc.queryForObject("select min(id) from households where village_code = ?", Long.class, village);
        long id = Ids.next();
        jdbc.update("""
                insert into card_entries (county_code, id, village_code, household_id, kind, aspect, item, points, year_no, status, round_no,
                    group_id, group_size, proposed_by_name, proposed_at)
                values (?, ?, ?, ?, 'BASIC', '环境卫生', '测试', 2, 2026, 'PROPOSED', 1, -1, 3, '测试', ?)""", county, id, village, h, LocalDateTime.now());
        return id;
    }

    private long payout(String village) {
        long id = Ids.next();
        jdbc.update("""
                insert into fund_payouts (county_code, id, village_code, quarter, pool_fen, weighted_points, status, created_by_name, created_at)
                values (?, ?, ?, ?, 100, 1, 'PUBLISHED', '测试', ?)""", village.substring(0, 6), id, village, "T" + (id % 1_000_000), LocalDateTime.now());
        return id;
    }
}
