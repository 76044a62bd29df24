package org.shanzhi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shanzhi.support.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The cockpits in Debian's Chromium: the county admin's on a desktop (charts drawn by the script, drill-down to a
 * township), the village cadre's on a 360 px phone (no sideways scroll). Screenshots in target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(IntegrationTest.ClockConfig.class)
class CockpitBrowserTest {

    static final Path CHROMIUM = Paths.get(System.getProperty("shanzhi.chromium", "/usr/bin/chromium"));

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        Files.createDirectories(Pages.SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync")));
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
    void countyAdminDrillsDownOnADesktop() {
        try (var ctx = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai"))) {
            Page page = ctx.newPage();
            Pages.signIn(page, base(), "county_admin");
            page.navigate(base() + "/cockpit");
            page.waitForSelector("[data-chart=months] svg, [data-chart=areas] svg");
            assertThat(page.locator("h1").textContent()).contains("驾驶舱");
            assertThat(page.locator("[data-chart=areas]").isVisible()).isTrue();
            Pages.shoot(page, "desktop", "cockpit-county", false);
            page.click("#areas a:text('什运乡')");
            page.waitForURL("**/cockpit?division=469030202*");
            assertThat(page.locator("h1").textContent()).contains("什运乡");
            Pages.shoot(page, "desktop", "cockpit-township", false);
        }
    }

    @Test
    void villageCadreOnA360pxPhone() {
        try (var ctx = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740).setDeviceScaleFactor(1)
                .setIsMobile(true).setHasTouch(true).setLocale("zh-CN").setTimezoneId("Asia/Shanghai"))) {
            Page page = ctx.newPage();
            Pages.signIn(page, base(), "village_cadre");
            page.navigate(base() + "/cockpit");
            assertThat(page.locator("h1").textContent()).contains("便文村");
            Pages.shoot(page, "phone", "cockpit-village", false);
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

}
