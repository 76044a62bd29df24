package org.shanzhi.deliberation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.identity.Account;
import org.shanzhi.identity.Accounts;
import org.shanzhi.registry.Person;
import org.shanzhi.registry.Registry;
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
 * Deliberation demo for 便文村 (after the demo county is loaded): matter types, 琼中's power list, proposals, a
 * matter half-way through 四议两公开, a representative assembly and three councils, an open secret vote, village
 * rules with caps and a banquet register. Runs once (skipped when the county already has a power list).
 */
@Component
@Order(30)
class DeliberationDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DeliberationDemo.class);
    static final String COUNTY = "469030";
    static final String VILLAGE = "469030202200";

    private final Matters matters;
    private final Proposals proposals;
    private final Meetings meetings;
    private final Bodies bodies;
    private final Votes votes;
    private final VillageRules rules;
    private final PowerList powerList;
    private final AffairsDisclosures disclosures;
    private final Registry registry;
    private final Accounts accounts;
    private final Territory territory;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean enabled;

    DeliberationDemo(Matters matters, Proposals proposals, Meetings meetings, Bodies bodies, Votes votes, VillageRules rules,
            PowerList powerList, AffairsDisclosures disclosures, Registry registry, Accounts accounts, Territory territory,
            JdbcClient jdbc, TransactionTemplate tx, Clock clock, @Value("${shanzhi.demo.enabled:true}") boolean enabled) {
        this.matters = matters;
        this.proposals = proposals;
        this.meetings = meetings;
        this.bodies = bodies;
        this.votes = votes;
        this.rules = rules;
        this.powerList = powerList;
        this.disclosures = disclosures;
        this.registry = registry;
        this.accounts = accounts;
        this.territory = territory;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || territory.find(VILLAGE).isEmpty() || accounts.byUsername("villager").isEmpty()
                || jdbc.sql("select count(*) from power_items where county_code = ?").param(COUNTY).query(Long.class).single() > 0) {
            return;
        }
        long start = System.nanoTime();
        ScopeGuard.asSystem(COUNTY, () -> tx.execute(s -> {
            load();
            return null;
        }));
        log.info("deliberation demo for {} loaded in {} ms", VILLAGE, (System.nanoTime() - start) / 1_000_000);
    }

    private void load() {
        LocalDate today = LocalDate.now(clock);
        // 三堆 (001 L374): 低保, medical aid, disaster relief and homestead pass the council first; 伊金霍洛 (000 L1582-1587)
        // adds land transfers and village-rule revisions; collective spending from 10,000 yuan (文登's project line, 000 L4352)
        String[][] types = {{"DIBAO", "低保对象评议", null}, {"MEDICAL_AID", "医疗救助", null}, {"DISASTER_RELIEF", "救灾补助", null},
                {"HOMESTEAD", "宅基地使用分配", null}, {"LAND_TRANSFER", "土地流转及征地补偿分配", null},
                {"VILLAGE_RULES", "村规民约制定与修订", null}, {"COLLECTIVE_SPENDING", "村集体资金支出", "10000"}};
        for (String[] t : types) {
            matters.defineMatterType(t[0], new Matters.MatterTypeChange(t[1], t[2] == null ? null : new BigDecimal(t[2]), true));
        }
        powerList.importTemplate("qiongzhong");

        Account villager = accounts.byUsername("villager").orElseThrow();
        List<Person> heads = registry.searchPersons(VILLAGE, null, 0, 200).items().stream()
                .filter(p -> "户主".equals(p.relation())).toList();

        // proposals: one open with supports, one accepted (it became the matter below), one under study
        Proposal bridge = proposals.raise(new Proposals.NewProposal(VILLAGE, "修缮村口便民桥",
                "村口便民桥栏杆松动,雨季孩子上学经过有危险,建议尽快修缮并加装护栏。", "基础设施"), villager.id(), villager.displayName());
        for (String supporter : List.of("grid_worker", "party_center", "village_cadre")) {
            accounts.byUsername(supporter).ifPresent(a -> proposals.support(bridge, a.id()));
        }
        Proposal road = proposals.raise(new Proposals.NewProposal(VILLAGE, "硬化村道并安装路灯",
                "第三村民小组到村委会的 1.2 公里土路雨天泥泞,夜间无照明,建议硬化并安装路灯。", "基础设施"), villager.id(),
                villager.displayName());
        accounts.byUsername("party_center").ifPresent(a -> proposals.support(road, a.id()));
        Proposal banquet = proposals.raise(new Proposals.NewProposal(VILLAGE, "统一红白喜事宴席标准",
                "建议参照米易「宴席不超三十桌、菜品只有九大碗」修订村规民约,减轻人情负担。", "移风易俗"), villager.id(),
                villager.displayName());
        proposals.answer(banquet.id(), new Proposals.Answer("EVALUATING", "已提交红白理事会研究,下次村民代表会议讨论。"));

        // a matter half-way through 四议两公开: proposed and discussed, the party members' meeting is due
        Matter matter = matters.open(new Matters.NewMatter(VILLAGE, "村道硬化及路灯安装工程",
                "硬化第三村民小组至村委会道路 1.2 公里,安装太阳能路灯 40 盏,预算 86,000 元,由村集体资金支出。",
                "COLLECTIVE_SPENDING", new BigDecimal("86000.00"), road.id()));
        matters.record(matter.id(), new Matters.StepRecord("PARTY_BRANCH_PROPOSAL", today.minusDays(10), 5, 5,
                "村党支部委员会研究认为村道硬化群众呼声高,提议列入今年集体资金支出。", "PASSED", null, null, null));
        matters.record(matter.id(), new Matters.StepRecord("TWO_COMMITTEES_DISCUSSION", today.minusDays(6), 7, 7,
                "两委联席会议商议:同意提议,预算 86,000 元,征求村民意见后提交党员大会审议。", "PASSED", null, null, null));
        meetings.schedule(new Meetings.NewMeeting(VILLAGE, "PARTY_MEMBERS", "党员大会审议村道硬化工程",
                "审议村道硬化及路灯安装工程方案与预算", "便文村委会会议室", today.plusDays(5).atTime(9, 0), null, matter.id()));

        // the representative assembly (one per 5-15 households, 伊金霍洛) and three of 米易's councils
        Body assembly = bodies.create(new Bodies.NewBody(VILLAGE, "REPRESENTATIVE_ASSEMBLY", "便文村村民代表会议", null, null,
                null, null, null, null, null, null));
        bodies.addMember(assembly.id(), new Bodies.NewMember(null, "villager", null, "村民代表"));
        heads.stream().limit(19).forEach(p -> bodies.addMember(assembly.id(), new Bodies.NewMember(null, null, p.id(), "村民代表")));
        Object[][] councils = {{"WEDDING_FUNERAL_COUNCIL", "便文村红白理事会", 5}, {"SUPERVISION_COUNCIL", "便文村党务村务财务事务监督会", 7},
                {"MUTUAL_AID_COUNCIL", "便文村邻里互助会", 3}};
        int next = 19;
        for (Object[] c : councils) {
            Body council = bodies.create(new Bodies.NewBody(VILLAGE, (String) c[0], (String) c[1], null, null, null, null, null, null,
                    null, null));
            for (int i = 0; i < (int) c[2] && next < heads.size(); i++, next++) {
                bodies.addMember(council.id(), new Bodies.NewMember(null, null, heads.get(next).id(), i == 0 ? "主任" : "成员"));
            }
        }
        votes.open(new Votes.NewVote(assembly.id(), "关于修订村规民约宴席标准(不超过三十桌、九大碗)的表决", true, null));

        // village rules with machine-checkable caps, quoting the seeds' wording
        rules.setCaps(VILLAGE, new VillageRules.CapsChange(List.of(
                new VillageRules.CapInput("GIFT_RELATIVE_YUAN", new BigDecimal("200"), "人情随礼,直系亲属最高不超过200元"),
                new VillageRules.CapInput("GIFT_OTHER_YUAN", new BigDecimal("100"), "人情随礼,普通朋客不超过100元"),
                new VillageRules.CapInput("WEDDING_DAYS", new BigDecimal("1"), "坚持婚事新办,一天办完"),
                new VillageRules.CapInput("FUNERAL_DAYS", new BigDecimal("3"), "丧事办理不超过3天"),
                new VillageRules.CapInput("TABLES", new BigDecimal("30"), "宴席不超三十桌"),
                new VillageRules.CapInput("DISHES", new BigDecimal("9"), "菜品只有九大碗"))));
        if (heads.size() > 2) {
            rules.register(new VillageRules.NewBanquet(heads.get(0).householdId(), "WEDDING", heads.get(0).name(), today.plusDays(7), 1, 20,
                    9, new BigDecimal("600"), new BigDecimal("200"), new BigDecimal("100"), "集体婚礼后在九大碗院坝办席"));
            rules.register(new VillageRules.NewBanquet(heads.get(1).householdId(), "FUNERAL", heads.get(1).name(), today.plusDays(2), 5, 40,
                    12, new BigDecimal("900"), new BigDecimal("300"), new BigDecimal("150"), null));
        }

        // a 低保 case of the power list: applied for and checked at home, the democratic appraisal is due
        Optional<PowerItem> dibao = powerList.items().stream().filter(i -> i.code().equals("QZ-07")).findFirst();
        dibao.ifPresent(item -> {
            PowerCase c = powerList.start(new PowerList.NewPowerCase(item.id(), VILLAGE, "低保申请(第二村民小组)",
                    heads.isEmpty() ? null : heads.get(heads.size() - 1).name()));
            powerList.sign(c.id(), 1, new PowerList.SignOffInput("申请人提交申请书及收入证明", null));
            powerList.sign(c.id(), 2, new PowerList.SignOffInput("两名村干部入户调查,情况属实", null));
        });

        YearMonth last = YearMonth.now(clock).minusMonths(1);
        disclosures.publish(new AffairsDisclosures.NewDisclosure(VILLAGE, "FINANCE", last.toString(), last + " 便文村财务收支公开",
                "本月收入:上级转移支付 32,000.00 元,集体经营收入 4,800.00 元;支出:村干部误工补贴 9,600.00 元,"
                        + "环境卫生保洁 2,400.00 元,办公费 860.00 元。月末结余 58,640.00 元。"));
    }
}
