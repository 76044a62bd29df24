package org.shanzhi.rewards.web;

import java.time.Clock;
import java.time.LocalDate;
import org.shanzhi.common.Actor;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.points.PointsWallet;
import org.shanzhi.rewards.QrCodes;
import org.shanzhi.rewards.Redemption;
import org.shanzhi.rewards.Supermarket;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The villager's mobile pages (360 px): the village's catalogue with the household's balance, redeem, show the code as a QR code. */
@Controller
@RequestMapping("/m/rewards")
class MyRewardsPages {

    private final Supermarket market;
    private final PointsWallet wallet;
    private final Clock clock;

    MyRewardsPages(Supermarket market, PointsWallet wallet, Clock clock) {
        this.market = market;
        this.wallet = wallet;
        this.clock = clock;
    }

    @ModelAttribute("me")
    Actor me(jakarta.servlet.http.HttpServletRequest request) {
        if (request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName())
                instanceof org.springframework.security.web.csrf.CsrfToken token) {
            token.getToken();
        }
        return ScopeGuard.actor();
    }

    private long household() {
        Actor a = ScopeGuard.actor();
        if (a.householdIds().size() != 1) {
            throw new NotFoundException("只有村民账号可以兑换 / for villagers' accounts");
        }
        return a.householdIds().iterator().next();
    }

    @GetMapping
    String catalogue(Model model) {
        long h = household();
        Actor a = ScopeGuard.actor();
        model.addAttribute("goods", market.catalogue(a.scopeCode()));
        model.addAttribute("spendable", wallet.spendable(a.countyCode(), h, LocalDate.now(clock).getYear()));
        model.addAttribute("codes", market.householdRedemptions(h));
        return "rewards/my";
    }

    @PostMapping("/redeem")
    String redeem(@RequestParam(required = false) Long goodsId, @RequestParam(required = false) Integer quantity, RedirectAttributes ra) {
        long h = household();
        Redemption[] r = new Redemption[1];
        String back = RewardsPages.act(ra, "/m/rewards", () -> {
            r[0] = market.issue(h, goodsId, quantity == null ? 1 : quantity);
            return "请向商户出示兑换码 / show the code at the counter";
        });
        return r[0] == null ? back : "redirect:/m/rewards/code/" + r[0].code();
    }

    @GetMapping("/code/{code}")
    String code(@PathVariable String code, Model model) {
        model.addAttribute("r", market.byCode(code));
        return "rewards/code";
    }

    @GetMapping("/qr/{code}")
    ResponseEntity<byte[]> qr(@PathVariable String code) {
        Redemption r = market.byCode(code);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(QrCodes.png(r.code(), 320));
    }
}
