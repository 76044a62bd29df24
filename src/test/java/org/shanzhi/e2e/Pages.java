package org.shanzhi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.shanzhi.demo.DemoAccounts;

/** What every browser test does the same way: sign in through the form, and save a screenshot of a page that fits. */
final class Pages {

    static final Path SHOTS = Paths.get("target", "screenshots");

    private Pages() {
    }

    /** Fills and sends the login form; the caller waits for where the account lands. */
    static void submitLogin(Page page, String base, String user) {
        page.navigate(base + "/login");
        page.fill("input[name=username]", user);
        page.fill("input[name=password]", DemoAccounts.PASSWORD);
        page.click("main button[type=submit]");
    }

    /** Signs in and waits for the console home, or the phone home where a villager lands. */
    static void signIn(Page page, String base, String user) {
        submitLogin(page, base, user);
        page.waitForURL(u -> u.equals(base + "/") || u.equals(base + "/m"));
    }

    /**
     * Saves target/screenshots/&lt;device&gt;-&lt;name&gt;.png (full page, and -top.png of the first screen when asked)
     * after checking that the page does not scroll sideways.
     */
    static void shoot(Page page, String device, String name, boolean alsoTop) {
        page.waitForLoadState(LoadState.NETWORKIDLE);
        List<?> w = (List<?>) page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]");
        assertThat(((Number) w.get(0)).intValue()).as("%s %s scrolls sideways", device, name)
                .isLessThanOrEqualTo(((Number) w.get(1)).intValue());
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(device + "-" + name + ".png")).setFullPage(true));
        if (alsoTop) {
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(device + "-" + name + "-top.png")));
        }
    }
}
