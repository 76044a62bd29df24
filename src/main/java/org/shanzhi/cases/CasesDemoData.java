package org.shanzhi.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.identity.Account;
import org.shanzhi.identity.Accounts;
import org.shanzhi.registry.Household;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo cases for 什运乡 (after the demo county is loaded): departments, a 罗江-style list of matter types, mediators,
 * a few dozen cases told through the real commands at past instants (so their logs, lights and measures are
 * genuine), a whistle with an on-time, a late and a missing department, disputes, and the grid worker's visits.
 * Deterministic: the same stories relative to the clock at first start.
 */
@Component
@Order(20)
class CasesDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CasesDemoData.class);
    /** 琼中 and 什运乡, as the demo module loads them. */
    static final String COUNTY = "469030";
    static final String TOWNSHIP = "469030202";

    /** 琼中's county departments that cases go to. */
    static final List<String> DEPARTMENTS = List.of("民政局", "公安局", "司法局", "住房和城乡建设局", "交通运输局", "水务局",
            "农业农村局", "自然资源和规划局", "生态环境局", "卫生健康委员会", "人力资源和社会保障局", "应急管理局", "市场监督管理局",
            "林业局");

    /**
     * Matter types: 罗江 grew its grid matter list from 8 to 43 (the seed does not name them); this is a
     * representative set for a county to extend. code, name, kind, start level, lead department.
     */
    static final String[][] CATEGORIES = {
            {"ENV", "环境卫生", "GRID_EVENT", "VILLAGE", ""},
            {"ROAD", "道路交通设施", "GRID_EVENT", "VILLAGE", "交通运输局"},
            {"WATER", "饮水与供水", "GRID_EVENT", "VILLAGE", "水务局"},
            {"POWER", "用电与线路", "GRID_EVENT", "VILLAGE", ""},
            {"HAZARD", "安全隐患", "GRID_EVENT", "VILLAGE", "应急管理局"},
            {"GEO", "地质灾害隐患", "GRID_EVENT", "TOWNSHIP", "自然资源和规划局"},
            {"FIRE", "森林防火", "GRID_EVENT", "VILLAGE", "林业局"},
            {"FARMLAND", "违法占用耕地", "GRID_EVENT", "TOWNSHIP", "自然资源和规划局"},
            {"BUILD", "违规建房", "GRID_EVENT", "VILLAGE", "住房和城乡建设局"},
            {"ANIMAL", "动物防疫", "GRID_EVENT", "VILLAGE", "农业农村局"},
            {"FOOD", "食品安全", "GRID_EVENT", "TOWNSHIP", "市场监督管理局"},
            {"ORDER", "社会治安", "GRID_EVENT", "VILLAGE", "公安局"},
            {"POLLUTION", "生态环境污染", "GRID_EVENT", "TOWNSHIP", "生态环境局"},
            {"NEIGHBOUR", "邻里纠纷", "DISPUTE", "HOUSEHOLD", ""},
            {"FAMILY", "婚姻家庭纠纷", "DISPUTE", "HOUSEHOLD", ""},
            {"LAND", "土地山林权属纠纷", "DISPUTE", "VILLAGE", "自然资源和规划局"},
            {"WAGE", "劳资纠纷", "DISPUTE", "TOWNSHIP", "人力资源和社会保障局"},
            {"PROXY", "代办服务", "SERVICE_REQUEST", "VILLAGE", ""},
            {"RELIEF", "社会救助", "SERVICE_REQUEST", "VILLAGE", "民政局"},
            {"CARE", "困难群众帮扶", "SERVICE_REQUEST", "HOUSEHOLD", "民政局"},
            {"MEDICAL", "医保与医疗", "SERVICE_REQUEST", "VILLAGE", "卫生健康委员会"},
            {"PENSION", "养老保险", "SERVICE_REQUEST", "VILLAGE", "人力资源和社会保障局"},
            {"JOBS", "就业服务", "SERVICE_REQUEST", "VILLAGE", "人力资源和社会保障局"},
            {"POLICY", "政策咨询", "SERVICE_REQUEST", "VILLAGE", ""},
            {"WHISTLE", "乡镇吹哨事项", "WHISTLE", "TOWNSHIP", ""},
    };

    private final CaseDesk desk;
    private final CaseCatalog catalog;
    private final Disputes disputes;
    private final Visits visits;
    private final Territory territory;
    private final Registry registry;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean enabled;

    CasesDemoData(CaseDesk desk, CaseCatalog catalog, Disputes disputes, Visits visits, Territory territory, Registry registry,
            Accounts accounts, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
            @Value("${shanzhi.demo.enabled:true}") boolean enabled) {
        this.desk = desk;
        this.catalog = catalog;
        this.disputes = disputes;
        this.visits = visits;
        this.territory = territory;
        this.registry = registry;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !catalog.categories(COUNTY).isEmpty() || territory.find(TOWNSHIP).isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        ScopeGuard.asSystem(COUNTY, () -> tx.execute(s -> {
            load();
            return null;
        }));
        log.info("demo cases loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private void load() {
        DEPARTMENTS.forEach(catalog::defineDepartment);
        for (int i = 0; i < CATEGORIES.length; i++) {
            String[] c = CATEGORIES[i];
            catalog.defineCategory(new CaseCatalog.Category(c[0], c[1], CaseKind.valueOf(c[2]), CaseLevel.valueOf(c[3]),
                    c[4].isEmpty() ? null : c[4], i + 1, true));
        }
        List<Division> villages = territory.children(TOWNSHIP);
        if (villages.isEmpty()) {
            return;
        }
        String home = villages.get(0).code();
        disputes.addMediator(new Disputes.NewMediator(home, "王德明", null));
        disputes.addMediator(new Disputes.NewMediator(home, "符桂英", null));
        disputes.addMediator(new Disputes.NewMediator(TOWNSHIP, "黎志强", null));
        disputes.addMediator(new Disputes.NewMediator(COUNTY, "县人民调解中心", null));

        LocalDateTime t0 = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        Long villagerHousehold = accounts.byUsername("villager").map(Account::householdId).orElse(null);
        Grid homeGrid = accounts.byUsername("grid_worker").map(Account::gridId).flatMap(territory::findGrid)
                .orElse(territory.grids(home).stream().findFirst().orElse(null));
        List<Household> homeHouseholds = registry.searchHouseholds(home, null, 0, 60).items();
        if (homeHouseholds.size() < 10) {
            return;
        }
        long h1 = villagerHousehold != null ? villagerHousehold : homeHouseholds.get(0).id();
        long h2 = homeHouseholds.get(3).id();
        long h3 = homeHouseholds.get(5).id();
        String cadre = accounts.byUsername("village_cadre").isPresent() ? "village_cadre" : null;
        String gridWorker = accounts.byUsername("grid_worker").isPresent() ? "grid_worker" : null;

        // ---- 便文村: one of each state and light --------------------------------------------------
        story(t0.minusHours(2), report("ENV", "村道旁垃圾堆积,气味难闻,请尽快清运", home, homeGrid, null));
        story(t0.minusHours(60), report("ROAD", "三组路段塌陷一处,摩托车难以通行", home, homeGrid, null))
                .accept(1).dispatch(2, gridWorker, null, null);
        story(t0.minusHours(20), report("POWER", "村口路灯连续三晚不亮", home, homeGrid, h2)).accept(3);
        story(t0.minusHours(70), report("WATER", "自来水浑浊已两天,老人不敢喝", home, homeGrid, h3))
                .accept(2).dispatch(3, null, "水务局", null);
        story(t0.minusHours(30), report("CARE", "独居老人家中屋顶漏雨,需要帮忙修补", home, homeGrid, h1))
                .accept(25).dispatch(26, cadre, null, null);
        story(t0.minusDays(3), report("POLICY", "想了解新农合今年缴费标准和截止日期", home, homeGrid, h1))
                .accept(1).dispatch(1.5, cadre, null, null).handle(20, "已电话告知缴费标准及截止日期", null)
                .feedback(21, "今年个人缴费标准已告知,可在村委会或手机上缴纳");
        story(t0.minusDays(2), report("ENV", "河沟被树枝垃圾堵塞,下雨积水", home, homeGrid, null))
                .accept(1).dispatch(2, gridWorker, null, null).handle(30, "组织志愿者清理河沟,已疏通", h2);
        story(t0.minusDays(9), report("ENV", "公厕无人打扫", home, homeGrid, null))
                .accept(2).dispatch(3, gridWorker, null, null).handle(26, "已协调保洁员每日打扫", h3)
                .feedback(27, "已安排保洁员每日打扫公厕").rate(40, Rating.SATISFIED);
        story(t0.minusDays(12), report("ROAD", "桥头护栏断了两节", home, homeGrid, null))
                .accept(5).dispatch(6, null, "交通运输局", null).handle(100, "交通局已更换护栏", null)
                .feedback(101, "护栏已更换").rate(120, Rating.NOT_SATISFIED).reopen(121, "只换了一节,另一节还是断的")
                .handle(150, "另一节护栏已补装", null).feedback(151, "两节护栏均已更换").rate(170, Rating.BASICALLY_SATISFIED);
        story(t0.minusDays(5), report("POLICY", "要求村里出钱修我家院墙", home, homeGrid, h2))
                .refuse(4, "属于家庭私人事务,不属于村级公共事项;可申请危房改造政策咨询");
        story(t0.minusDays(6), report("RELIEF", "家中因病致贫,咨询临时救助申请", home, homeGrid, h3))
                .accept(2).dispatch(3, null, "民政局", null);

        // ---- a whistle: 住建 on time... 交通 late, 民政 missing ---------------------------------------------
        story(t0.minusHours(50), report("WHISTLE", "南平村危桥改造涉及住建、交通、民政,申请部门会商", villages.get(2).code(), null, null))
                .accept(1).whistle(2, List.of("住房和城乡建设局", "交通运输局", "民政局"), 24)
                .respond(10, "住房和城乡建设局", "已派技术人员到现场查看").respond(40, "交通运输局", "已列入明年农村公路计划");
        story(t0.minusHours(200), report("GEO", "什统村后山雨后出现裂缝,有滑坡风险", villages.get(1).code(), null, null))
                .accept(2).dispatch(3, null, "自然资源和规划局", null);

        // ---- disputes ------------------------------------------------------------------------------
        long mediator = disputes.mediators(home).get(0).id();
        story(t0.minusDays(4), dispute("NEIGHBOUR", "两户因宅基地边界滴水问题发生争吵", home, homeGrid, h2, h3))
                .accept(1).dispatch(2, cadre, null, null).mediator(3, mediator).session(26, Disputes.Outcome.FAILED, "双方各执一词,未达成一致")
                .refer(27, "村级调解不成,提交乡镇调解中心");
        story(t0.minusDays(8), dispute("LAND", "两组之间山林界址争议", home, homeGrid, h1, h3))
                .accept(2).dispatch(3, cadre, null, null).mediator(4, mediator).session(30, Disputes.Outcome.CONTINUED, "实地踏勘界址")
                .agree(60, "以老界碑为准,双方各退让一米,共同维护防火通道", 30);

        // ---- the other villages: closed cases for the measures ---------------------------------------
        String[] cats = {"ENV", "ROAD", "WATER", "HAZARD", "PROXY", "ANIMAL"};
        Rating[] ratings = {Rating.SATISFIED, Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.NOT_SATISFIED};
        for (int v = 1; v < villages.size(); v++) {
            String code = villages.get(v).code();
            Grid g = territory.grids(code).stream().findFirst().orElse(null);
            for (int j = 0; j < 4; j++) {
                int n = v * 4 + j;
                Story s = story(t0.minusDays(14 + n % 10).minusHours(n), report(cats[n % cats.length],
                        villages.get(v).name().replace("村委会", "村") + "网格员巡查发现问题 " + (j + 1), code, g, null))
                        .accept(1 + j).dispatch(2 + j, null, null, CaseLevel.VILLAGE);
                double handled = (j == 3 ? 90 : 20 + 10 * j);
                s.handle(handled, "已处理完毕", null).feedback(handled + 1, "已处理,请评价");
                if (j != 2) {
                    s.rate(handled + 10, ratings[(v + j) % ratings.length]);
                }
            }
            story(t0.minusHours(5 + v), report("ENV", villages.get(v).name().replace("村委会", "村") + "垃圾池已满", code, g, null));
        }

        // what the sweep would have done by now
        stories.forEach(st -> st.catchUp(t0));

        // ---- the grid worker's visits (走访) over the last 30 days: about two thirds of the grid ---------
        if (homeGrid != null) {
            List<Household> gridHouseholds = homeHouseholds.stream().filter(h -> Long.valueOf(homeGrid.id()).equals(h.gridId())).toList();
            for (int i = 0; i < gridHouseholds.size(); i++) {
                if (i % 3 != 2) {
                    visits.record(new Visits.RecordVisit(gridHouseholds.get(i).id(), t0.toLocalDate().minusDays(i % 28),
                            i % 4 == 0 ? "了解家庭收入和就业情况" : "宣传防火防汛知识", i % 5 != 0));
                }
            }
        }
    }

    // ---- telling a case's history ------------------------------------------------------------------

    private static ReportCase report(String category, String text, String village, Grid grid, Long household) {
        return new ReportCase(category, null, null, text, household, household == null ? village : null,
                household == null && grid != null ? grid.id() : null, null, null, null, null, false, null,
                household == null ? "网格员巡查" : null, null, null);
    }

    private static ReportCase dispute(String category, String text, String village, Grid grid, long a, long b) {
        return new ReportCase(category, CaseKind.DISPUTE, null, text, a, null, null, null, null, null, null, false, null, null,
                null, List.of(new ReportCase.Party("当事人甲", a, null), new ReportCase.Party("当事人乙", b, null)));
    }

    private final List<Story> stories = new java.util.ArrayList<>();

    private Story story(LocalDateTime at, ReportCase cmd) {
        Story s = new Story(at, desk.replayAt(at, () -> desk.report(cmd, Channel.GRID, null)).id()); // found on the rounds
        stories.add(s);
        return s;
    }

    /** One case's steps, each at hours after its report. */
    private final class Story {
        private final LocalDateTime reported;
        private final long id;

        Story(LocalDateTime reported, long id) {
            this.reported = reported;
            this.id = id;
        }

        /** The instant {@code hours} after the report, after letting the sweep act on every deadline before it. */
        private LocalDateTime at(double hours) {
            LocalDateTime t = reported.plusMinutes(Math.round(hours * 60));
            catchUp(t);
            return t;
        }

        /** Escalations and overdue marks the sweep would have made up to {@code t}, each at its deadline. */
        void catchUp(LocalDateTime t) {
            for (int guard = 0; guard < 10; guard++) {
                Case k = desk.get(id);
                if (!k.status().timed() || k.dueAt() == null || k.dueAt().isAfter(t) || (k.overdue() && k.level().next() == null)) {
                    return;
                }
                desk.sweepOne(k.countyCode(), id, k.version(), k.dueAt());
            }
        }

        Story accept(double h) {
            desk.replayAt(at(h), () -> desk.accept(id, null));
            return this;
        }

        Story refuse(double h, String reason) {
            desk.replayAt(at(h), () -> desk.refuse(id, reason));
            return this;
        }

        Story dispatch(double h, String username, String department, CaseLevel level) {
            if (username == null && department == null && level == null) {
                level = CaseLevel.VILLAGE;
            }
            DispatchCase cmd = new DispatchCase(username, level, department, null);
            desk.replayAt(at(h), () -> desk.dispatch(id, cmd));
            return this;
        }

        Story handle(double h, String note, Long volunteer) {
            desk.replayAt(at(h), () -> desk.handle(id, new HandleCase(note, volunteer)));
            return this;
        }

        Story feedback(double h, String note) {
            desk.replayAt(at(h), () -> desk.feedback(id, note));
            return this;
        }

        Story rate(double h, Rating rating) {
            desk.replayAt(at(h), () -> desk.rate(id, rating, null));
            return this;
        }

        Story reopen(double h, String reason) {
            desk.replayAt(at(h), () -> desk.reopen(id, reason));
            return this;
        }

        Story whistle(double h, List<String> departments, int hours) {
            desk.replayAt(at(h), () -> desk.whistle(id, new BlowWhistle(departments, hours, "请相关部门到现场会商")));
            return this;
        }

        Story respond(double h, String department, String note) {
            desk.replayAt(at(h), () -> desk.respondFor(id, department, note));
            return this;
        }

        Story mediator(double h, long mediatorId) {
            desk.replayAt(at(h), () -> disputes.chooseMediator(id, mediatorId, true));
            return this;
        }

        Story session(double h, Disputes.Outcome outcome, String note) {
            LocalDate day = at(h).toLocalDate();
            desk.replayAt(at(h), () -> disputes.recordSession(id, day, outcome, note));
            return this;
        }

        Story agree(double h, String text, int followUpDays) {
            LocalDate followUp = at(h).toLocalDate().plusDays(followUpDays);
            desk.replayAt(at(h), () -> disputes.agree(id, text, followUp));
            return this;
        }

        Story refer(double h, String reason) {
            desk.replayAt(at(h), () -> disputes.refer(id, reason));
            return this;
        }
    }
}
