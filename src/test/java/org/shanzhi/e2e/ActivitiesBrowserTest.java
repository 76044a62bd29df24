package org.shanzhi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.LoadState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shanzhi.activities.Activities;
import org.shanzhi.activities.Activity;
import org.shanzhi.activities.LovePassbook;
import org.shanzhi.activities.NewActivity;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.demo.DemoAccounts;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Activities in Debian's Chromium: a villager signs up on the 360 px phone page, checks in by the page the QR code
 * opens (with a photo), the cadre sees the lists, confirms attendance and prints the QR code, and the villager reads
 * the love passbook (large-text mode on). Screenshots in target/screenshots/ (activities-*). Skipped without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(IntegrationTest.ClockConfig.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
class ActivitiesBrowserTest {

    static final Path CHROMIUM = Paths.get(System.getProperty("shanzhi.chromium", "/usr/bin/chromium"));
    static final String VILLAGE = "469030202200";
    /** A 1x1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    Activities activities;
    @Autowired
    LovePassbook love;
    @Autowired
    MutableClock clock;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @BeforeAll
    static void startChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        Files.createDirectories(Pages.SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync")));
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

    private <T> T sys(java.util.function.Supplier<T> work) {
        return ScopeGuard.asSystem(DemoAccounts.COUNTY, work);
    }

    private Page login(BrowserContext context, String user) {
        String base = "http://localhost:" + port;
        Page page = context.newPage();
        Pages.signIn(page, base, user);
        return page;
    }

    private BrowserContext context(int width, int height) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height).setLocale("zh-CN").setTimezoneId("Asia/Shanghai"));
    }

    @Test
    void aVillagerSignsUpAndChecksIn_theCadreConfirms_thePassbookShows() throws Exception {
        String base = "http://localhost:" + port;
        LocalDateTime now = LocalDateTime.now(clock.withZone(TimeConfig.ZONE));
        Activity act = sys(() -> activities.post(new NewActivity(VILLAGE, "VOLUNTEER_TEAM", "便文村巾帼志愿服务队", "CLEAN_UP",
                "清理村道垃圾(浏览器测试)", "便文村委会门口集合", now.minusHours(1), now.plusHours(3), 20, 2)));

        long person;
        try (BrowserContext phone = context(360, 740)) {
            Page page = login(phone, "villager");
            page.navigate(base + "/m/activities");
            assertThat(page.textContent("body")).contains("清理村道垃圾", "清洁日", "报名");
            String form = "form[action='/m/activities/" + act.id() + "/signup']";
            person = Long.parseLong(page.getAttribute(form + " input[name=person]", "value"));
            page.click(form + " button");
            page.waitForLoadState(LoadState.NETWORKIDLE);
            assertThat(page.textContent("body")).contains("报名成功", "已报名");
            Pages.shoot(page, "phone", "activities-m-list", false);

            // what the QR code opens: the check-in page, with a photo
            page.navigate(base + "/m/activities/checkin?t=" + sys(() -> activities.activity(act.id())).checkinToken());
            Pages.shoot(page, "phone", "activities-m-checkin", false);
            page.selectOption("select[name=person]", String.valueOf(person));
            page.setInputFiles("input[name=photo]", new FilePayload("photo.png", "image/png", PNG));
            page.click("form button[type=submit]");
            page.waitForLoadState(LoadState.NETWORKIDLE);
            assertThat(page.textContent("body")).contains("签到成功");
        }

        try (BrowserContext desktop = context(1280, 800)) {
            Page page = login(desktop, "village_cadre");
            page.navigate(base + "/activities");
            assertThat(page.textContent("main")).contains("清理村道垃圾", "清洁日");
            Pages.shoot(page, "desktop", "activities-list", false);
            page.navigate(base + "/activities/" + act.id());
            assertThat(page.textContent("main")).contains("报名名单", "候补名单", "照片");
            page.click("main form[action$='/confirm'] button[type=submit]");
            page.waitForLoadState(LoadState.NETWORKIDLE);
            assertThat(page.textContent("main")).contains("已确认出勤", "志愿时长名单", "公示中");
            Pages.shoot(page, "desktop", "activities-detail", false);
            page.navigate(base + "/activities/" + act.id() + "/qr");
            assertThat(page.textContent("body")).contains("手机扫码签到", "/m/activities/checkin?t=");
            Object qrWidth = page.evaluate("() => document.querySelector('img.qr').naturalWidth");
            assertThat(((Number) qrWidth).intValue()).isEqualTo(480);
            Pages.shoot(page, "desktop", "activities-qr", false);
        }
        try (BrowserContext phone = context(360, 740)) {
            Page page = login(phone, "village_cadre");
            page.navigate(base + "/activities/" + act.id());
            Pages.shoot(page, "phone", "activities-detail", false);
        }

        // hours recorded by hand earlier in the year, so the passbook has lines
        sys(() -> love.record(person, 3, "敬老院义务打扫"));
        try (BrowserContext phone = context(360, 740)) {
            Page page = login(phone, "villager");
            page.navigate(base + "/m/passbook?person=" + person);
            assertThat(page.textContent("body")).contains("津市爱心存折", "敬老院义务打扫", "红色存折");
            assertThat(page.locator("button.read-aloud").count()).isEqualTo(2);
            Pages.shoot(page, "phone", "activities-m-passbook", false);
            page.click("button.large-text-toggle");
            assertThat(page.evaluate("() => document.documentElement.classList.contains('large-text')")).isEqualTo(true);
            Pages.shoot(page, "phone", "activities-m-passbook-large", false);
            // kept in localStorage: the points page opens in large text too, with its 朗读 buttons
            page.navigate(base + "/m/points");
            assertThat(page.evaluate("() => document.documentElement.classList.contains('large-text')")).isEqualTo(true);
            assertThat(page.locator("button.read-aloud").count()).isGreaterThanOrEqualTo(1);
            Pages.shoot(page, "phone", "activities-m-points-large", false);
        }
    }

    @Test
    void theCadrePostsCreditPoints_paysTheQuarter_electsACardGroup_andReadsTheRedemptions() throws Exception {
        String base = "http://localhost:" + port;
        try (BrowserContext desktop = context(1280, 800)) {
            Page page = login(desktop, "village_cadre");
            page.navigate(base + "/activities");
            page.click("nav.subnav a[href='/activities/fund']");
            page.waitForURL(base + "/activities/fund");
            page.fill("#post input[name=month]", "2025-04");
            page.locator("#post input[name=points]").nth(0).fill("12");
            page.locator("#post input[name=points]").nth(1).fill("8");
            page.locator("#post input[name=reason]").nth(1).fill("门前三包");
            page.click("#post button[type=submit]");
            page.waitForURL(java.util.regex.Pattern.compile(".*/activities/fund\\?village=" + VILLAGE + "&month=2025-04(#post)?$"));
            assertThat(page.textContent("#month")).contains("门前三包", "12", "8");
            // before the quarter ends: the reason beside the form
            page.fill("#pay input[name=quarter]", "2026-Q1");
            page.fill("#pay input[name=poolYuan]", "100");
            page.click("#pay button[type=submit]");
            page.waitForURL(java.util.regex.Pattern.compile(".*/activities/fund/payouts(#pay)?$"));
            page.waitForSelector("#pay .field-error");
            assertThat(page.textContent("#pay")).contains("季度结束后才能发放");
            Pages.shoot(page, "desktop", "activities-fund-refused", false);
            page.fill("#pay input[name=quarter]", "2025-Q2");
            page.fill("#pay input[name=poolYuan]", "100");
            page.click("#pay button[type=submit]");
            page.waitForURL(java.util.regex.Pattern.compile(".*/activities/fund\\?village=" + VILLAGE + "&quarter=2025-Q2(#pay)?$"));
            assertThat(page.textContent("#payouts")).contains("2025-Q2", "60.00", "40.00", "100.00", "查看公示");
            Pages.shoot(page, "desktop", "activities-fund", false);
        }
        long household = jdbc.queryForObject("select household_id from accounts where username = 'villager'", Long.class);
        // villagers' accounts of their own as members (a demo account in a group would change what the access matrix expects of it)
        List<Long> members = new java.util.ArrayList<>();
        for (String name : List.of("代表丁", "代表戊", "代表己")) {
            long id = org.shanzhi.common.Ids.next();
            jdbc.update("insert into accounts (id, county_code, username, display_name, password_hash, role, scope_code, created_at) "
                    + "values (?, '469030', ?, ?, 'x', 'VILLAGER', ?, current_timestamp)", id, "rep" + id, name, VILLAGE);
            members.add(id);
        }
        try (BrowserContext desktop = context(1280, 800)) {
            Page page = login(desktop, "village_cadre");
            page.navigate(base + "/activities/cards/" + household);
            page.click("#elect summary");
            page.selectOption("#elect select[name=kind]", "SCORING");
            page.fill("#elect input[name=resolution]", "2026年第1次村民代表大会决议(浏览器测试)");
            for (long member : members) {
                page.check("#elect input[name=member][value='" + member + "']");
            }
            page.click("#elect button[type=submit]");
            page.waitForLoadState(LoadState.NETWORKIDLE);
            assertThat(page.textContent("main")).contains("已登记积分评议小组 3 人", "2026年第1次村民代表大会决议(浏览器测试)");
            page.click("#elect summary");
            Pages.shoot(page, "desktop", "activities-card-groups", false);
            page.navigate(base + "/rewards");
            page.click("nav.subnav a[href='/rewards/redemptions']");
            page.waitForURL(base + "/rewards/redemptions");
            assertThat(page.textContent("main")).contains("积分兑换记录", "导出 .xlsx");
            Pages.shoot(page, "desktop", "rewards-redemptions", false);
        }
        try (BrowserContext phone = context(360, 740)) {
            Page page = login(phone, "village_cadre");
            page.navigate(base + "/activities/fund?village=" + VILLAGE + "&month=2025-04&quarter=2025-Q2");
            Pages.shoot(page, "phone", "activities-fund", false);
            page.navigate(base + "/activities/cards/" + household);
            page.click("#elect summary");
            Pages.shoot(page, "phone", "activities-card-groups", false);
            page.navigate(base + "/rewards/redemptions");
            Pages.shoot(page, "phone", "rewards-redemptions", false);
        }
    }

}
