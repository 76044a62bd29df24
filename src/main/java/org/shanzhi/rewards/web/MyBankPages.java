package org.shanzhi.rewards.web;

import java.time.Clock;
import java.time.LocalDate;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.common.console.Fmt;
import org.shanzhi.points.PointsWallet;
import org.shanzhi.rewards.CivilisationBank;
import org.shanzhi.rewards.Credit;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The villager's mobile pages (360 px) of the civilisation bank (my accounts, open a party member's or minor's
 * account, book a place of a service with points) and of credit (my rating, give or revoke consent to banks).
 */
@ConsoleController
@RequestMapping("/m/rewards")
class MyBankPages {

    private final CivilisationBank bank;
    private final Credit credit;
    private final PointsWallet wallet;
    private final Fmt fmt;
    private final Clock clock;

    MyBankPages(CivilisationBank bank, Credit credit, PointsWallet wallet, Fmt fmt, Clock clock) {
        this.bank = bank;
        this.credit = credit;
        this.wallet = wallet;
        this.fmt = fmt;
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
            throw new NotFoundException("只有村民账号可以使用 / for villagers' accounts");
        }
        return a.householdIds().iterator().next();
    }

    private String act(RedirectAttributes ra, String back, java.util.function.Supplier<String> action) {
        try {
            ra.addFlashAttribute("message", fmt.text(action.get()));
        } catch (InvalidInputException | ConflictException | ForbiddenException | NotFoundException e) {
            ra.addFlashAttribute("error", String.join(";", fmt.errors(e).values()));
        }
        return "redirect:" + back;
    }

    @GetMapping("/bank")
    String bank(Model model) {
        long h = household();
        Actor a = ScopeGuard.actor();
        model.addAttribute("accounts", bank.accounts(h));
        model.addAttribute("services", bank.services(a.scopeCode()));
        model.addAttribute("bookings", bank.householdBookings(h));
        model.addAttribute("branch", bank.offices(a.scopeCode()).stream().filter(o -> o.divisionCode().equals(a.scopeCode())).findFirst().orElse(null));
        model.addAttribute("spendable", wallet.spendable(a.countyCode(), h, LocalDate.now(clock).getYear()));
        return "rewards/m-bank";
    }

    @PostMapping("/bank/accounts")
    String open(@RequestParam(required = false) String holderType, @RequestParam(required = false) String holderName, RedirectAttributes ra) {
        long h = household();
        return act(ra, "/m/rewards/bank", () -> {
            bank.openAccount(h, holderType, holderName);
            return "已开户 / account opened";
        });
    }

    @PostMapping("/bank/services/{id}/book")
    String book(@PathVariable long id, @RequestParam(required = false) Long accountId, RedirectAttributes ra) {
        household();
        return act(ra, "/m/rewards/bank", () -> {
            bank.book(id, accountId);
            return "预约成功,积分已扣减 / booked, points spent";
        });
    }

    @GetMapping("/credit")
    String credit(Model model) {
        long h = household();
        model.addAttribute("rating", credit.rating(h, null));
        model.addAttribute("rules", credit.rules());
        model.addAttribute("year", LocalDate.now(clock).getYear());
        return "rewards/m-credit";
    }

    @PostMapping("/credit/consent")
    String consent(@RequestParam(required = false) Boolean given, RedirectAttributes ra) {
        long h = household();
        return act(ra, "/m/rewards/credit", () -> credit.consent(h, given) ? "已授权 / consent given" : "已撤回授权 / consent revoked");
    }
}
