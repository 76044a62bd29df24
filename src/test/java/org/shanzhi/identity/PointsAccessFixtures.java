package org.shanzhi.identity;

import org.shanzhi.support.StoredScores;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.shanzhi.common.Ids;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Placeholders of the points and disclosure endpoints (issue 4), made on demand: each request gets its own fresh
 * record (a draft scheme, an event in the wanted state, a notice, an objection, a list entry) in the role's
 * household or village, inside or outside its scope, so one role's change never decides another's answer.
 */
class PointsAccessFixtures {

    static final String HOME_VILLAGE = "469030202200";

    private final JdbcTemplate jdbc;
    private String homeItem;

    PointsAccessFixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The values map, with this module's placeholders computed only when a line asks for them. */
    Map<String, String> extend(Map<String, String> base, long[] household, String village) {
        Map<String, Supplier<String>> lazy = new HashMap<>();
        lazy.put("item", this::homeItem);
        lazy.put("freshHousehold", () -> String.valueOf(freshHousehold(household)));
        lazy.put("event", () -> String.valueOf(event(household, "DECLARED", 2, "2026-03")));
        lazy.put("verifiedEvent", () -> String.valueOf(event(household, "VERIFIED", 2, "2026-02")));
        lazy.put("reviewedPeriod", () -> {
            event(household, "REVIEWED", 2, "2026-01");
            return "2026-01";
        });
        Map<String, String> photo = new HashMap<>();
        Runnable makePhoto = () -> {
            if (!photo.containsKey("e")) {
                long e = event(household, "DECLARED", 2, "2026-03");
                long id = Ids.next();
                String hv = String.valueOf(household[1]);
                jdbc.update("""
                        insert into points_event_photos (county_code, id, event_id, position, content_type, size_bytes, data, created_at)
                        values (?, ?, ?, 0, 'image/png', 8, ?, ?)""", hv.substring(0, 6), id, e,
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, LocalDateTime.now());
                photo.put("e", String.valueOf(e));
                photo.put("p", String.valueOf(id));
            }
        };
        lazy.put("photoEvent", () -> {
            makePhoto.run();
            return photo.get("e");
        });
        lazy.put("eventPhoto", () -> {
            makePhoto.run();
            return photo.get("p");
        });
        lazy.put("creditedEvent", () -> String.valueOf(credited(household)));
        lazy.put("pointsRectification", () -> String.valueOf(rectification(household)));
        lazy.put("listEntry", () -> String.valueOf(blackEntry(household)));
        Map<String, String> notice = new HashMap<>();
        lazy.put("notice", () -> String.valueOf(notice(village)));
        lazy.put("objectionNotice", () -> notice.computeIfAbsent("n", k -> String.valueOf(notice(village))));
        lazy.put("objection", () -> String.valueOf(objection(Long.parseLong(notice.computeIfAbsent("n", k -> String.valueOf(notice(village)))))));
        Map<String, String> scheme = new HashMap<>();
        Runnable makeScheme = () -> {
            if (!scheme.containsKey("s")) {
                long[] ids = scheme(village);
                scheme.put("s", String.valueOf(ids[0]));
                scheme.put("item", String.valueOf(ids[1]));
            }
        };
        lazy.put("scheme", () -> {
            makeScheme.run();
            return scheme.get("s");
        });
        lazy.put("schemeItem", () -> {
            makeScheme.run();
            return scheme.get("item");
        });
        return new HashMap<>(base) {
            @Override
            public String get(Object key) {
                if (!containsKey(key) && lazy.containsKey(key)) {
                    put((String) key, lazy.get(key).get());
                }
                // the base may make its own placeholders lazily (cases)
                return containsKey(key) ? super.get(key) : base.get(key);
            }
        };
    }

    /** An item of the scheme in force in 便文村 that anyone may record, with no evidence and no cap. */
    private String homeItem() {
        if (homeItem == null) {
            homeItem = String.valueOf(jdbc.queryForObject("""
                    select min(i.id) from points_items i join points_schemes s on s.id = i.scheme_id
                    where s.owner_code = ? and s.status = 'ADOPTED' and s.template = false and s.effective_from <= ?
                    and i.recorders = 'SELF,OTHERS,GROUP_LEADER,GRID_WORKER,CADRE' and i.evidence_required = false
                    and i.cap_per_period is null and i.sign = '+'""", Long.class, HOME_VILLAGE, LocalDate.of(2026, 3, 3)));
        }
        return homeItem;
    }

    /** A new household next to the role's one (same village and grid), never nominated, never on a list. */
    private long freshHousehold(long[] h) {
        long id = Ids.next();
        String village = String.valueOf(h[1]);
        jdbc.update("""
                insert into households (id, county_code, village_code, group_code, grid_id, number, address, phone, tags, extra, created_at)
                values (?, ?, ?, null, ?, ?, '测试', null, '', null, ?)""",
                id, village.substring(0, 6), village, h[2] == 0 ? null : h[2], "PF" + id, LocalDateTime.now());
        return id;
    }

    private long event(long[] h, String status, long points, String month) {
        long id = Ids.next();
        String village = String.valueOf(h[1]);
        jdbc.update("""
                insert into score_events (county_code, id, village_code, group_code, grid_id, household_id, subject_type, subject_id,
                    subject_label, scheme_id, item_id, category, item_name, points, veto, occurred_on, period_month, source, description,
                    status, recorded_by, recorded_by_name, recorded_at)
                values (?, ?, ?, null, ?, ?, 'HOUSEHOLD', ?, '测试户', 0, 0, '热心公益', '测试事项', ?, false, ?, ?, 'RECORDED', '测试', ?, -1,
                    '测试', ?)""",
                village.substring(0, 6), id, village, h[2] == 0 ? null : h[2], h[0], h[0], points, LocalDate.parse(month + "-15"), month,
                status, LocalDateTime.now());
        return id;
    }

    private long credited(long[] h) {
        long id = event(h, "CREDITED", 2, "2026-02");
        String village = String.valueOf(h[1]);
        jdbc.update("""
                insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, year_no, period_month,
                    points, kind, event_id, reason, created_by_name, created_at, idempotency_key)
                values (?, ?, 'HOUSEHOLD', ?, ?, ?, 2026, '2026-02', 2, 'CREDIT', ?, '测试', '测试', ?, ?)""",
                village.substring(0, 6), Ids.next(), h[0], h[0], village, id, LocalDateTime.now(), "credit:" + id);
        StoredScores.add(jdbc, village.substring(0, 6), village, "2026-02", h[0], 2, "CREDIT");
        return id;
    }

    private long rectification(long[] h) {
        long event = event(h, "VERIFIED", -3, "2026-03");
        long id = Ids.next();
        String village = String.valueOf(h[1]);
        jdbc.update("""
                insert into points_rectifications (county_code, id, event_id, village_code, household_id, issued_at, deadline, status)
                values (?, ?, ?, ?, ?, ?, ?, 'OPEN')""",
                village.substring(0, 6), id, event, village, h[0], LocalDateTime.now(), LocalDateTime.of(2099, 1, 1, 0, 0));
        return id;
    }

    private long blackEntry(long[] h) {
        long id = Ids.next();
        String village = String.valueOf(h[1]);
        jdbc.update("""
                insert into points_list_entries (county_code, id, village_code, period_key, list_type, subject_type, subject_id, household_id,
                    subject_label, score, status, probation_until, created_at)
                values (?, ?, ?, ?, 'BLACK', 'HOUSEHOLD', ?, ?, '测试户', 90, 'PENDING_CHECK', ?, ?)""",
                village.substring(0, 6), id, village, "F" + (id % 10_000_000), h[0], h[0], LocalDate.of(2000, 1, 1), LocalDateTime.now());
        return id;
    }

    private long notice(String village) {
        long id = Ids.next();
        LocalDateTime now = LocalDateTime.now();
        jdbc.update("""
                insert into notices (county_code, id, village_code, kind, title, window_days, published_at, window_end, status, created_at)
                values (?, ?, ?, 'VILLAGE_AFFAIRS', '测试公示', 7, ?, ?, 'OPEN', ?)""",
                village.substring(0, 6), id, village, now, LocalDateTime.of(2099, 1, 1, 0, 0), now);
        jdbc.update("insert into notice_items (county_code, notice_id, \"position\", item_ref, subject, content) values (?, ?, 0, 'x1', '测试户', '测试内容')",
                village.substring(0, 6), id);
        return id;
    }

    private long objection(long noticeId) {
        long id = Ids.next();
        String county = jdbc.queryForObject("select county_code from notices where id = ?", String.class, noticeId);
        jdbc.update("""
                insert into notice_objections (county_code, id, notice_id, item_ref, objector_id, objector_name, reason, created_at, status)
                values (?, ?, ?, 'x1', -1, '测试村民', '测试异议', ?, 'PENDING')""", county, id, noticeId, LocalDateTime.now());
        return id;
    }

    /** A draft village scheme with one item (so it can be adopted): its id and the item's. */
    private long[] scheme(String village) {
        long id = Ids.next();
        String county = village.substring(0, 6);
        jdbc.update("""
                insert into points_schemes (county_code, id, lineage_id, version, owner_code, template, name, status, subject_type, base_score,
                    review_day, notice_cycle, notice_days, settlement, redemption, veto_ranking, star_mode, star1, star2, star3, list_mode,
                    red_size, black_size, black_probation_days, group_rule, rectification_days, created_at)
                values (?, ?, ?, 1, ?, false, '测试方案', 'DRAFT', 'HOUSEHOLD', 100, 28, 'MONTH', 7, 'RESET', 'SPENDABLE', 'EXCLUDE', 'SHARE',
                    60, 30, 10, 'COUNT', 10, 5, 90, 'ALL_PASS', 14, ?)""", county, id, id, village, LocalDateTime.now());
        long item = Ids.next();
        jdbc.update("""
                insert into points_items (county_code, id, scheme_id, "position", category, name, sign, points, evidence_required, recorders, veto,
                    affects_subsidy) values (?, ?, ?, 1, '热心公益', '测试事项', '+', 2, false, 'CADRE', false, false)""", county, item, id);
        return new long[] {id, item};
    }
}
