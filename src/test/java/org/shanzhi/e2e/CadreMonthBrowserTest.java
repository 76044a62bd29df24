package org.shanzhi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A month of points in the console: a villager declares on the phone, the grid worker verifies it in the inbox,
 * the village cadre (not the verifier: four eyes) reviews it and publishes the month's notice, the 7-day window
 * passes (the test context's clock moves) and the villager finds the points in the ledger.
 * Screenshots: target/screenshots/cadre-NN-step.png.
 */
class CadreMonthBrowserTest extends BrowserJourney {

    static final Instant START = Instant.parse("2026-03-03T01:00:00Z");

    @Autowired
    MutableClock clock;
    @Autowired
    NoticeBoard board;

    @AfterEach
    void clockBack() {
        clock.set(START);
    }

    @Test
    void theGridWorkerVerifiesTheCadreReviewsAndPublishesTheMonth() {
        String run = "E2E" + System.nanoTime() % 1_000_000;
        String journey = "cadre";
        String deed = "调解了两户邻居的宅基地纠纷(" + run + ")";

        try (BrowserContext phone = context(360, 740)) {
            Page villager = login(phone, "villager", "/m");
            villager.navigate(base() + "/m/points/declare");
            String item = (String) villager.evaluate("""
                    () => [...document.querySelectorAll('select[name=itemId] option')].find(o => o.textContent.includes('调解邻里纠纷')).value""");
            villager.selectOption("select[name=itemId]", item);
            villager.fill("textarea[name=description]", deed);
            clickTo(villager, "form button[type=submit]", "**/m/points");
        }

        try (BrowserContext desk = context(1280, 800)) {
            Page grid = login(desk, "grid_worker", "/");
            grid.navigate(base() + "/points/inbox");
            grid.check("tr:has-text('" + run + "') input[name=ids]");
            shoot(grid, journey, "01-inbox-declared");
            grid.click("form[action='/points/inbox/verify'] button.primary");
            grid.waitForSelector("main .alert");
            assertThat(grid.textContent("main .alert")).contains("已核实 1 条");
            shoot(grid, journey, "02-verified");
        }

        // the scheme's review day (28th): the cadres review and publish the month then
        clock.set(Instant.parse("2026-03-28T01:00:00Z"));
        try (BrowserContext desk = context(1280, 800)) {
            Page cadre = login(desk, "village_cadre", "/");
            cadre.navigate(base() + "/points/inbox?status=VERIFIED");
            assertThat(cadre.textContent("tr:has-text('" + run + "')")).contains("网格员", "调解邻里纠纷");
            cadre.check("tr:has-text('" + run + "') input[name=ids]");
            shoot(cadre, journey, "03-inbox-verified");
            cadre.click("form[action='/points/inbox/verify'] button[formaction='/points/inbox/review']");
            cadre.waitForSelector("main .alert");
            assertThat(cadre.textContent("main .alert")).contains("已审核 1 条");
            shoot(cadre, journey, "04-reviewed");

            cadre.fill("form[action='/points/inbox/publish'] input[name=period]", "2026-03");
            cadre.click("form[action='/points/inbox/publish'] button[type=submit]");
            cadre.waitForSelector("main .alert");
            assertThat(cadre.textContent("main .alert")).contains("已发布公示");
            Long notice = jdbc.queryForObject("select notice_id from score_events where description = ?", Long.class, deed);
            assertThat(notice).isNotNull();
            cadre.navigate(base() + "/notices/" + notice);
            assertThat(cadre.textContent("main")).contains("调解邻里纠纷", "公示中");
            shoot(cadre, journey, "05-notice");
        }

        // the window passes without objection: the notice closes and the points are credited
        clock.advance(Duration.ofDays(8));
        board.closeDue(LocalDateTime.now(clock));
        assertThat(jdbc.queryForObject("select status from score_events where description = ?", String.class, deed)).isEqualTo("CREDITED");

        try (BrowserContext phone = context(360, 740)) {
            Page villager = login(phone, "villager", "/m");
            villager.click("ul.tiles a[href='/m/points']");
            villager.waitForURL("**/m/points");
            assertThat(villager.textContent("#ledger")).contains("调解邻里纠纷", "+3", "入账");
            shoot(villager, journey, "06-villager-credited");
        }
    }
}
