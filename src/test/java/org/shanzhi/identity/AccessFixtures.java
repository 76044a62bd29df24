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

        // ---- points and disclosure (issue 4): fresh records per request, made only when a line uses them ----
        if (points == null) {
            points = new PointsAccessFixtures(jdbc);
        }
        // ---- rewards (issue 5): counters, goods, codes and dividend runs, made only when a line uses them ----
        if (rewards == null) {
            rewards = new RewardsAccessFixtures(jdbc);
        }
        return rewards.extend(points.extend(v, h, village(role, in)), h, village(role, in));
    }

    private PointsAccessFixtures points;
    private RewardsAccessFixtures rewards;

    // ---- monitoring (issue 12) ---------------------------------------------------------------------
    // A case, measure and campaign form for the role's household; campaigns and reviews of the home county
    // (or, for county-wide roles out of scope, of the other county); a rectification in the role's village.

    private final Map<String, Long> monitoring = new HashMap<>();

    private void monitoringValues(Map<String, String> v, String role, boolean in, long household) {
        boolean countyRole = role.equals("CA") || role.equals("AU") || role.equals("DS");
        String county = countyRole && !in ? OTHER_COUNTY : "469030";
        long caseId = monitoringCase(household);
        v.put("case", String.valueOf(caseId));
        v.put("measure", String.valueOf(monitoringMeasure(caseId)));
        long campaign = monitoringCampaign(county);
        v.put("campaign", String.valueOf(campaign));
        v.put("form", String.valueOf(monitoringForm(campaign, household)));
        long review = monitoringReview(county);
        v.put("review", String.valueOf(review));
        v.put("rectification", String.valueOf(monitoringRectification(review, village(role, in))));
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
}
