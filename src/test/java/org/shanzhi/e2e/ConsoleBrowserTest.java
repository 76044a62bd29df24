package org.shanzhi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shanzhi.cases.CaseDesk;
import org.shanzhi.cases.ReportCase;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.demo.DemoAccounts;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A village cadre walks through the console in Debian's Chromium, on a desktop and on a 360 px phone:
 * home, the territory tree, the household list, a household. Screenshots land in target/screenshots/ for
 * a person to look at; the test itself checks what the eye would: who is shown, masking, no sideways
 * scrolling on the phone, the menu folding away. Skipped where /usr/bin/chromium is not installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(IntegrationTest.ClockConfig.class)
class ConsoleBrowserTest {

    /** Debian's Chromium; {@code -Dshanzhi.chromium=...} points elsewhere (or nowhere, to see the skip). */
    static final Path CHROMIUM = Paths.get(System.getProperty("shanzhi.chromium", "/usr/bin/chromium"));
    static final Path SHOTS = Paths.get("target", "screenshots");

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    CaseDesk desk;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @BeforeAll
    static void startChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        Files.createDirectories(SHOTS);
        // the system browser only: Playwright must never download one of its own
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void villageCadreWalksThroughTheConsoleOnADesktop() throws Exception {
        walk("desktop", 1280, 800);
    }

    @Test
    void villageCadreWalksThroughTheConsoleOnA360pxPhone() throws Exception {
        walk("phone", 360, 740);
    }

    @Test
    void villageCadreOpensTheModulesOnADesktop() throws Exception {
        modules("desktop", 1280, 800);
    }

    @Test
    void villageCadreOpensTheModulesOnA360pxPhone() throws Exception {
        modules("phone", 360, 740);
    }

    /** Points, notices, cases, deliberation and monitoring: each in the one layout, readable on a phone. */
    private void modules(String device, int width, int height) throws Exception {
        String base = "http://localhost:" + port;
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setLocale("zh-CN").setTimezoneId("Asia/Shanghai"))) {
            Page page = context.newPage();
            login(page, base);

            page.navigate(base + "/points/inbox");
            assertThat(page.textContent("header.topbar")).contains("村干部", "便文村委会");
            assertThat(page.textContent("main h1")).contains("积分审核");
            shoot(page, device, "points-inbox");

            page.navigate(base + "/points/rankings");
            assertThat(page.textContent("main h1")).contains("积分排名");
            shoot(page, device, "points-rankings");
            // the village has more households than a page: the next page goes on from rank 101 on
            assertThat(page.textContent("nav.pager")).contains("第 1 /", "个对象");
            page.click("nav.pager a:has-text('下一页')");
            assertThat(page.textContent("nav.pager")).contains("第 2 /");
            assertThat(page.locator("tbody tr").count()).isPositive();
            shoot(page, device, "points-rankings-page2");

            page.navigate(base + "/notices");
            assertThat(page.textContent("main h1")).contains("公示");
            shoot(page, device, "notices");

            // a case to look at, reported in the cadre's village
            long id = ScopeGuard.asSystem(DemoAccounts.COUNTY, () -> desk.report(new ReportCase("ENV", null, null,
                    "村口路灯不亮,晚上看不清路", null, "469030202200", null, "便文村口", null, null, null, false, null, "测试", null, null))).id();

            page.navigate(base + "/cases");
            assertThat(page.textContent("main h1")).contains("分级待办");
            assertThat(page.isVisible("nav.sidebar a[href='/cases'].on")).isEqualTo(width >= 760);
            shoot(page, device, "cases-inbox");

            page.navigate(base + "/cases/" + id);
            assertThat(page.textContent("main")).contains("村口路灯不亮");
            shoot(page, device, "case");

            page.navigate(base + "/deliberation/proposals");
            assertThat(page.textContent("main h1")).contains("村民提议");
            shoot(page, device, "deliberation-proposals");

            page.navigate(base + "/deliberation/matters");
            assertThat(page.textContent("main h1")).contains("四议两公开");
            shoot(page, device, "deliberation-matters");

            page.navigate(base + "/monitoring");
            assertThat(page.textContent("main h1")).contains("防返贫动态监测");
            shoot(page, device, "monitoring");

            page.navigate(base + "/rewards/bank?division=469030202200");
            assertThat(page.textContent("main h1")).contains("文明银行");
            shoot(page, device, "rewards-bank");

            page.navigate(base + "/rewards/credit?village=469030202200");
            assertThat(page.textContent("main h1")).contains("信用评定");
            shoot(page, device, "rewards-credit");

            page.navigate(base + "/rewards/rules");
            assertThat(page.textContent("main")).contains("禁兑品类");
            shoot(page, device, "rewards-rules");

            page.navigate(base + "/monitoring?lang=en");
            assertThat(page.textContent("main h1")).contains("Return-to-poverty monitoring");
            page.navigate(base + "/cases?lang=zh-CN");
        }
    }

    private static void login(Page page, String base) {
        page.navigate(base + "/login");
        page.fill("input[name=username]", "village_cadre");
        page.fill("input[name=password]", DemoAccounts.PASSWORD);
        page.click("main button[type=submit]");
        page.waitForURL(base + "/");
    }

    private void walk(String device, int width, int height) throws Exception {
        String base = "http://localhost:" + port;
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setLocale("zh-CN").setTimezoneId("Asia/Shanghai"))) {
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.fill("input[name=username]", "village_cadre");
            page.fill("input[name=password]", DemoAccounts.PASSWORD);
            page.click("main button[type=submit]");
            page.waitForURL(base + "/");

            assertThat(page.textContent("header.topbar")).contains("村干部", "村两委干部", "便文村委会");
            boolean phone = width < 760;
            assertThat(page.isVisible("nav.sidebar")).isEqualTo(!phone);
            if (phone) {
                page.click("label.nav-button");
                assertThat(page.isVisible("nav.sidebar")).isTrue();
                shoot(page, device, "menu");
                page.click("label.nav-button");
            }
            shoot(page, device, "home");

            page.click("a.tile[href='/territory/469030202200']");
            page.waitForURL("**/territory/469030202200");
            assertThat(page.textContent("main")).contains("村民小组", "网格");
            shoot(page, device, "territory");

            page.navigate(base + "/households");
            assertThat(page.textContent("main table")).contains("**********");
            shoot(page, device, "households");

            page.click("main table tbody tr:first-child a");
            page.waitForURL("**/households/*");
            assertThat(page.textContent("main")).contains("家庭成员", "**********");
            shoot(page, device, "household");

            page.navigate(base + "/rewards");
            assertThat(page.textContent("main")).contains("商品与库存", "年度兑换预算");
            shoot(page, device, "rewards");
            page.navigate(base + "/rewards/dividends");
            assertThat(page.textContent("main")).contains("股份分红");
            shoot(page, device, "dividends");
        }
    }

    @Test
    void aVillagerAndTheMerchantUseTheSupermarketOnA360pxPhone() throws Exception {
        String base = "http://localhost:" + port;
        for (String user : List.of("villager", "merchant")) {
            try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                    .setViewportSize(360, 740).setLocale("zh-CN").setTimezoneId("Asia/Shanghai"))) {
                Page page = context.newPage();
                page.navigate(base + "/login");
                page.fill("input[name=username]", user);
                page.fill("input[name=password]", DemoAccounts.PASSWORD);
                page.click("main button[type=submit]");
                // a villager lands on the phone home (/m), staff on the console home
                page.waitForURL(base + (user.equals("villager") ? "/m" : "/"));
                if (user.equals("villager")) {
                    page.navigate(base + "/m/rewards");
                    assertThat(page.textContent("body")).contains("可用积分", "香皂");
                    shoot(page, "phone", "m-rewards");
                } else {
                    page.navigate(base + "/rewards/counter");
                    assertThat(page.textContent("main")).contains("柜台核销", "便文村积分超市");
                    shoot(page, "phone", "counter");
                }
            }
        }
    }

    /**
     * A villager declares a good deed with a photo from a 360 px phone: the page's script shrinks a large PNG to a
     * JPEG of at most 1280 px before it is sent; the photo then shows on the villager's page and in the cadre's inbox.
     * Also the villager's civilisation bank and credit pages.
     */
    @Test
    void aVillagerDeclaresWithAPhotoOnA360pxPhone() throws Exception {
        String base = "http://localhost:" + port;
        long item = jdbc.queryForObject("""
                select min(i.id) from points_items i join points_schemes s on s.id = i.scheme_id where s.owner_code = '469030202200'
                and s.status = 'ADOPTED' and i.recorders like '%SELF%' and i.sign = '+' and i.cap_per_period is null""", Long.class);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(2000, 1500, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.ORANGE, 2000, 1500, new java.awt.Color(0x2c7a2c)));
        g.fillRect(0, 0, 2000, 1500);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        String description = "帮五保户修缮屋顶 " + System.nanoTime();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(360, 740).setLocale("zh-CN").setTimezoneId("Asia/Shanghai"))) {
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.fill("input[name=username]", "villager");
            page.fill("input[name=password]", DemoAccounts.PASSWORD);
            page.click("main button[type=submit]");
            page.waitForURL(base + "/m");
            page.navigate(base + "/m/points/declare");
            page.selectOption("select[name=itemId]", String.valueOf(item));
            page.fill("textarea[name=description]", description);
            page.locator("input[type=file][name=photos]").first().setInputFiles(
                    new com.microsoft.playwright.options.FilePayload("photo.png", "image/png", png.toByteArray()));
            page.waitForSelector("input[type=file][data-downsized]", new Page.WaitForSelectorOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
            assertThat(page.getAttribute("input[type=file][data-downsized]", "data-downsized")).isEqualTo("jpeg");
            shoot(page, "phone", "m-points-declare");
            page.click("form[data-photo-form] button[type=submit]");
            page.waitForURL(base + "/m/points");
            Map<String, Object> photo = jdbc.queryForMap("""
                    select p.content_type, p.size_bytes, p.data, p.event_id, p.id from points_event_photos p
                    join score_events e on e.id = p.event_id where e.description = ?""", description);
            assertThat(photo.get("content_type")).isEqualTo("image/jpeg");
            java.awt.image.BufferedImage sent = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream((byte[]) photo.get("data")));
            assertThat(Math.max(sent.getWidth(), sent.getHeight())).isEqualTo(1280);
            assertThat(((Number) photo.get("size_bytes")).intValue()).isLessThan(png.size());
            System.out.println("declare photo: PNG 2000x1500 " + png.size() + " bytes -> sent JPEG " + sent.getWidth() + "x" + sent.getHeight()
                    + " " + photo.get("size_bytes") + " bytes");
            String src = "/m/points/events/" + photo.get("event_id") + "/photos/" + photo.get("id");
            assertThat(page.locator(".thumbs img[src='" + src + "']").isVisible()).isTrue();
            shoot(page, "phone", "m-points-with-photo");

            page.navigate(base + "/m/rewards/bank");
            assertThat(page.textContent("body")).contains("便文村支行", "老年驿站营养配餐");
            shoot(page, "phone", "m-rewards-bank");
            page.navigate(base + "/m/rewards/credit");
            assertThat(page.textContent("body")).contains("我的信用");
            shoot(page, "phone", "m-rewards-credit");
        }
    }

    /** Saves a full-page screenshot, after checking that the page does not scroll sideways. */
    private static void shoot(Page page, String device, String name) {
        page.waitForLoadState(LoadState.NETWORKIDLE);
        Object widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]");
        List<?> w = (List<?>) widths;
        assertThat(((Number) w.get(0)).intValue()).as("%s %s scrolls sideways", device, name)
                .isLessThanOrEqualTo(((Number) w.get(1)).intValue());
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(device + "-" + name + ".png")).setFullPage(true));
        // what the eye sees first (a long list on a phone makes the full page too tall to look at)
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(device + "-" + name + "-top.png")));
    }
}
