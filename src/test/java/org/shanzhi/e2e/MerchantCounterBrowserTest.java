package org.shanzhi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The supermarket's counter: the villager redeems soap on the phone and shows the code; the merchant, signed in
 * on the counter's phone, types the code, confirms, and the stock and the villager's balance go down.
 * Screenshots: target/screenshots/merchant-NN-step.png.
 */
class MerchantCounterBrowserTest extends BrowserJourney {

    @Test
    void theMerchantConfirmsACodeTheVillagerProduced() {
        String journey = "merchant";
        readyToRedeem(30);
        try (BrowserContext villagerPhone = context(360, 740); BrowserContext counter = context(360, 740)) {
            Page villager = login(villagerPhone, "villager", "/m");
            clickTo(villager, "ul.tiles a[href='/m/rewards']", "**/m/rewards");
            long before = number(villager.textContent("#spendable .big"));
            long price = number(villager.textContent("section.goods:has-text('香皂') p:nth-of-type(2)").split("分")[0]);
            clickTo(villager, "section.goods:has-text('香皂') button[type=submit]", "**/m/rewards/code/*");
            String code = villager.textContent("#redemption .code").trim();
            assertThat(code).matches("[0-9]{8}");
            shoot(villager, journey, "01-villager-code");

            Page merchant = login(counter, "merchant", "/");
            merchant.click("label.nav-button"); // the menu folds away on a phone
            clickTo(merchant, "nav.sidebar a[href='/rewards']", "**/rewards/counter");
            long stock = number(merchant.textContent("#stock tr:has-text('香皂') td.stock"));
            shoot(merchant, journey, "02-counter");
            merchant.fill("input[name=code]", code);
            merchant.click("form.search button[type=submit]");
            merchant.waitForSelector("form[action='/rewards/counter/confirm'] button");
            assertThat(merchant.textContent("main")).contains(code, "香皂");
            shoot(merchant, journey, "03-found");
            merchant.click("form[action='/rewards/counter/confirm'] button");
            merchant.waitForSelector("main .alert");
            assertThat(merchant.textContent("main .alert")).contains("核销成功");
            shoot(merchant, journey, "04-confirmed");

            assertThat(number(merchant.textContent("#stock tr:has-text('香皂') td.stock"))).isEqualTo(stock - 1);

            villager.reload();
            assertThat(villager.textContent("#redemption")).contains("已核销");
            shoot(villager, journey, "05-villager-used");
            clickTo(villager, "a[href='/m/rewards']", "**/m/rewards");
            assertThat(number(villager.textContent("#spendable .big"))).isEqualTo(before - price);
            shoot(villager, journey, "06-villager-balance");
        }
    }

    private static long number(String text) {
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }
}
