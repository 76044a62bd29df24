package org.shanzhi.rewards.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.common.console.Fmt;
import org.shanzhi.rewards.CivilisationBank;
import org.shanzhi.rewards.Credit;
import org.shanzhi.rewards.Supermarket;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages of the county rules (forbidden categories, credit rules), the credit ratings of a village with its
 * 信用村 result and the consent records, the bank's view (consenting credit households, top N, .xlsx), and the
 * civilisation bank (head office, branches, services with places and who booked them). Built on the services the
 * REST API uses; a refused action comes back to its page with the reason.
 */
@ConsoleController
class CreditBankPages {

    private final Credit credit;
    private final Supermarket market;
    private final CivilisationBank bank;
    private final Fmt fmt;
    private final Clock clock;

    CreditBankPages(Credit credit, Supermarket market, CivilisationBank bank, Fmt fmt, Clock clock) {
        this.credit = credit;
        this.market = market;
        this.bank = bank;
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

    private String act(RedirectAttributes ra, String back, Supplier<String> action) {
        try {
            ra.addFlashAttribute("message", fmt.text(action.get()));
        } catch (InvalidInputException | ConflictException | ForbiddenException | NotFoundException e) {
            ra.addFlashAttribute("error", String.join(";", fmt.errors(e).values()));
        }
        return "redirect:" + back;
    }

    private String village(String asked) {
        String v = asked == null || asked.isBlank() ? ScopeGuard.actor().scopeCode() : asked.trim();
        if (!v.matches("\\d{12}")) {
            return null;
        }
        return v;
    }

    // ---- county rules ----------------------------------------------------------------------------

    @GetMapping("/rewards/rules")
    String rules(Model model) {
        model.addAttribute("forbidden", market.forbidden());
        model.addAttribute("rules", credit.rules());
        return "rewards/rules";
    }

    @PostMapping("/rewards/rules/forbidden")
    String setForbidden(@RequestParam(required = false) String categories, RedirectAttributes ra) {
        List<String> list = categories == null ? List.of() : Arrays.stream(categories.split("[,,、\\s]+")).filter(c -> !c.isBlank()).toList();
        return act(ra, "/rewards/rules", () -> {
            market.setForbidden(list.isEmpty() ? Supermarket.DEFAULT_FORBIDDEN : list);
            return "禁兑品类已保存 / forbidden categories saved";
        });
    }

    @PostMapping("/rewards/rules/credit")
    String setCredit(@RequestParam(required = false) Long minPoints, @RequestParam(defaultValue = "false") boolean excludeBlackList,
            @RequestParam(required = false) Integer villageSharePct, RedirectAttributes ra) {
        return act(ra, "/rewards/rules", () -> {
            credit.setRules(minPoints, excludeBlackList, villageSharePct);
            return "信用规则已保存 / credit rules saved";
        });
    }

    // ---- credit ratings, consents, the bank's view -----------------------------------------------

    @GetMapping("/rewards/credit")
    String credit(@RequestParam(required = false) String village, @RequestParam(required = false) Integer year, Model model) {
        String v = village(village);
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        model.addAttribute("village", v == null ? "" : v);
        model.addAttribute("year", y);
        model.addAttribute("rules", credit.rules());
        if (v != null) {
            model.addAttribute("rating", credit.village(v, y));
            model.addAttribute("consents", credit.consentRecords(v));
        }
        return "rewards/credit";
    }

    @PostMapping("/rewards/consents")
    String consent(@RequestParam(required = false) Long householdId, @RequestParam(required = false) Boolean given,
            @RequestParam(required = false) String back, RedirectAttributes ra) {
        String to = back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/rewards/credit";
        return act(ra, to, () -> credit.consent(householdId, given) ? "已登记授权 / consent recorded" : "已撤回授权 / consent revoked");
    }

    @GetMapping("/rewards/bank-list")
    String bankList(@RequestParam(required = false) String division, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer top, Model model) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        int n = top == null ? 10 : top;
        String d = division == null || division.isBlank() ? ScopeGuard.actor().scopeCode() : division.trim();
        model.addAttribute("division", d);
        model.addAttribute("year", y);
        model.addAttribute("top", n);
        model.addAttribute("rows", credit.bankList(d, y, n));
        return "rewards/bank-list";
    }

    @GetMapping("/rewards/bank-list.xlsx")
    ResponseEntity<byte[]> bankListXlsx(@RequestParam(required = false) String division, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer top) {
        byte[] data = credit.bankListXlsx(division, year, top);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("bank-list.xlsx").build().toString())
                .body(data);
    }

    // ---- the civilisation bank -------------------------------------------------------------------

    @GetMapping("/rewards/bank")
    String bank(@RequestParam(required = false) String division, @RequestParam(required = false) Long service, Model model) {
        String d = division == null || division.isBlank() ? ScopeGuard.actor().scopeCode() : division.trim();
        model.addAttribute("division", d);
        model.addAttribute("offices", bank.offices(d));
        String v = village(d);
        model.addAttribute("village", v);
        if (v != null) {
            model.addAttribute("services", bank.services(v));
        }
        if (service != null) {
            model.addAttribute("service", bank.service(service));
            model.addAttribute("bookings", bank.bookings(service));
        }
        return "rewards/bank";
    }

    @PostMapping("/rewards/bank/offices")
    String openOffice(@RequestParam(required = false) String divisionCode, @RequestParam(required = false) String name, RedirectAttributes ra) {
        return act(ra, "/rewards/bank?division=" + (divisionCode == null ? "" : divisionCode.trim()), () -> {
            bank.openOffice(divisionCode, name);
            return "已设立 / opened";
        });
    }

    @PostMapping("/rewards/bank/services")
    String addService(@RequestParam(required = false) String villageCode, @RequestParam(required = false) String name,
            @RequestParam(required = false) String audience, @RequestParam(required = false) Long pricePoints,
            @RequestParam(required = false) Integer places,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startsOn, RedirectAttributes ra) {
        return act(ra, "/rewards/bank?division=" + (villageCode == null ? "" : villageCode.trim()), () -> {
            bank.addService(new CivilisationBank.NewService(villageCode, name, audience, pricePoints, places, startsOn));
            return "服务已发布 / service added";
        });
    }

    @GetMapping("/rewards/bank/services/{id}")
    String service(@PathVariable long id) {
        return "redirect:/rewards/bank?division=" + bank.service(id).villageCode() + "&service=" + id;
    }
}
