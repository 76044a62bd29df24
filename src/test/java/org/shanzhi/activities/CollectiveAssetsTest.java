package org.shanzhi.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shanzhi.points.PointsWorld.as;
import static org.shanzhi.points.PointsWorld.cadre;
import static org.shanzhi.points.PointsWorld.system;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.activities.CollectiveAssets.NewAsset;
import org.shanzhi.activities.CollectiveAssets.NewEntry;
import org.shanzhi.activities.CollectiveContracts.NewContract;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.disclosure.Notice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.disclosure.NoticeItem;
import org.shanzhi.points.PointsWorld;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;

/** 文登 三资: the register, the leases due, the ledger and its monthly disclosure (figures worked out by hand below). */
@IntegrationTest
class CollectiveAssetsTest {

    /** 合究村 of 湾岭镇: no demo data, no other test writes its contracts. */
    static final String VILLAGE = "469030102209";
    static final String OTHER = "469030102210";

    @Autowired
    CollectiveAssets assets;
    @Autowired
    CollectiveContracts contracts;
    @Autowired
    NoticeBoard notices;
    @Autowired
    MutableClock clock;

    @AfterEach
    void restoreClock() {
        clock.set(PointsWorld.START);
    }

    private void at(int year, int month, int day) {
        clock.set(LocalDateTime.of(year, month, day, 9, 0).atZone(TimeConfig.ZONE).toInstant());
    }

    private static BigDecimal y(String s) {
        return new BigDecimal(s);
    }

    @Test
    void wendeng_registerOfFundsAssetsAndResources_bookValuesByCategory() {
        String v = "469030102211";
        Actor c = cadre(v);
        as(c, () -> assets.register(new NewAsset(v, "RESOURCE", "LAND", "村东集体耕地", y("30.50"), "亩", "村东", y("0"))));
        as(c, () -> assets.register(new NewAsset(v, "RESOURCE", "FOREST", "后山林地", y("120"), "亩", "后山", y("12000.25"))));
        as(c, () -> assets.register(new NewAsset(v, "ASSET", "BUILDING", "村委会办公楼", y("420"), "平方米", "村委会", y("350000.00"))));
        as(c, () -> assets.register(new NewAsset(v, "FUND", "CASH", "村集体银行存款", y("1"), "户", "农村信用社", y("125000.50"))));

        assertThat(as(c, () -> assets.assets(v))).hasSize(4).anySatisfy(x -> {
            assertThat(x.name()).isEqualTo("村东集体耕地");
            assertThat(x.quantity()).isEqualByComparingTo("30.5");
            assertThat(x.unit()).isEqualTo("亩");
            assertThat(x.categoryLabel()).isEqualTo("资源");
            assertThat(x.kindLabel()).isEqualTo("土地");
        });
        // by hand: 资金 125000.50; 资产 350000.00; 资源 0 + 12000.25 = 12000.25
        Map<String, BigDecimal> values = as(c, () -> assets.bookValues(v));
        assertThat(values.get("FUND")).isEqualByComparingTo("125000.50");
        assertThat(values.get("ASSET")).isEqualByComparingTo("350000.00");
        assertThat(values.get("RESOURCE")).isEqualByComparingTo("12000.25");

        // refused: unknown kind, a negative value, three decimals; a villager may read but not register; another village's cadre sees nothing
        assertThatThrownBy(() -> as(c, () -> assets.register(new NewAsset(v, "ASSET", "CASTLE", "城堡", y("1"), "座", null, y("1")))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(InvalidInputException.FieldError::field)
                        .containsExactly("kind"));
        assertThatThrownBy(() -> as(c, () -> assets.register(new NewAsset(v, "ASSET", "EQUIPMENT", "抽水机", y("1"), "台", null, y("-5")))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("bookValueYuan"));
        assertThatThrownBy(() -> as(c, () -> assets.register(new NewAsset(v, "ASSET", "EQUIPMENT", "抽水机", y("1"), "台", null, y("1.005")))))
                .isInstanceOf(InvalidInputException.class);
        Actor villager = PointsWorld.villager(v, 1L);
        assertThat(as(villager, () -> assets.assets(v))).hasSize(4);
        assertThatThrownBy(() -> as(villager, () -> assets.register(new NewAsset(v, "ASSET", "EQUIPMENT", "抽水机", y("1"), "台", null, y("800")))))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> as(cadre(OTHER), () -> assets.assets(v))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void wendeng_leasesDueWithinNDays_byTheClock() {
        String v = "469030102207";
        Actor c = cadre(v);
        long pond = as(c, () -> assets.register(new NewAsset(v, "RESOURCE", "WATER", "村南鱼塘", y("8"), "亩", "村南", y("0")))).id();
        long shop = as(c, () -> assets.register(new NewAsset(v, "ASSET", "BUILDING", "临街铺面", y("60"), "平方米", "圩镇", y("90000")))).id();
        // a lease of 2,800 yuan: under the 3,000 threshold, no tender needed
        long soon = as(c, () -> contracts.register(new NewContract(v, "LEASE", "村南鱼塘租赁", "王某某", y("2800"), null, null, pond,
                LocalDate.of(2025, 3, 21), LocalDate.of(2026, 3, 20)))).id();
        long later = as(c, () -> contracts.register(new NewContract(v, "LEASE", "临街铺面租赁", "李某某", y("6000"), "ZB-2025-07", null, shop,
                LocalDate.of(2025, 5, 1), LocalDate.of(2026, 4, 30)))).id();
        long unsigned = as(c, () -> contracts.register(new NewContract(v, "LEASE", "旧仓库租赁", "赵某某", y("1000"), null, null, null,
                LocalDate.of(2025, 3, 1), LocalDate.of(2026, 3, 10)))).id();
        as(c, () -> contracts.sign(soon, null));
        as(c, () -> contracts.sign(later, null));

        // 2026-03-03: within 30 days (to 04-02) only the pond; within 60 days (to 05-02) the shop too; the unsigned one never
        assertThat(as(c, () -> assets.dueLeases(v, 30))).extracting(CollectiveContracts.Contract::id).containsExactly(soon);
        assertThat(as(c, () -> assets.dueLeases(v, 60))).extracting(CollectiveContracts.Contract::id).containsExactly(soon, later);
        assertThat(as(c, () -> assets.dueLeases(v, 17))).extracting(CollectiveContracts.Contract::id).containsExactly(soon);
        assertThat(as(c, () -> assets.dueLeases(v, 16))).isEmpty();
        at(2026, 3, 21); // the pond's term is over: no longer "due"; the shop is 40 days away
        assertThat(as(c, () -> assets.dueLeases(v, 30))).isEmpty();
        assertThat(as(c, () -> assets.dueLeases(v, 40))).extracting(CollectiveContracts.Contract::id).containsExactly(later);
        assertThat(unsigned).isPositive();

        // an asset of another village cannot be named; an end before the start is refused
        long foreign = as(cadre(OTHER), () -> assets.register(new NewAsset(OTHER, "ASSET", "EQUIPMENT", "拖拉机", y("1"), "台", null, y("30000")))).id();
        assertThatThrownBy(() -> as(c, () -> contracts.register(new NewContract(v, "LEASE", "拖拉机租赁", "某", y("100"), null, null, foreign, null, null))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("assetId"));
        assertThatThrownBy(() -> as(c, () -> contracts.register(new NewContract(v, "LEASE", "倒挂", "某", y("100"), null, null, null,
                LocalDate.of(2026, 5, 1), LocalDate.of(2026, 4, 1))))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void wendeng_monthlyDisclosure_totalsContractsAndLeasesOnTheNoticeBoard() {
        Actor c = cadre(VILLAGE);
        // February: a project contract signed on 02-10 (12,000 yuan: over 10,000, so with its tender record)
        at(2026, 2, 10);
        long project = as(c, () -> contracts.register(new NewContract(VILLAGE, "PROJECT", "村道硬化二期", "某建筑公司", y("12000"), "ZB-2026-02",
                null))).id();
        as(c, () -> contracts.sign(project, null));
        // a lease signed in January (not "signed in February") that ends on 03-20, inside the 30 days after February
        at(2026, 1, 15);
        long lease = as(c, () -> contracts.register(new NewContract(VILLAGE, "LEASE", "机动地租赁", "陈某某", y("2800"), null, null, null,
                LocalDate.of(2025, 3, 21), LocalDate.of(2026, 3, 20)))).id();
        as(c, () -> contracts.sign(lease, null));
        clock.set(PointsWorld.START); // 2026-03-03

        as(c, () -> assets.record(new NewEntry(VILLAGE, "INCOME", "LEASE", y("2800.00"), LocalDate.of(2026, 2, 5), lease, "机动地租金")));
        as(c, () -> assets.record(new NewEntry(VILLAGE, "INCOME", "LEASE", y("1200.50"), LocalDate.of(2026, 2, 10), null, "铺面租金")));
        as(c, () -> assets.record(new NewEntry(VILLAGE, "INCOME", "SUBSIDY", y("50000"), LocalDate.of(2026, 2, 15), null, "村级运转经费")));
        as(c, () -> assets.record(new NewEntry(VILLAGE, "SPENDING", "PROJECT", y("18000.00"), LocalDate.of(2026, 2, 20), project, "村道硬化进度款")));
        as(c, () -> assets.record(new NewEntry(VILLAGE, "SPENDING", "MANAGEMENT", y("356.25"), LocalDate.of(2026, 2, 28), null, "办公用品")));
        // January and March entries stay out of February
        as(c, () -> assets.record(new NewEntry(VILLAGE, "INCOME", "OPERATION", y("999.99"), LocalDate.of(2026, 1, 31), null, "一月收入")));
        CollectiveAssets.Entry wrong = as(c, () -> assets.record(new NewEntry(VILLAGE, "SPENDING", "MANAGEMENT", y("100"), LocalDate.of(2026, 3, 1),
                null, "误记")));
        // entries refused: a date after today, a category of the other side, three decimals
        assertThatThrownBy(() -> as(c, () -> assets.record(new NewEntry(VILLAGE, "INCOME", "LEASE", y("1"), LocalDate.of(2026, 3, 4), null, "明天"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> as(c, () -> assets.record(new NewEntry(VILLAGE, "INCOME", "PROJECT", y("1"), null, null, "错科目"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("category"));
        assertThatThrownBy(() -> as(c, () -> assets.record(new NewEntry(VILLAGE, "INCOME", "LEASE", y("0.001"), null, null, "分以下"))))
                .isInstanceOf(InvalidInputException.class);

        // by hand: income 2800.00 + 1200.50 + 50000.00 = 54000.50; spending 18000.00 + 356.25 = 18356.25; net 35644.25
        CollectiveAssets.Ledger feb = as(c, () -> assets.ledger(VILLAGE, "2026-02"));
        assertThat(feb.entries()).hasSize(5);
        assertThat(feb.incomeYuan()).isEqualTo(y("54000.50"));
        assertThat(feb.spendingYuan()).isEqualTo(y("18356.25"));
        assertThat(feb.netYuan()).isEqualTo(y("35644.25"));
        assertThat(feb.totals().stream().collect(Collectors.toMap(t -> t.direction() + ":" + t.category(), CollectiveAssets.Total::amountYuan)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("INCOME:LEASE", y("4000.50"), "INCOME:SUBSIDY", y("50000.00"),
                        "SPENDING:PROJECT", y("18000.00"), "SPENDING:MANAGEMENT", y("356.25")));
        assertThat(feb.contractsSigned()).extracting(CollectiveContracts.Contract::id).containsExactly(project);
        assertThat(feb.leasesDue()).extracting(CollectiveContracts.Contract::id).containsExactly(lease);

        // March is not over: no disclosure yet; February is published once, on the village's notice board
        assertThatThrownBy(() -> as(c, () -> assets.disclose(VILLAGE, "2026-03"))).isInstanceOf(ConflictException.class).hasMessageContaining("尚未结束");
        CollectiveAssets.Disclosure d = as(c, () -> assets.disclose(VILLAGE, "2026-02"));
        Notice n = system(() -> notices.notice(d.noticeId()));
        assertThat(n.villageCode()).isEqualTo(VILLAGE);
        assertThat(n.sourceType()).isEqualTo(CollectiveAssets.SOURCE_TYPE);
        assertThat(n.title()).contains("2026 年 2 月");
        assertThat(n.body()).contains("收入合计 54000.50 元", "支出合计 18356.25 元", "收支相抵 35644.25 元", "签订合同 1 份", "到期租赁 1 份");
        Map<String, NoticeItem> items = n.items().stream().collect(Collectors.toMap(NoticeItem::ref, i -> i));
        assertThat(items.get("income:LEASE").content()).isEqualTo("4000.50 元");
        assertThat(items.get("income:SUBSIDY").content()).isEqualTo("50000.00 元");
        assertThat(items.get("spending:PROJECT").content()).isEqualTo("18000.00 元");
        assertThat(items.get("spending:MANAGEMENT").content()).isEqualTo("356.25 元");
        assertThat(items.get("contract:" + project).content()).contains("某建筑公司", "12000.00", "ZB-2026-02");
        assertThat(items.get("lease:" + lease).content()).contains("陈某某", "2026-03-20");
        assertThat(items).hasSize(6);
        assertThat(as(c, () -> assets.ledger(VILLAGE, "2026-02")).noticeId()).isEqualTo(d.noticeId());

        // once per month; a disclosed month takes no more entries (a correction goes into the current month)
        assertThatThrownBy(() -> as(c, () -> assets.disclose(VILLAGE, "2026-02"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> as(c, () -> assets.record(new NewEntry(VILLAGE, "INCOME", "LEASE", y("1"), LocalDate.of(2026, 2, 27), null, "补记"))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("已公开");
        // a reversing entry (dated today) takes the wrong March entry out; it cannot be reversed twice
        as(c, () -> assets.reverse(wrong.id(), "重复记账"));
        assertThatThrownBy(() -> as(c, () -> assets.reverse(wrong.id(), "再冲"))).isInstanceOf(ConflictException.class);
        CollectiveAssets.Ledger mar = as(c, () -> assets.ledger(VILLAGE, "2026-03"));
        assertThat(mar.entries()).hasSize(2);
        assertThat(mar.spendingYuan()).isEqualTo(y("0.00"));
        // a village supervisor reads but does not publish
        Actor supervisor = new Actor(1L, "vs", "监委会", "VILLAGE_SUPERVISOR", "469030", VILLAGE, null, java.util.Set.of(), true);
        assertThat(as(supervisor, () -> assets.ledger(VILLAGE, "2026-02")).incomeYuan()).isEqualTo(y("54000.50"));
        assertThatThrownBy(() -> as(supervisor, () -> assets.disclose(VILLAGE, "2026-01"))).isInstanceOf(ForbiddenException.class);
    }
}
