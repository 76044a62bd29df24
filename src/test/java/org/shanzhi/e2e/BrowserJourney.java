package org.shanzhi.e2e;

import org.shanzhi.support.StoredScores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.shanzhi.common.Ids;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.demo.DemoAccounts;
import org.shanzhi.rewards.Supermarket;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.shanzhi.support.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * What the end-to-end journeys share: the application on a random port (the same context as
 * {@link ConsoleBrowserTest}), one headless Debian Chromium per test class, signing in through the login form,
 * and screenshots in target/screenshots/&lt;journey&gt;-&lt;step&gt;.png after checking the page does not scroll
 * sideways. Skipped where /usr/bin/chromium is not installed. No fixed sleeps: every step waits for a URL or a
 * selector.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(IntegrationTest.ClockConfig.class)
abstract class BrowserJourney {

    static final Path SHOTS = Paths.get("target", "screenshots");
    /** A 1×1 PNG: the photo a villager attaches. */
    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    static final String VILLAGE = "469030202200";

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Supermarket market;

    @BeforeAll
    static void startChromium() throws Exception {
        assumeTrue(Files.isExecutable(ConsoleBrowserTest.CHROMIUM), "Chromium is not installed at " + ConsoleBrowserTest.CHROMIUM);
        Files.createDirectories(SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(ConsoleBrowserTest.CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--lang=zh-CN")));
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }

    String base() {
        return "http://localhost:" + port;
    }

    /** A fresh browser profile (own cookies) of the given size, Chinese and in China's time zone. */
    static BrowserContext context(int width, int height) {
        BrowserContext c = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setLocale("zh-CN").setTimezoneId("Asia/Shanghai"));
        c.setDefaultTimeout(15_000);
        return c;
    }

    /** Signs in through the form and waits for the page the account lands on. */
    Page login(BrowserContext context, String username, String landing) {
        Page page = context.newPage();
        Pages.submitLogin(page, base(), username);
        page.waitForURL(base() + landing);
        return page;
    }

    /** Clicks and waits for the navigation to a URL matching the glob. */
    static void clickTo(Page page, String selector, String urlGlob) {
        page.click(selector);
        page.waitForURL(urlGlob);
    }

    /** Full-page screenshot target/screenshots/&lt;journey&gt;-&lt;step&gt;.png, after checking for sideways scrolling and tiny text. */
    static void shoot(Page page, String journey, String step) {
        page.waitForLoadState(LoadState.NETWORKIDLE);
        List<?> w = (List<?>) page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]");
        assertThat(((Number) w.get(0)).intValue()).as("%s %s scrolls sideways", journey, step)
                .isLessThanOrEqualTo(((Number) w.get(1)).intValue());
        if ((Boolean) page.evaluate("() => document.body.classList.contains('m')")) {
            // the villager's phone pages: large text everywhere
            assertThat(smallestText(page)).as("%s %s: smallest text (px)", journey, step).isGreaterThanOrEqualTo(14);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(journey + "-" + step + ".png")).setFullPage(true));
    }

    /** Bytes the browser fetched for the current page (document, stylesheet, images), uncompressed body sizes. */
    static long pageWeight(Page page) {
        return ((Number) page.evaluate("""
                () => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                        .reduce((sum, e) => sum + (e.decodedBodySize || 0), 0)""")).longValue();
    }

    /** The smallest font size of any visible text on the page, in CSS pixels. */
    static double smallestText(Page page) {
        return ((Number) page.evaluate("""
                () => { let min = 99;
                  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
                    if (!n.textContent.trim()) continue;
                    const el = n.parentElement; const r = el.getBoundingClientRect();
                    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
                    min = Math.min(min, parseFloat(getComputedStyle(el).fontSize)); }
                  return min; }""")).doubleValue();
    }

    /**
     * Makes the demo villager able to redeem: spendable points credited for this year (as the ledger writes a
     * credit), the county's forbidden categories and a budget for the village. Returns the household.
     */
    long readyToRedeem(long points) {
        long household = jdbc.queryForObject("select household_id from accounts where username = 'villager'", Long.class);
        jdbc.update("""
                insert into points_ledger (county_code, id, subject_type, subject_id, household_id, village_code, year_no, period_month,
                    points, kind, event_id, reason, created_by_name, created_at, idempotency_key)
                values ('469030', ?, 'HOUSEHOLD', ?, ?, ?, 2026, '2026-02', ?, 'CREDIT', null, '端到端测试', '测试', ?, ?)""",
                Ids.next(), household, household, VILLAGE, points, LocalDateTime.of(2026, 2, 28, 9, 0), "e2e-credit:" + Ids.next());
        StoredScores.add(jdbc, "469030", VILLAGE, "2026-02", household, points, "CREDIT");
        if (jdbc.update("update points_balances set honour = honour + ?, spendable = spendable + ? where county_code = '469030' "
                + "and subject_type = 'HOUSEHOLD' and subject_id = ? and year_no = 2026", points, points, household) == 0) {
            jdbc.update("insert into points_balances (county_code, subject_type, subject_id, year_no, honour, spendable) "
                    + "values ('469030', 'HOUSEHOLD', ?, 2026, ?, ?)", household, points, points);
        }
        ScopeGuard.asSystem(DemoAccounts.COUNTY, () -> market.setForbidden(Supermarket.DEFAULT_FORBIDDEN));
        ScopeGuard.asSystem(DemoAccounts.COUNTY, () -> market.setBudget(VILLAGE, 2026, new BigDecimal("10000000.00"), BigDecimal.ONE));
        return household;
    }
}
