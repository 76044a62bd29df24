package org.shanzhi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shanzhi.activities.CollectiveAssets;
import org.shanzhi.activities.CollectiveContracts;
import org.shanzhi.activities.ServiceCatalogue;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.demo.DemoAccounts;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The 三资 pages (register, contract, ledger) for the village cadre and the 便民代办 pages (console catalogue; the
 * villager's request and follow-up on a phone), in Debian's Chromium at 1280 px and 360 px. Screenshots go to
 * target/screenshots/ (assets-*, services-*); pages must not scroll sideways. Skipped without /usr/bin/chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(IntegrationTest.ClockConfig.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetsServicesBrowserTest {

    static final Path CHROMIUM = Paths.get(System.getProperty("shanzhi.chromium", "/usr/bin/chromium"));
    static final String VILLAGE = "469030202200";

    Playwright playwright;
    Browser browser;
    long contractId;

    @LocalServerPort
    int port;

    @Autowired
    CollectiveAssets assets;
    @Autowired
    CollectiveContracts contracts;
    @Autowired
    ServiceCatalogue catalogue;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        Files.createDirectories(Pages.SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        // the village's register, a lease falling due, February's ledger; the 昌江 catalogue
        ScopeGuard.asSystem(DemoAccounts.COUNTY, () -> {
            catalogue.importExample();
            long pond = assets.register(new CollectiveAssets.NewAsset(VILLAGE, "RESOURCE", "WATER", "便文村南鱼塘", new BigDecimal("8.50"), "亩", "村南",
                    new BigDecimal("0"))).id();
            assets.register(new CollectiveAssets.NewAsset(VILLAGE, "ASSET", "BUILDING", "村委会办公楼", new BigDecimal("420"), "平方米", "村委会",
                    new BigDecimal("350000.00")));
            assets.register(new CollectiveAssets.NewAsset(VILLAGE, "FUND", "CASH", "村集体银行存款", new BigDecimal("1"), "户", "农村信用社",
                    new BigDecimal("125000.50")));
            long lease = contracts.register(new CollectiveContracts.NewContract(VILLAGE, "LEASE", "村南鱼塘租赁", "王某某", new BigDecimal("2800"), null,
                    null, pond, LocalDate.of(2025, 3, 21), LocalDate.of(2026, 3, 20))).id();
            contracts.sign(lease, null);
            contractId = contracts.register(new CollectiveContracts.NewContract(VILLAGE, "PROJECT", "村道硬化二期", "某建筑公司", new BigDecimal("12000"),
                    "ZB-2026-02", null)).id();
            contracts.sign(contractId, null);
            assets.record(new CollectiveAssets.NewEntry(VILLAGE, "INCOME", "LEASE", new BigDecimal("2800.00"), LocalDate.of(2026, 2, 5), lease, "鱼塘租金"));
            assets.record(new CollectiveAssets.NewEntry(VILLAGE, "INCOME", "SUBSIDY", new BigDecimal("50000"), LocalDate.of(2026, 2, 15), null, "村级运转经费"));
            assets.record(new CollectiveAssets.NewEntry(VILLAGE, "SPENDING", "MANAGEMENT", new BigDecimal("356.25"), LocalDate.of(2026, 2, 28), null,
                    "办公用品"));
            return null;
        });
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void theCadreOpensTheAssetPagesOnADesktopAndA360pxPhone() {
        for (int width : new int[] {1280, 360}) {
            String device = width < 760 ? "phone" : "desktop";
            try (BrowserContext context = context(width)) {
                Page page = context.newPage();
                Pages.signIn(page, base(), "village_cadre");
                page.navigate(base() + "/assets");
                assertThat(page.textContent("main h1")).contains("村集体三资");
                assertThat(page.textContent("main")).contains("便文村南鱼塘", "8.50 亩", "村南鱼塘租赁", "2026年3月20日", "资金 125000.50 元");
                Pages.shoot(page, device, "assets-register", true);

                page.navigate(base() + "/assets/contracts/" + contractId);
                assertThat(page.textContent("main")).contains("须招标", "ZB-2026-02", "试用期中", "不需要");
                Pages.shoot(page, device, "assets-contract", true);

                page.navigate(base() + "/assets/ledger?period=2026-02");
                assertThat(page.textContent("main")).contains("收入 / income 52800.00", "支出 / spending 356.25", "发布月度公开");
                Pages.shoot(page, device, "assets-ledger", true);

                page.navigate(base() + "/services");
                assertThat(page.textContent("main")).contains("村级承诺代理 34", "现场协助办 7", "可网上办 15", "可电话办 3");
                Pages.shoot(page, device, "services-catalogue", true);
            }
        }
    }

    @Test
    void aVillagerRequestsAServiceAndFollowsItOnA360pxPhone() {
        try (BrowserContext context = context(360)) {
            Page page = context.newPage();
            Pages.signIn(page, base(), "villager");
            page.navigate(base() + "/m/services");
            assertThat(page.textContent("body")).contains("申请代办", "所需材料");
            Pages.shoot(page, "phone", "services-m-list", true);
            page.selectOption("select[name=itemCode]", "CJ03");
            page.click("main form button[type=submit]");
            page.waitForURL("**/m/services/*");
            assertThat(page.textContent("main")).contains("城乡居民医疗保险参保缴费", "正常 / on time", "办理时限", "2026-03-10 09:00");
            Pages.shoot(page, "phone", "services-m-request", true);
        }
    }

    private BrowserContext context(int width) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(width, width < 760 ? 740 : 800).setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai"));
    }

    private String base() {
        return "http://localhost:" + port;
    }

}
