package org.shanzhi.monitoring.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.monitoring.Campaigns;
import org.shanzhi.monitoring.Duties;
import org.shanzhi.monitoring.Monitoring;
import org.shanzhi.monitoring.Reviews;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Territory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Monitoring demo data for 琼中 (after the demo county is loaded): an income line, a rule run over two
 * villages of 什运乡, one household through identification, a campaign with partial progress, a duty list,
 * a 回头看 template and review, star ratings. Deterministic; loaded once.
 */
@Component
@Order(40)
class MonitoringDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(MonitoringDemoData.class);
    static final String COUNTY = "469030";
    static final String TOWNSHIP = "469030202";
    /** The example 回头看 form on the classpath. */
    public static final String ASSESSMENT_FORM = "/monitoring/yancheng-look-back-template.csv";

    private final Monitoring monitoring;
    private final Campaigns campaigns;
    private final Duties duties;
    private final Reviews reviews;
    private final Territory territory;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean enabled;

    MonitoringDemoData(Monitoring monitoring, Campaigns campaigns, Duties duties, Reviews reviews, Territory territory, JdbcClient jdbc,
            Clock clock, @Value("${shanzhi.demo.enabled:true}") boolean enabled) {
        this.monitoring = monitoring;
        this.campaigns = campaigns;
        this.duties = duties;
        this.reviews = reviews;
        this.territory = territory;
        this.jdbc = jdbc;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || territory.find(TOWNSHIP).isEmpty()
                || jdbc.sql("select count(*) from monitoring_income_lines where county_code = ?").param(COUNTY).query(Long.class).single() > 0) {
            return;
        }
        long start = System.nanoTime();
        ScopeGuard.asSystem(COUNTY, () -> {
            load();
            return null;
        });
        log.info("monitoring demo data loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private void load() {
        List<String> villages = territory.children(TOWNSHIP).stream().map(Division::code).toList();
        String home = villages.get(0);
        int year = LocalDate.now(clock).getYear();
        monitoring.setIncomeLine(year, new BigDecimal("7400"), 6);
        monitoring.runRules(home, year);
        monitoring.runRules(villages.get(1), year);
        identifyOne(home);
        campaign(home);
        dutyList(home);
        lookBack(villages, year);
    }

    private void identifyOne(String village) {
        List<Monitoring.MonitoringCase> open = monitoring.cases(village, "OPEN", 0, 2).items();
        if (open.isEmpty()) {
            return;
        }
        long id = open.get(0).id();
        monitoring.step(id, "VILLAGE_REVIEW", true, null, "村两委会议评议通过");
        monitoring.recordNoticePassed(id, true, "村务公开栏公示 5 天无异议");
        monitoring.step(id, "TOWNSHIP_CHECK", true, null, "乡镇入户核实");
        monitoring.step(id, "COUNTY_DECISION", true, "边缘易致贫户", "县乡村振兴局确定");
        monitoring.addMeasure(id, "JOBS", "推荐到县城务工,安排公益性岗位", "什运乡帮扶干部", LocalDate.now(clock), null);
        monitoring.addMeasure(id, "INDUSTRY", "发放养蜂蜂箱 10 箱", "什运乡帮扶干部", LocalDate.now(clock), null);
        monitoring.recordIncomeCheck(id, new BigDecimal("7900"));
        if (open.size() > 1) {
            monitoring.step(open.get(1).id(), "VILLAGE_REVIEW", true, null, "村两委会议评议通过");
        }
    }

    private void campaign(String village) {
        Campaigns.Template survey = campaigns.createTemplate("SURVEY", "FPJC", "防返贫动态监测排查调查表",
                List.of("income_per_capita", "income_wage", "house_safe", "water_safe", "medical_insured", "dropout", "risk"));
        Campaigns.Template measures = campaigns.createTemplate("MEASURES", "BFCS", "帮扶措施表", List.of("helper", "measures", "public_welfare_job"));
        Campaigns.Campaign c = campaigns.issue("2026年防返贫集中排查", survey.id(), measures.id(), List.of(TOWNSHIP),
                LocalDate.now(clock).plusDays(30));
        campaigns.forward(c.id(), TOWNSHIP);
        campaigns.forward(c.id(), village);
        List<Campaigns.Form> forms = campaigns.forms(c.id(), village, null, 0, 40).items();
        for (int i = 0; i < forms.size(); i++) {
            campaigns.fill(forms.get(i).id(), Map.of("income_per_capita", String.valueOf(8000 + i * 150), "house_safe", "A级",
                    "water_safe", "是", "medical_insured", "是", "risk", "无"));
            if (i % 3 == 0) {
                campaigns.evaluate(forms.get(i).id(), true, null);
            }
        }
    }

    private void dutyList(String village) {
        String[][] items = {
                {"PUBLIC_SERVICE", "便民服务", "代办社保、医保业务", "受理→代办→反馈→回访", "村委委员", "10"},
                {"PUBLIC_SERVICE", "人居环境", "组织每月环境卫生整治", "计划→发动→检查→通报", "村委会主任", "15"},
                {"PARTY_BUILDING", "三会一课", "按时召开支部党员大会", "通知→召开→记录→公开", "村党支部书记", "20"},
                {"PARTY_BUILDING", "党员联户", "党员中心户每周遍访", "分组→走访→记录", "村党支部书记", "10"},
                {"DEVELOPMENT", "集体经济", "合作社月度台账公开", "登记→核对→公开", "村委会主任", "15"},
                {"DEVELOPMENT", "产业发展", "组织技能培训一次", "摸底→联系→培训→总结", "村委委员", "10"},
                {"VILLAGER_CONDUCT", "七个倡导", "移风易俗宣传", "宣传→劝导→记录", "村委委员", "5"},
                {"VILLAGER_CONDUCT", "积分申报", "审核村民积分申报", "受理→核实→公示", "村委委员", "10"}};
        Long cadre = jdbc.sql("select min(id) from accounts where username = 'village_cadre'").query(Long.class).optional().orElse(null);
        List<Long> dutyIds = new ArrayList<>();
        for (String[] it : items) {
            Duties.DutyItem item = duties.createItem(it[0], it[1], it[2], it[3], it[4], Integer.parseInt(it[5]));
            if (cadre != null) {
                int weight = "人居环境".equals(it[1]) ? 150 : 100; // 便文村 weights the environment more
                dutyIds.add(duties.select(village, item.id(), weight, cadre, "村干部").id());
            }
        }
        String lastMonth = YearMonth.now(clock).minusMonths(1).toString();
        for (int i = 0; i < dutyIds.size(); i++) {
            duties.selfScore(village, lastMonth, dutyIds.get(i), i % 4 == 3 ? 0 : 5, i % 4 == 3 ? "本月未开展" : null);
        }
    }

    private void lookBack(List<String> villages, int year) {
        // the full 郾城 form (5 sections, 30 elements, 71 items), shipped as an importable example file
        Reviews.TemplateImport imported;
        try (var in = MonitoringDemoData.class.getResourceAsStream(ASSESSMENT_FORM)) {
            imported = reviews.importTemplate("村(社区)“两委”换届“回头看”考察表(五查)", "yancheng-look-back-template.csv", in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!imported.imported()) {
            throw new IllegalStateException("the example assessment form does not import: " + imported.errors());
        }
        Reviews.AssessmentTemplate t = reviews.template(imported.templateId());
        Reviews.Review r = reviews.createReview(t.id(), "2021年村(社区)两委换届回头看", 2021, 2);
        String[] cycle = {"好", "较好", "较好", "一般"};
        List<String> checked = villages.subList(0, Math.min(5, villages.size()));
        for (int v = 0; v < checked.size(); v++) {
            Map<Long, String> grades = new HashMap<>();
            for (int i = 0; i < t.items().size(); i++) {
                grades.put(t.items().get(i).id(), cycle[(i + v) % cycle.length]);
            }
            reviews.assess(r.id(), checked.get(v), "SELF", null, grades, "对照考察表自诊");
            reviews.assess(r.id(), checked.get(v), "TOWNSHIP", null, grades, "乡镇现场问诊");
        }
        reviews.sample(r.id());
        Reviews.Problem common = reviews.addProblem(r.id(), null, "村务公开不及时、不规范", "TOWNSHIP");
        Reviews.Problem own = reviews.addProblem(r.id(), checked.get(1), "班子议事不民主", "TOWNSHIP");
        reviews.addRectification(r.id(), checked.get(0), common.id(), "每月 5 日前在公开栏公开村务、财务", LocalDate.now(clock).plusMonths(1));
        reviews.addRectification(r.id(), checked.get(1), own.id(), "重大事项严格落实四议两公开", LocalDate.now(clock).plusMonths(2));
        reviews.record(checked.get(1), "村党支部书记", "BLACK", "TALK", "因议事不民主被乡镇约谈", r.id());
        reviews.record(checked.get(0), "村委会主任", "RED", "RECORD", "带领村民发展养蜂产业,集体增收 12 万元", r.id());
        for (int v = 0; v < villages.size(); v++) {
            int stars = 1 + (v * 3 + 2) % 5;
            reviews.rate(villages.get(v), year - 1, stars, Math.min(5, stars + 1), stars == 1, stars == 1 ? "列为软弱涣散党组织,制定整顿方案" : null);
        }
    }
}
