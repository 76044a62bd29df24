package org.shanzhi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The county admin opens the county's home and its cockpit on a desktop and on a phone.
 * Screenshots: target/screenshots/county-NN-step.png.
 */
class CountyCockpitBrowserTest extends BrowserJourney {

    @Test
    void theCountyAdminOpensTheCockpit() {
        for (int[] size : new int[][] {{1280, 800}, {360, 740}}) {
            String device = size[0] < 760 ? "phone" : "desktop";
            try (BrowserContext context = context(size[0], size[1])) {
                Page page = login(context, "county_admin", "/");
                assertThat(page.textContent("header.topbar")).contains("县管理员", "琼中");
                assertThat(page.locator("main a.tile").count()).isGreaterThanOrEqualTo(3);
                shoot(page, "county", "01-home-" + device);
                // the cockpit from the navigation (on the phone it sits behind the menu button)
                if (size[0] >= 760) {
                    clickTo(page, "nav a[href='/cockpit']", "**/cockpit");
                } else {
                    page.navigate(base() + "/cockpit");
                }
                page.waitForSelector("main h1");
                assertThat(page.textContent("main h1")).contains("琼中", "驾驶舱");
                assertThat(page.textContent("main")).contains("户");
                shoot(page, "county", "02-cockpit-" + device);
            }
        }
    }
}
