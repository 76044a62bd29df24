package org.shanzhi.identity;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.shanzhi.common.Ids;
import org.shanzhi.registry.IdNumber;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * For each role, the things inside its scope (IN) and just outside it (OUT): a household, its head, its
 * village and grid. Another county (469025) and a household of another township are created here, so
 * every role has a real "outside". Modules that add endpoints add their placeholders in {@link #values}.
 */
public class AccessFixtures {

    public static final List<String> ROLES = List.of("CA", "AU", "DS", "TA", "VC", "VS", "GW", "PC", "ME", "VI", "AN");
    public static final Map<String, String> USERNAMES = Map.of("CA", "county_admin", "AU", "auditor", "DS", "dept_civil",
            "TA", "township_admin", "VC", "village_cadre", "VS", "village_supervisor", "GW", "grid_worker",
            "PC", "party_center", "ME", "merchant", "VI", "villager");

    static final String OTHER_COUNTY = "469025";
    static final String OTHER_COUNTY_VILLAGE = "469025100201";
    static final String OTHER_TOWNSHIP_VILLAGE = "469030100001";
    static final String HOME_VILLAGE = "469030202200";
    static final String NEIGHBOUR_VILLAGE = "469030202201";

    private static final AtomicInteger UNIQ = new AtomicInteger((int) (System.nanoTime() % 100_000));

    private final JdbcTemplate jdbc;
    /** A household (id, village, grid) for each kind of place. */
    private final Map<String, long[]> households = new HashMap<>();

    public AccessFixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        setUp();
    }

    private void setUp() {
        if (jdbc.queryForObject("select count(*) from divisions where code = ?", Long.class, OTHER_COUNTY) == 0) {
            jdbc.update("insert into divisions (code, name, level, parent_code, county_code) values (?, '白沙黎族自治县', 'COUNTY', null, ?)", OTHER_COUNTY, OTHER_COUNTY);
            jdbc.update("insert into divisions (code, name, level, parent_code, county_code) values ('469025100', '牙叉镇', 'TOWNSHIP', ?, ?)", OTHER_COUNTY, OTHER_COUNTY);
            jdbc.update("insert into divisions (code, name, level, parent_code, county_code) values (?, '测试村委会', 'VILLAGE', '469025100', ?)", OTHER_COUNTY_VILLAGE, OTHER_COUNTY);
        }
        Map<String, Object> villager = jdbc.queryForMap("select a.household_id, h.grid_id, a.scope_code from accounts a join households h on h.id = a.household_id where a.username = 'villager'");
        long villagerHousehold = ((Number) villager.get("household_id")).longValue();
        long homeGrid = ((Number) villager.get("grid_id")).longValue();
        long center = jdbc.queryForObject("select household_id from accounts where username = 'party_center'", Long.class);
        households.put("villager", row(villagerHousehold));
        households.put("otherCounty", ensureHousehold(OTHER_COUNTY, OTHER_COUNTY_VILLAGE, "OC-1"));
        households.put("otherTownship", ensureHousehold("469030", OTHER_TOWNSHIP_VILLAGE, "OT-1"));
        households.put("neighbourVillage", row(jdbc.queryForObject("select min(id) from households where village_code = ?", Long.class, NEIGHBOUR_VILLAGE)));
        households.put("otherGrid", row(jdbc.queryForObject("select min(id) from households where village_code = ? and grid_id <> ?", Long.class, HOME_VILLAGE, homeGrid)));
        households.put("linked", row(jdbc.queryForObject("select min(household_id) from household_links where center_id = ?", Long.class, center)));
        households.put("notLinked", row(jdbc.queryForObject("""
                select min(id) from households where village_code = ? and id <> ? and id not in
                (select household_id from household_links where center_id = ?)""", Long.class, HOME_VILLAGE, center, center)));
        households.put("sameVillageOther", row(jdbc.queryForObject("select min(id) from households where village_code = ? and id <> ?", Long.class, HOME_VILLAGE, villagerHousehold)));
    }

    private long[] row(long householdId) {
        Map<String, Object> r = jdbc.queryForMap("select id, village_code, grid_id from households where id = ?", householdId);
        return new long[] {householdId, Long.parseLong((String) r.get("village_code")), r.get("grid_id") == null ? 0 : ((Number) r.get("grid_id")).longValue()};
    }

    private long[] ensureHousehold(String county, String village, String number) {
        Long existing = jdbc.query("select id from households where county_code = ? and number = ?", rs -> rs.next() ? rs.getLong(1) : null, county, number);
        if (existing != null) {
            return row(existing);
        }
        long grid = Ids.next();
        jdbc.update("insert into grids (id, county_code, village_code, name, created_at) values (?, ?, ?, '测试网格', ?)", grid, county, village, LocalDateTime.now());
        long hid = Ids.next();
        jdbc.update("insert into households (id, county_code, village_code, group_code, grid_id, number, address, phone, tags, extra, created_at) values (?, ?, ?, null, ?, ?, '测试', null, '', null, ?)",
                hid, county, village, grid, number, LocalDateTime.now());
        LocalDate born = LocalDate.of(1970, 1, 1);
        jdbc.update("insert into persons (id, county_code, household_id, village_code, name, initials, gender, birth_date, id_number, id_last4, phone, relation, tags, created_at) values (?, ?, ?, ?, '测试户主', 'cshz', 'M', ?, ?, ?, null, '户主', '', ?)",
                Ids.next(), county, hid, village, born, IdNumber.of(county, born, 901), IdNumber.of(county, born, 901).substring(14), LocalDateTime.now());
        return row(hid);
    }

    /** The household a role finds inside (in = true) or just outside its scope. */
    long[] household(String role, boolean in) {
        return switch (role) {
            case "CA", "AU", "DS" -> in ? households.get("villager") : households.get("otherCounty");
            case "TA" -> in ? households.get("villager") : households.get("otherTownship");
            case "GW" -> in ? households.get("villager") : households.get("otherGrid");
            case "PC" -> in ? households.get("linked") : households.get("notLinked");
            case "VI" -> in ? households.get("villager") : households.get("sameVillageOther");
            default -> in ? households.get("villager") : households.get("neighbourVillage");
        };
    }

    String village(String role, boolean in) {
        return switch (role) {
            case "CA", "AU", "DS" -> in ? HOME_VILLAGE : OTHER_COUNTY_VILLAGE;
            case "TA" -> in ? HOME_VILLAGE : OTHER_TOWNSHIP_VILLAGE;
            default -> in ? HOME_VILLAGE : NEIGHBOUR_VILLAGE;
        };
    }

    /** Every placeholder's value for a role and side. */
    public Map<String, String> values(String role, boolean in) {
        Map<String, String> v = new HashMap<>();
        long[] h = household(role, in);
        v.put("household", String.valueOf(h[0]));
        v.put("householdGrid", String.valueOf(h[2]));
        v.put("person", String.valueOf(jdbc.queryForObject("select min(id) from persons where household_id = ?", Long.class, h[0])));
        v.put("village", village(role, in));
        int uniq = UNIQ.incrementAndGet();
        v.put("uniq", String.valueOf(uniq));
        LocalDate born = LocalDate.of(2001, 1, 1).plusDays(uniq % 3000);
        v.put("birth", born.toString());
        v.put("idNumber", IdNumber.of("469030", born, 1 + (uniq % 499) * 2));
        monitoringValues(v, role, in, h[0]);

        // ---- deliberation ------------------------------------------------------------------------
        Map<String, Long> d = deliberation().get(village(role, in));
        for (String k : List.of("proposal", "matter", "meeting", "body", "bodyMember", "vote", "banquet", "powerCase", "disclosure")) {
            v.put(k, String.valueOf(d.get(k)));
        }
        v.put("powerItem", String.valueOf(deliberation().get(in ? "item:469030" : "item:" + OTHER_COUNTY).get("item")));
        v.put("period", java.time.YearMonth.of(1990 + uniq % 30, 1 + uniq % 12).toString());
        v.put("typeCode", "T" + uniq);
        v.put("matterType", "DIBAO");
        v.put("template", "qiongzhong");
        v.put("position", "1");

        // ---- cases (issue 6) ---------------------------------------------------------------------------
        v.put("today", "2026-03-03");
        v.put("caseLevel", "GROUP");
        v.put("mediator", String.valueOf(countyMediator()));
        // ---- points and disclosure (issue 4): fresh records per request, made only when a line uses them ----
        if (points == null) {
            points = new PointsAccessFixtures(jdbc);
        }
        // ---- rewards (issue 5): counters, goods, codes and dividend runs, made only when a line uses them ----
        if (rewards == null) {
            rewards = new RewardsAccessFixtures(jdbc);
        }
        Map<String, String> chained = rewards.extend(points.extend(new CaseFixtures(v, h), h, village(role, in)), h, village(role, in));
        // ---- activities: 三资 and 便民代办 (issue 13) ----------------------------------------------------
        if (assets == null) {
            assets = new AssetsAccessFixtures(jdbc);
        }
        chained = assets.extend(chained, h, village(role, in));
        // ---- activities (issue 13): activities, hour lists, card entries and fund payouts, made only when a line uses them ----
        if (activities == null) {
            activities = new ActivitiesAccessFixtures(jdbc);
        }
        return activities.extend(chained, h, village(role, in));
    }

    private AssetsAccessFixtures assets;
    private ActivitiesAccessFixtures activities;

    private PointsAccessFixtures points;
    private RewardsAccessFixtures rewards;

    // ---- cases (issue 6) -------------------------------------------------------------------------------

    /** The county-wide mediator of 琼中 (the demo data has one; made here if not). */
    private long countyMediator() {
        Long id = jdbc.queryForObject("select min(id) from case_mediators where county_code = '469030' and division_code = '469030'", Long.class);
        if (id != null) {
            return id;
        }
        long made = Ids.next();
        jdbc.update("insert into case_mediators (county_code, id, division_code, tier, name, created_at) values ('469030', ?, '469030', 'COUNTY', '测试调解中心', ?)",
                made, LocalDateTime.now());
        return made;
    }

    /**
     * Case placeholders, each a fresh case at the role's household (IN or OUT) made only when a line names it:
     * {case} (dispatched), {caseReported} ... {caseRated} (rated not satisfied), {caseWhistled} (a pending
     * whistle to 民政局), {dispute} (dispatched), {disputeFailed}, {disputeAgreed}, {photoCase} with {photo}.
     * Every one is sent to 民政局, the demo department, so its staff see the IN ones.
     */
    private final class CaseFixtures extends HashMap<String, String> {

        private final long[] household;

        CaseFixtures(Map<String, String> values, long[] household) {
            super(values);
            this.household = household;
        }

        @Override
        public String get(Object key) {
            String k = (String) key;
            String have = super.get(k);
            if (have != null || !k.startsWith("case") && !k.startsWith("dispute") && !k.startsWith("photo")) {
                return have;
            }
            switch (k) {
                case "case" -> put(k, make("DISPATCHED", false, null));
                case "caseReported" -> put(k, make("REPORTED", false, null));
                case "caseAccepted" -> put(k, make("ACCEPTED", false, null));
                case "caseDispatched" -> put(k, make("DISPATCHED", false, null));
                case "caseHandled" -> put(k, make("HANDLED", false, null));
                case "caseFeedback" -> put(k, make("FEEDBACK", false, null));
                case "caseRated" -> put(k, make("RATED", false, null));
                case "caseWhistled" -> {
                    String id = make("ACCEPTED", false, null);
                    long whistle = Ids.next();
                    LocalDateTime t = LocalDateTime.of(2026, 3, 3, 8, 30);
                    String county = county();
                    jdbc.update("insert into case_whistles (county_code, id, case_id, blown_at, hours, note) values (?, ?, ?, ?, 24, '测试')",
                            county, whistle, Long.parseLong(id), t);
                    jdbc.update("insert into case_whistle_calls (county_code, whistle_id, case_id, department, blown_at, due_at) values (?, ?, ?, '民政局', ?, ?)",
                            county, whistle, Long.parseLong(id), t, t.plusYears(10));
                    put(k, id);
                }
                case "dispute" -> put(k, make("DISPATCHED", true, "PENDING"));
                case "disputeFailed" -> put(k, make("DISPATCHED", true, "FAILED"));
                case "disputeAgreed" -> put(k, make("HANDLED", true, "AGREED"));
                case "photoCase", "photo" -> {
                    String id = make("DISPATCHED", false, null);
                    long photo = Ids.next();
                    jdbc.update("insert into case_photos (county_code, id, case_id, content_type, size_bytes, data, created_at) values (?, ?, ?, 'image/png', 4, ?, ?)",
                            county(), photo, Long.parseLong(id), new byte[] {(byte) 0x89, 'P', 'N', 'G'}, LocalDateTime.now());
                    put("photoCase", id);
                    put("photo", String.valueOf(photo));
                }
                default -> {
                    return null;
                }
            }
            return super.get(k);
        }

        private String county() {
            return jdbc.queryForObject("select county_code from households where id = ?", String.class, household[0]);
        }

        private String make(String status, boolean dispute, String outcome) {
            Map<String, Object> h = jdbc.queryForMap("select county_code, village_code, group_code, grid_id from households where id = ?", household[0]);
            long id = Ids.next();
            LocalDateTime t = LocalDateTime.of(2026, 3, 3, 8, 0);
            boolean accepted = !status.equals("REPORTED");
            boolean handled = status.equals("HANDLED") || status.equals("FEEDBACK") || status.equals("RATED");
            boolean timed = status.equals("REPORTED") || status.equals("ACCEPTED") || status.equals("DISPATCHED");
            jdbc.update("insert into cases (county_code, id, kind, category_code, title, description, channel, status, level, village_code, "
                    + "group_code, grid_id, household_id, handler_department, reported_at, response_due_at, responded_at, accepted_at, "
                    + "level_started_at, due_at, handled_at, handling_seconds, feedback_at, rating, rated_at, updated_at) "
                    + "values (?, ?, ?, ?, '测试案件', '访问矩阵测试', 'HOTLINE', ?, 'VILLAGE', ?, ?, ?, ?, '民政局', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    h.get("county_code"), id, dispute ? "DISPUTE" : "GRID_EVENT", dispute ? "NEIGHBOUR" : "ENV", status,
                    h.get("village_code"), h.get("group_code"), h.get("grid_id"), household[0], t, t.plusHours(24),
                    accepted ? t : null, accepted ? t : null, t, timed ? t.plusHours(72) : null, handled ? t.plusHours(1) : null,
                    handled ? 3600L : null, status.equals("FEEDBACK") || status.equals("RATED") ? t.plusHours(2) : null,
                    status.equals("RATED") ? "NOT_SATISFIED" : null, status.equals("RATED") ? t.plusHours(3) : null, t);
            jdbc.update("insert into case_log (county_code, id, case_id, seq, at, action, to_status, level, note) values (?, ?, ?, 0, ?, 'REPORT', 'REPORTED', 'VILLAGE', '测试')",
                    h.get("county_code"), Ids.next(), id, t);
            if (dispute) {
                jdbc.update("insert into case_disputes (county_code, case_id, tier, outcome, agreement, follow_up_on) values (?, ?, 'VILLAGE', ?, ?, ?)",
                        h.get("county_code"), id, outcome, outcome.equals("AGREED") ? "测试协议" : null,
                        outcome.equals("AGREED") ? LocalDate.of(2026, 4, 1) : null);
                jdbc.update("insert into case_dispute_parties (county_code, case_id, seq, name) values (?, ?, 1, '甲'), (?, ?, 2, '乙')",
                        h.get("county_code"), id, h.get("county_code"), id);
            }
            return String.valueOf(id);
        }
    }

    // ---- monitoring (issue 12) ---------------------------------------------------------------------
    // A case, measure and campaign form for the role's household; campaigns and reviews of the home county
    // (or, for county-wide roles out of scope, of the other county); a rectification in the role's village.

    private final Map<String, Long> monitoring = new HashMap<>();

    private void monitoringValues(Map<String, String> v, String role, boolean in, long household) {
        boolean countyRole = role.equals("CA") || role.equals("AU") || role.equals("DS");
        String county = countyRole && !in ? OTHER_COUNTY : "469030";
        long caseId = monitoringCase(household);
        v.put("monitoringCase", String.valueOf(caseId));
        v.put("measure", String.valueOf(monitoringMeasure(caseId)));
        long campaign = monitoringCampaign(county);
        v.put("campaign", String.valueOf(campaign));
        v.put("form", String.valueOf(monitoringForm(campaign, household)));
        long review = monitoringReview(county);
        v.put("review", String.valueOf(review));
        v.put("monitoringRectification", String.valueOf(monitoringRectification(review, village(role, in))));
        v.put("year", "2026");
    }

    private Map<String, Object> householdRow(long household) {
        return jdbc.queryForMap("select county_code, village_code, group_code, grid_id, number from households where id = ?", household);
    }

    private long monitoringCase(long household) {
        return monitoring.computeIfAbsent("case:" + household, k -> {
            Long existing = jdbc.queryForObject("select min(id) from monitoring_cases where household_id = ?", Long.class, household);
            if (existing != null) {
                return existing;
            }
            Map<String, Object> h = householdRow(household);
            long id = Ids.next();
            String location = h.get("group_code") != null ? (String) h.get("group_code") : (String) h.get("village_code");
            jdbc.update("""
                    insert into monitoring_cases (county_code, id, household_id, village_code, location_code, grid_id, channel, kind, reason,
                        status, opened_by, opened_at, updated_at) values (?, ?, ?, ?, ?, ?, 'VISIT', '边缘易致贫户', '测试', 'MONITORED', '测试', ?, ?)""",
                    h.get("county_code"), id, household, h.get("village_code"), location, h.get("grid_id"), LocalDateTime.now(), LocalDateTime.now());
            return id;
        });
    }

    private long monitoringMeasure(long caseId) {
        return monitoring.computeIfAbsent("measure:" + caseId, k -> {
            String county = jdbc.queryForObject("select county_code from monitoring_cases where id = ?", String.class, caseId);
            long id = Ids.next();
            jdbc.update("insert into monitoring_measures (county_code, id, case_id, kind, description, responsible, start_on, created_by, created_at) values (?, ?, ?, 'JOBS', '测试', '测试', ?, '测试', ?)",
                    county, id, caseId, LocalDate.of(2026, 3, 1), LocalDateTime.now());
            return id;
        });
    }

    private long monitoringCampaign(String county) {
        return monitoring.computeIfAbsent("campaign:" + county, k -> {
            long template = Ids.next();
            jdbc.update("insert into monitoring_templates (county_code, id, kind, code, version, title, field_keys, created_by, created_at) values (?, ?, 'SURVEY', ?, 1, '测试调查表', 'income_per_capita', '测试', ?)",
                    county, template, "ACCESS-" + template, LocalDateTime.now());
            long id = Ids.next();
            jdbc.update("insert into monitoring_campaigns (county_code, id, title, survey_template_id, measures_template_id, deadline, issued_by, issued_at) values (?, ?, '测试排查', ?, null, null, '测试', ?)",
                    county, id, template, LocalDateTime.now());
            return id;
        });
    }

    private long monitoringForm(long campaign, long household) {
        return monitoring.computeIfAbsent("form:" + campaign + ":" + household, k -> {
            Map<String, Object> h = householdRow(household);
            long id = Ids.next();
            String village = (String) h.get("village_code");
            String location = h.get("group_code") != null ? (String) h.get("group_code") : village;
            // a form belongs to its household's county; the campaign of another county only matters for the campaign endpoints
            jdbc.update("insert into monitoring_forms (county_code, id, campaign_id, household_id, household_number, township_code, village_code, location_code, grid_id, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'FILLED')",
                    h.get("county_code"), id, campaign, household, h.get("number"), village.substring(0, 9), village, location, h.get("grid_id"));
            return id;
        });
    }

    private long monitoringReview(String county) {
        return monitoring.computeIfAbsent("review:" + county, k -> {
            long template = Ids.next();
            jdbc.update("insert into monitoring_assessment_templates (county_code, id, title, created_by, created_at) values (?, ?, '测试考察表', '测试', ?)",
                    county, template, LocalDateTime.now());
            long id = Ids.next();
            jdbc.update("insert into monitoring_reviews (county_code, id, template_id, title, term_start, term_end, sample_size, created_by, created_at) values (?, ?, ?, '测试回头看', 2021, 2026, 1, '测试', ?)",
                    county, id, template, LocalDateTime.now());
            return id;
        });
    }

    private long monitoringRectification(long review, String village) {
        String county = village.substring(0, 6);
        long reviewOfCounty = county.equals(OTHER_COUNTY) ? monitoringReview(OTHER_COUNTY) : monitoringReview("469030");
        return monitoring.computeIfAbsent("rect:" + village, k -> {
            long id = Ids.next();
            jdbc.update("insert into monitoring_rectifications (county_code, id, review_id, village_code, problem_id, measure, deadline, status, created_at) values (?, ?, ?, ?, null, '测试整改', ?, 'OPEN', ?)",
                    county, id, reviewOfCounty, village, LocalDate.of(2026, 12, 31), LocalDateTime.now());
            return id;
        });
    }

    // ---- deliberation fixtures: one of each record in every village a role may find IN or OUT --------------

    private Map<String, Map<String, Long>> deliberation;

    private Map<String, Map<String, Long>> deliberation() {
        if (deliberation != null) {
            return deliberation;
        }
        deliberation = new HashMap<>();
        LocalDateTime now = LocalDateTime.of(2026, 3, 1, 9, 0);
        long villagerAccount = jdbc.queryForObject("select id from accounts where username = 'villager'", Long.class);
        for (String county : List.of("469030", OTHER_COUNTY)) {
            long item = Ids.next();
            jdbc.update("insert into power_items (county_code, id, code, name, category, created_at) values (?, ?, ?, '测试权力事项', '测试', ?)",
                    county, item, "AF-" + item % 1_000_000_000L, now);
            jdbc.update("insert into power_steps (county_code, item_id, \"position\", name, role, requires_resolution) values (?, ?, 1, '村干部办理', 'VILLAGE_CADRE', false)", county, item);
            jdbc.update("insert into power_steps (county_code, item_id, \"position\", name, role, requires_resolution) values (?, ?, 2, '乡镇审核', 'TOWNSHIP_ADMIN', false)", county, item);
            deliberation.put("item:" + county, Map.of("item", item));
        }
        Map<String, long[]> byVillage = Map.of(HOME_VILLAGE, households.get("villager"), NEIGHBOUR_VILLAGE, households.get("neighbourVillage"),
                OTHER_TOWNSHIP_VILLAGE, households.get("otherTownship"), OTHER_COUNTY_VILLAGE, households.get("otherCounty"));
        for (var e : byVillage.entrySet()) {
            String village = e.getKey();
            String county = village.substring(0, 6);
            Map<String, Long> ids = new HashMap<>();
            long id = Ids.next();
            jdbc.update("insert into proposals (county_code, id, village_code, title, body_text, author_id, author_name, state, created_at) values (?, ?, ?, '测试提议', '内容', 0, '测试', 'OPEN', ?)",
                    county, id, village, now);
            ids.put("proposal", id);
            id = Ids.next();
            jdbc.update("insert into matters (county_code, id, village_code, title, description, requires_procedure, next_step, status, created_by, created_by_name, created_at) values (?, ?, ?, '测试事项', '说明', false, 'PARTY_BRANCH_PROPOSAL', 'IN_PROGRESS', 0, '测试', ?)",
                    county, id, village, now);
            ids.put("matter", id);
            id = Ids.next();
            jdbc.update("insert into meetings (county_code, id, village_code, kind, title, agenda, starts_at, noticed_at, notice_days, state, created_by) values (?, ?, ?, 'TWO_COMMITTEES', '测试会议', '议程', ?, ?, 3, 'SCHEDULED', 0)",
                    county, id, village, now, now.minusDays(5));
            ids.put("meeting", id);
            long body = Ids.next();
            jdbc.update("insert into deliberative_bodies (county_code, id, village_code, kind, name, term_start, term_end, quorum_num, quorum_den, majority_num, majority_den, majority_of_members, majority_strict, created_at) values (?, ?, ?, 'REPRESENTATIVE_ASSEMBLY', '测试代表会议', ?, ?, 2, 3, 1, 2, false, true, ?)",
                    county, body, village, LocalDate.of(2025, 1, 1), LocalDate.of(2029, 12, 31), now);
            ids.put("body", body);
            long member = Ids.next();
            jdbc.update("insert into body_members (county_code, id, body_id, name, account_id, joined_on) values (?, ?, ?, '测试村民', ?, ?)",
                    county, member, body, village.equals(HOME_VILLAGE) ? villagerAccount : null, LocalDate.of(2025, 1, 1));
            long leaving = Ids.next();
            jdbc.update("insert into body_members (county_code, id, body_id, name, joined_on) values (?, ?, ?, '将退出成员', ?)", county, leaving, body, LocalDate.of(2025, 1, 1));
            ids.put("bodyMember", leaving);
            long vote = Ids.next();
            jdbc.update("insert into votes (county_code, id, body_id, village_code, motion, secret, state, members, quorum_num, quorum_den, majority_num, majority_den, majority_of_members, majority_strict, for_count, against_count, abstain_count, paper_for, paper_against, paper_abstain, opened_at, opened_by) values (?, ?, ?, ?, '测试表决', false, 'OPEN', 2, 2, 3, 1, 2, false, true, 0, 0, 0, 0, 0, 0, ?, 0)",
                    county, vote, body, village, now);
            jdbc.update("insert into vote_electors (county_code, vote_id, member_id, account_id, name) values (?, ?, ?, ?, '测试村民')",
                    county, vote, member, village.equals(HOME_VILLAGE) ? villagerAccount : null);
            jdbc.update("insert into vote_electors (county_code, vote_id, member_id, name) values (?, ?, ?, '将退出成员')", county, vote, leaving);
            ids.put("vote", vote);
            id = Ids.next();
            jdbc.update("insert into banquets (county_code, id, village_code, household_id, kind, host_name, starts_on, days, tables_count, dishes, flag_count, registered_by, registered_by_name, registered_at) values (?, ?, ?, ?, 'WEDDING', '测试', ?, 1, 10, 9, 0, 0, '测试', ?)",
                    county, id, village, e.getValue()[0], LocalDate.of(2026, 6, 1), now);
            ids.put("banquet", id);
            id = Ids.next();
            jdbc.update("insert into power_cases (county_code, id, item_id, village_code, title, next_position, state, created_by, created_by_name, created_at) values (?, ?, ?, ?, '测试办理', 1, 'IN_PROGRESS', 0, '测试', ?)",
                    county, id, deliberation.get("item:" + county).get("item"), village, now);
            ids.put("powerCase", id);
            id = Ids.next();
            jdbc.update("insert into affairs_disclosures (county_code, id, village_code, category, period, title, body_text, created_by, created_by_name, published_at) values (?, ?, ?, 'PARTY', ?, '测试公开', '内容', 0, '测试', ?)",
                    county, id, village, String.format("%04d-%02d", 1800 + id % 200, 1 + (id / 200) % 12), now);
            ids.put("disclosure", id);
            deliberation.put(village, ids);
        }
        return deliberation;
    }

}

