package org.shanzhi.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.shanzhi.common.Ids;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.identity.Accounts;
import org.shanzhi.identity.NewAccount;
import org.shanzhi.identity.Role;
import org.shanzhi.registry.HouseholdImport;
import org.shanzhi.registry.IdNumber;
import org.shanzhi.registry.Pinyin;
import org.shanzhi.registry.Registry;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Grid;
import org.shanzhi.territory.Territory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Loads the demo county on first start (when {@code shanzhi.demo.enabled}); does nothing once loaded. */
@Component
@Order(0)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    /** The seeds' size of 琼中 (003): 29,436 households, 107,471 persons. */
    static final int COUNTY_HOUSEHOLDS = 29_436;
    static final int COUNTY_PERSONS = 107_471;

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰春梅海燕红建国文志新荣飞鹏辉宇浩晨阳雪琳婷颖佳欣怡子涵思远博航俊凯德福贵民安康宁和顺";
    private static final String[] FIELD_CATEGORIES = {"户籍", "住房", "耕地", "林地", "产业", "收入", "就业", "教育", "医疗",
            "社保", "饮水", "帮扶", "其他"};

    private final Territory territory;
    private final Registry registry;
    private final Accounts accounts;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean enabled;
    private final boolean fullCounty;

    DemoData(Territory territory, Registry registry, Accounts accounts, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock,
            @Value("${shanzhi.demo.enabled:true}") boolean enabled, @Value("${shanzhi.demo.full-county:false}") boolean fullCounty) {
        this.territory = territory;
        this.registry = registry;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.enabled = enabled;
        this.fullCounty = fullCounty;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!enabled || accounts.byUsername("county_admin").isPresent()) {
            return;
        }
        long start = System.nanoTime();
        ScopeGuard.asSystem(DemoAccounts.COUNTY, () -> {
            load();
            return null;
        });
        log.info("demo county {} loaded in {} ms", DemoAccounts.COUNTY, (System.nanoTime() - start) / 1_000_000);
    }

    private void load() {
        importDivisions();
        defineFields();
        Random rnd = new Random(469030L);
        List<Division> villages = new ArrayList<>();
        for (Division township : territory.children(DemoAccounts.COUNTY)) {
            villages.addAll(territory.children(township.code()));
        }
        for (Division v : villages) {
            int groups = 3 + rnd.nextInt(5);
            List<String> names = new ArrayList<>();
            for (int g = 1; g <= groups; g++) {
                names.add("第" + chineseNumber(g) + "村民小组");
            }
            territory.createGroups(v.code(), names); // one batch per village: through the sharded engine each insert goes to every shard
        }
        List<Division> populated = fullCounty ? villages
                : villages.stream().filter(v -> v.code().startsWith(DemoAccounts.TOWNSHIP)).toList();
        // households per village at the county's average; persons at the county's ratio
        int households = fullCounty ? COUNTY_HOUSEHOLDS : populated.size() * (COUNTY_HOUSEHOLDS / villages.size());
        int persons = (int) Math.round((double) households * COUNTY_PERSONS / COUNTY_HOUSEHOLDS);
        new Population(rnd, populated, households, persons).write();
        createAccounts();
    }

    private void importDivisions() {
        try {
            Path dir = Files.createTempDirectory("qiongzhong");
            for (String f : List.of("areas.csv", "streets.csv", "villages.csv")) {
                try (InputStream in = new ClassPathResource("divisions/" + f).getInputStream()) {
                    Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            territory.importDivisions(dir, DemoAccounts.COUNTY);
            try (var s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new IllegalStateException("demo divisions not readable", e);
        }
    }

    /** 琼中 collects 13 categories / 45 items of household facts; a representative set of them. */
    private void defineFields() {
        String[][] items = {
                {"户籍", "hukou_type", "户籍性质", "CHOICE", "农业|非农业"}, {"户籍", "hukou_size", "户籍人口", "NUMBER", ""},
                {"户籍", "ethnicity", "民族", "CHOICE", "黎族|苗族|汉族|其他"}, {"户籍", "poverty_status", "脱贫属性", "CHOICE", "一般农户|脱贫户|监测户"},
                {"住房", "house_structure", "住房结构", "CHOICE", "砖混|砖木|木质|其他"}, {"住房", "house_area", "住房面积(㎡)", "NUMBER", ""},
                {"住房", "house_safe", "住房安全鉴定", "CHOICE", "A级|B级|C级|D级"}, {"住房", "house_renovated", "危房改造", "BOOLEAN", ""},
                {"耕地", "farmland_mu", "耕地面积(亩)", "NUMBER", ""}, {"耕地", "paddy_mu", "水田(亩)", "NUMBER", ""},
                {"耕地", "transferred_mu", "流转面积(亩)", "NUMBER", ""}, {"林地", "forest_mu", "林地面积(亩)", "NUMBER", ""},
                {"林地", "rubber_mu", "橡胶(亩)", "NUMBER", ""}, {"林地", "betel_mu", "槟榔(亩)", "NUMBER", ""},
                {"产业", "main_industry", "主导产业", "CHOICE", "橡胶|槟榔|养蜂|养殖|种植|旅游|其他"}, {"产业", "cooperative", "加入合作社", "BOOLEAN", ""},
                {"产业", "livestock", "养殖数量(头/只)", "NUMBER", ""}, {"产业", "bee_boxes", "蜂箱数", "NUMBER", ""},
                {"收入", "income_total", "家庭年纯收入(元)", "NUMBER", ""}, {"收入", "income_per_capita", "人均纯收入(元)", "NUMBER", ""},
                {"收入", "income_wage", "工资性收入(元)", "NUMBER", ""}, {"收入", "income_business", "经营性收入(元)", "NUMBER", ""},
                {"收入", "income_transfer", "转移性收入(元)", "NUMBER", ""}, {"收入", "income_property", "财产性收入(元)", "NUMBER", ""},
                {"就业", "workers", "劳动力人数", "NUMBER", ""}, {"就业", "migrant_workers", "外出务工人数", "NUMBER", ""},
                {"就业", "public_welfare_job", "公益性岗位", "BOOLEAN", ""}, {"就业", "skills_training", "参加技能培训", "BOOLEAN", ""},
                {"教育", "students", "在校学生数", "NUMBER", ""}, {"教育", "dropout", "辍学情况", "BOOLEAN", ""},
                {"教育", "education_aid", "教育资助", "BOOLEAN", ""}, {"医疗", "medical_insured", "参加医保", "BOOLEAN", ""},
                {"医疗", "chronic_illness", "慢性病人数", "NUMBER", ""}, {"医疗", "family_doctor", "家庭医生签约", "BOOLEAN", ""},
                {"社保", "pension_insured", "参加养老保险", "BOOLEAN", ""}, {"社保", "dibao", "低保", "BOOLEAN", ""},
                {"社保", "tekun", "特困供养", "BOOLEAN", ""}, {"饮水", "water_safe", "饮水安全", "BOOLEAN", ""},
                {"饮水", "water_source", "水源类型", "CHOICE", "集中供水|分散供水"}, {"帮扶", "helper", "帮扶责任人", "TEXT", ""},
                {"帮扶", "measures", "帮扶措施", "TEXT", ""}, {"帮扶", "risk", "返贫致贫风险", "CHOICE", "无|因病|因灾|因学|因残|其他"},
                {"其他", "road_access", "通硬化路", "BOOLEAN", ""}, {"其他", "electricity", "通生活用电", "BOOLEAN", ""},
                {"其他", "broadband", "通宽带", "BOOLEAN", ""}};
        for (int i = 0; i < items.length; i++) {
            String[] it = items[i];
            registry.defineField(DemoAccounts.COUNTY, new Registry.FieldDef(it[1], it[0], it[2], it[3],
                    it[4].isEmpty() ? List.of() : List.of(it[4].split("\\|"))), i);
        }
    }

    /** Synthetic households and persons with valid ID numbers, grids and 联户, written in batches. */
    private final class Population {
        private final Random rnd;
        private final List<Division> villages;
        private final int households;
        private final int persons;
        private final Set<String> ids = new HashSet<>();
        private int phoneSeq;

        Population(Random rnd, List<Division> villages, int households, int persons) {
            this.rnd = rnd;
            this.villages = villages;
            this.households = households;
            this.persons = persons;
        }

        void write() {
            int[] sizes = householdSizes();
            LocalDateTime now = LocalDateTime.now(clock);
            LocalDate today = LocalDate.now(clock);
            int h = 0;
            for (int v = 0; v < villages.size(); v++) {
                Division village = villages.get(v);
                int count = households / villages.size() + (v < households % villages.size() ? 1 : 0);
                List<Division> groups = territory.children(village.code());
                int gridCount = Math.max(1, (count + 79) / 80);
                List<Grid> grids = new ArrayList<>();
                for (int g = 1; g <= gridCount; g++) {
                    grids.add(territory.createGrid(village.code(), village.name().replaceAll("(村委会|居委会|社区居委会|居民委员会)$", "")
                            + "第" + g + "网格"));
                }
                List<Object[]> hRows = new ArrayList<>();
                List<Object[]> pRows = new ArrayList<>();
                List<long[]> centers = new ArrayList<>(); // household id, grid index
                List<List<Long>> gridHouseholds = new ArrayList<>();
                grids.forEach(g -> gridHouseholds.add(new ArrayList<>()));
                for (int i = 0; i < count; i++, h++) {
                    long hid = Ids.next();
                    Division group = groups.get(i * groups.size() / count);
                    int gridIndex = i * grids.size() / count;
                    String surname = String.valueOf(SURNAMES.charAt(rnd.nextInt(SURNAMES.length())));
                    String headPhone = phone();
                    hRows.add(new Object[] {hid, DemoAccounts.COUNTY, village.code(), group.code(), grids.get(gridIndex).id(),
                            village.code() + String.format("%04d", i + 1), village.name().replaceAll("(村委会|居委会|居民委员会)$", "")
                            + group.name() + (i + 1) + "号", headPhone, "", "{\"income_per_capita\":\"" + (6000 + rnd.nextInt(18000)) + "\"}", now});
                    boolean party = members(pRows, hid, village.code(), surname, headPhone, sizes[h], today);
                    gridHouseholds.get(gridIndex).add(hid);
                    if (party && centers.stream().filter(c -> c[1] == gridIndex).count() < 2) {
                        centers.add(new long[] {hid, gridIndex});
                    }
                }
                List<Object[]> links = new ArrayList<>();
                for (long[] c : centers) {
                    List<Long> pool = gridHouseholds.get((int) c[1]);
                    int start = pool.indexOf(c[0]);
                    for (int k = 1; k <= 8 && start + k < pool.size(); k++) {
                        links.add(new Object[] {DemoAccounts.COUNTY, pool.get(start + k), c[0]});
                    }
                }
                tx.executeWithoutResult(s -> {
                    HouseholdImport.insertHouseholds(jdbc, hRows);
                    HouseholdImport.insertPersons(jdbc, pRows);
                    jdbc.batchUpdate("insert into household_links (county_code, household_id, center_id) values (?, ?, ?)",
                            links.stream().filter(distinctHousehold()).toList());
                });
            }
        }

        private java.util.function.Predicate<Object[]> distinctHousehold() {
            Set<Object> seen = new HashSet<>();
            return row -> seen.add(row[1]);
        }

        /** Writes the members of one household; true if the head is a party member. */
        private boolean members(List<Object[]> rows, long hid, String village, String surname, String headPhone, int size,
                LocalDate today) {
            LocalDateTime now = LocalDateTime.now(clock);
            boolean headMale = rnd.nextInt(10) < 8;
            LocalDate headBirth = today.minusYears(30 + rnd.nextInt(45)).minusDays(rnd.nextInt(365));
            boolean party = rnd.nextInt(100) < 9;
            List<String> headTags = new ArrayList<>();
            if (party) {
                headTags.add("党员");
            }
            if (rnd.nextInt(100) < 5) {
                headTags.add("低保");
            }
            if (rnd.nextInt(100) < 2) {
                headTags.add("监测对象");
            }
            if (today.getYear() - headBirth.getYear() >= 65 && rnd.nextInt(3) == 0) {
                headTags.add("留守老人");
            }
            rows.add(person(hid, village, surname + given(), headMale, headBirth, headPhone, "户主", headTags, now));
            int left = size - 1;
            if (left > 0) {
                LocalDate b = headBirth.plusYears(rnd.nextInt(5) - 2).plusDays(rnd.nextInt(200));
                rows.add(person(hid, village, String.valueOf(SURNAMES.charAt(rnd.nextInt(SURNAMES.length()))) + given(),
                        !headMale, b, null, "配偶", rnd.nextInt(100) < 4 ? List.of("残疾") : List.of(), now));
                left--;
            }
            while (left > 0) {
                boolean male = rnd.nextBoolean();
                LocalDate b = headBirth.plusYears(20 + rnd.nextInt(15)).plusDays(rnd.nextInt(300));
                if (b.isAfter(today)) {
                    b = today.minusYears(1 + rnd.nextInt(10));
                }
                int age = today.getYear() - b.getYear();
                List<String> tags = new ArrayList<>();
                if (age >= 18 && age < 50 && rnd.nextInt(100) < 30) {
                    tags.add("外出务工");
                }
                if (age < 16 && rnd.nextInt(100) < 15) {
                    tags.add("留守儿童");
                }
                rows.add(person(hid, village, surname + given(), male, b, age >= 18 && rnd.nextBoolean() ? phone() : null,
                        male ? "子" : "女", tags, now));
                left--;
            }
            return party;
        }

        private Object[] person(long hid, String village, String name, boolean male, LocalDate birth, String phone,
                String relation, List<String> tags, LocalDateTime now) {
            String id;
            int seq = rnd.nextInt(499) * 2 + (male ? 1 : 0);
            do {
                id = IdNumber.of(DemoAccounts.COUNTY, birth, seq);
                seq = (seq + 2) % 1000;
            } while (!ids.add(id));
            return new Object[] {Ids.next(), DemoAccounts.COUNTY, hid, village, name, Pinyin.initials(name), male ? "M" : "F",
                    birth, id, id.substring(14), phone, relation, String.join(",", tags), now};
        }

        private String given() {
            String g = String.valueOf(GIVEN.charAt(rnd.nextInt(GIVEN.length())));
            return rnd.nextInt(3) == 0 ? g : g + GIVEN.charAt(rnd.nextInt(GIVEN.length()));
        }

        private String phone() {
            phoneSeq++;
            return "139" + String.format("%08d", (phoneSeq * 7919L) % 100_000_000L);
        }

        /** Household sizes averaging the county's persons per household; the total is exact. */
        private int[] householdSizes() {
            int[] sizes = new int[households];
            int[] weights = {0, 10, 18, 26, 24, 14, 8}; // sizes 1..6
            int sum = 0;
            for (int i = 0; i < households; i++) {
                int r = rnd.nextInt(100);
                int s = 1;
                int acc = weights[1];
                while (r >= acc && s < 6) {
                    s++;
                    acc += weights[s];
                }
                sizes[i] = s;
                sum += s;
            }
            while (sum != persons) {
                int i = rnd.nextInt(households);
                if (sum < persons && sizes[i] < 8) {
                    sizes[i]++;
                    sum++;
                } else if (sum > persons && sizes[i] > 1) {
                    sizes[i]--;
                    sum--;
                }
            }
            return sizes;
        }
    }

    private void createAccounts() {
        String village = territory.children(DemoAccounts.TOWNSHIP).get(0).code();
        String village2 = territory.children(DemoAccounts.TOWNSHIP).get(1).code();
        Grid grid = territory.grids(village).get(0);
        Long center = jdbc.queryForObject("select min(center_id) from household_links where county_code = ? and center_id in "
                + "(select id from households where village_code = ?)", Long.class, DemoAccounts.COUNTY, village);
        Object[] villager = jdbc.queryForObject("""
                select h.id, p.phone from households h join persons p on p.household_id = h.id and p.relation = '户主'
                where h.village_code = ? and h.grid_id = ? and h.id <> ? order by h.number limit 1""",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}, village, grid.id(), center);
        String p = DemoAccounts.PASSWORD;
        String c = DemoAccounts.COUNTY;
        accounts.create(new NewAccount("county_admin", "县管理员", p, Role.COUNTY_ADMIN, c, null, null, null, null));
        accounts.create(new NewAccount("auditor", "县审计员", p, Role.AUDITOR, c, null, null, null, null));
        accounts.create(new NewAccount("dept_civil", "县民政局", p, Role.DEPARTMENT_STAFF, c, null, null, "民政局", null));
        accounts.create(new NewAccount("township_admin", "什运乡管理员", p, Role.TOWNSHIP_ADMIN, DemoAccounts.TOWNSHIP, null, null, null, null));
        accounts.create(new NewAccount("township_admin2", "营根镇管理员", p, Role.TOWNSHIP_ADMIN, "469030100", null, null, null, null));
        accounts.create(new NewAccount("village_cadre", "村干部", p, Role.VILLAGE_CADRE, village, null, null, null, null));
        accounts.create(new NewAccount("village_cadre2", "邻村干部", p, Role.VILLAGE_CADRE, village2, null, null, null, null));
        accounts.create(new NewAccount("village_supervisor", "村务监督委员", p, Role.VILLAGE_SUPERVISOR, village, null, null, null, null));
        accounts.create(new NewAccount("grid_worker", "网格员", p, Role.GRID_WORKER, village, grid.id(), null, null, null));
        accounts.create(new NewAccount("party_center", "党员中心户", p, Role.PARTY_CENTER, village, null, center, null, null));
        accounts.create(new NewAccount("merchant", "积分超市", p, Role.MERCHANT, village, null, null, null, null));
        accounts.create(new NewAccount("villager", "村民", p, Role.VILLAGER, village, null, (Long) villager[0], null, (String) villager[1]));
    }

    private static String chineseNumber(int n) {
        String digits = "零一二三四五六七八九十";
        return n <= 10 ? String.valueOf(digits.charAt(n)) : "十" + digits.charAt(n - 10);
    }
}
