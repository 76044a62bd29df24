package org.shanzhi.points.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.shanzhi.common.Actor;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.points.Declaration;
import org.shanzhi.points.Period;
import org.shanzhi.points.PointsResults;
import org.shanzhi.points.PointsSchemes;
import org.shanzhi.points.SchemeItem;
import org.shanzhi.points.ScoreEvents;
import org.springframework.format.annotation.DateTimeFormat;
import org.shanzhi.common.console.ConsoleController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The villager's mobile pages (360 px): my points — score, rank, stars, balances and every ledger entry — and the
 * declaration form (自荐) with the items the village's scheme lets a household declare itself.
 */
@ConsoleController
@RequestMapping("/m/points")
class MyPointsPages {

    private final PointsResults results;
    private final PointsSchemes schemes;
    private final ScoreEvents events;
    private final Clock clock;

    MyPointsPages(PointsResults results, PointsSchemes schemes, ScoreEvents events, Clock clock) {
        this.results = results;
        this.schemes = schemes;
        this.events = events;
        this.clock = clock;
    }

    @ModelAttribute("me")
    Actor me(jakarta.servlet.http.HttpServletRequest request) {
        // load the (deferred) CSRF token now: a long page may commit the response before its first form asks for it
        if (request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName())
                instanceof org.springframework.security.web.csrf.CsrfToken token) {
            token.getToken();
        }
        return ScopeGuard.actor();
    }

    /** The household the page is about: the villager's own (or the one asked for, when the caller may see it). */
    private long household(Long asked) {
        Actor a = ScopeGuard.actor();
        if (asked != null) {
            return asked;
        }
        if (a.householdIds().size() == 1) {
            return a.householdIds().iterator().next();
        }
        throw new NotFoundException("请指定农户 / which household?");
    }

    @GetMapping
    String mine(@RequestParam(required = false) Long household, @RequestParam(required = false) String period, Model model) {
        long h = household(household);
        String p = period == null || period.isBlank() ? Period.current(clock, Period.Kind.MONTH).key() : period;
        model.addAttribute("standing", results.standing(h, p));
        model.addAttribute("year", results.standing(h, String.valueOf(Period.parse(p, "period").year())));
        model.addAttribute("ledger", results.ledger(h, null, 0, 50));
        model.addAttribute("pending", events.list(null, null, null, h, 0, 20).items().stream()
                .filter(e -> List.of("DECLARED", "VERIFIED", "REVIEWED", "IN_NOTICE").contains(e.status())).toList());
        model.addAttribute("household", h);
        return "points/my";
    }

    @GetMapping("/declare")
    String form(@RequestParam(required = false) Long household, Model model) {
        long h = household(household);
        Actor a = ScopeGuard.actor();
        List<SchemeItem> items = schemes.applicable(a.scopeCode(), LocalDate.now(clock))
                .map(s -> s.items().stream().filter(i -> i.recorders().contains("SELF") && "+".equals(i.sign())).toList())
                .orElse(List.of());
        model.addAttribute("items", items);
        model.addAttribute("household", h);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("key", java.util.UUID.randomUUID().toString());
        return "points/declare";
    }

    @PostMapping("/declare")
    String declare(@RequestParam(required = false) Long household, @RequestParam(required = false) Long itemId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate occurredOn,
            @RequestParam(required = false) String description, @RequestParam(required = false) String evidenceText,
            @RequestParam(required = false) String key, RedirectAttributes ra) {
        long h = household(household);
        // the form carries its own idempotency key: a double tap or a resent form makes one declaration
        String back = PointsPages.act(ra, "/m/points/declare", () -> {
            events.declare(new Declaration(h, null, null, itemId, occurredOn, "SELF", null, description, evidenceText, null), key);
            return "已提交,待网格员或村干部核实 / submitted for verification";
        });
        return ra.getFlashAttributes().containsKey("error") ? back : "redirect:/m/points";
    }
}
