package org.shanzhi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The county admin opens the county's overview on a desktop and on a phone.
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
                // TODO(lead, when merging the cockpit branch): the cockpit is being built in the dashboard module at the
                // same time (/cockpit or similar) and is not on this branch. Switch this step to open it, e.g.
                //   clickTo(page, "a[href='/cockpit']", "**/cockpit");
                //   assertThat(page.textContent("main h1")).contains("驾驶舱");
                // Until then the step opens the county's home page, the overview that exists.
                assertThat(page.locator("main a.tile").count()).isGreaterThanOrEqualTo(3);
                assertThat(page.textContent("main")).contains("乡镇", "户");
                shoot(page, "county", "01-home-" + device);
            }
        }
    }
}
