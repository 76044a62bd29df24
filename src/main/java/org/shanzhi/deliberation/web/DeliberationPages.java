package org.shanzhi.deliberation.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.deliberation.Matter;
import org.shanzhi.deliberation.Matters;
import org.shanzhi.deliberation.PowerList;
import org.shanzhi.deliberation.ProcedureStep;
import org.shanzhi.deliberation.Proposals;
import org.shanzhi.deliberation.VillageRules;
import org.shanzhi.deliberation.internal.DeliberationPolicy;
import org.shanzhi.deliberation.internal.Roles;
import org.shanzhi.deliberation.Votes;
import org.shanzhi.territory.Territory;
import org.springframework.http.HttpStatus;
import org.shanzhi.common.console.ConsoleController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages of deliberation: proposals, the 四议两公开 procedure of a matter (the next step is the one button),
 * the villager's voting page (big buttons, phone-sized), the banquet register with its flags, the power list.
 * Pages call the same services as the API, so the same policy and scope apply; a refused form comes back to
 * its page with the service's message.
 */
@ConsoleController
@RequestMapping("/deliberation")
class DeliberationPages {

    private final Proposals proposals;
    private final Matters matters;
    private final Votes votes;
    private final VillageRules rules;
    private final PowerList powerList;
    private final Territory territory;
    private final Clock clock;

    DeliberationPages(Proposals proposals, Matters matters, Votes votes, VillageRules rules, PowerList powerList, Territory territory,
            Clock clock) {
        this.proposals = proposals;
        this.matters = matters;
        this.votes = votes;
        this.rules = rules;
        this.powerList = powerList;
        this.territory = territory;
        this.clock = clock;
    }

    /** Who you are and where you act, on every page. */
    @ModelAttribute
    void who(Model model) {
        ScopeGuard.current().ifPresent(a -> {
            model.addAttribute("me", a);
            model.addAttribute("roleName", Roles.roleName(a.role()));
            model.addAttribute("scopeName", territory.find(a.scopeCode()).map(d -> d.name()).orElse(a.scopeCode()));
            model.addAttribute("isCadre", DeliberationPolicy.isCadre(a));
            model.addAttribute("mayRaise", DeliberationPolicy.mayRaise(a));
        });
    }

    @GetMapping
    String index() {
        return "redirect:/deliberation/proposals";
    }

    // ---- proposals -------------------------------------------------------------------------------

    @GetMapping("/proposals")
    String proposals(@RequestParam(required = false) String division, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", proposals.list(division, null, page, 20));
        model.addAttribute("village", villageOf(ScopeGuard.actor()));
        return "deliberation/proposals";
    }

    @PostMapping("/proposals")
    String raise(@RequestParam String villageCode, @RequestParam String title, @RequestParam String body,
            @RequestParam(required = false) String category, RedirectAttributes ra) {
        return attempt(ra, "/deliberation/proposals",
                () -> "/deliberation/proposals/" + proposals.raise(new Proposals.NewProposal(villageCode, title, body, category)).id());
    }

    @GetMapping("/proposals/{id}")
    String proposal(@PathVariable long id, Model model) {
        model.addAttribute("p", proposals.proposal(id));
        return "deliberation/proposal";
    }

    @PostMapping("/proposals/{id}/support")
    String support(@PathVariable long id, RedirectAttributes ra) {
        return attempt(ra, "/deliberation/proposals/" + id, () -> {
            proposals.support(id);
            ra.addFlashAttribute("notice", "已附议 / supported");
            return "/deliberation/proposals/" + id;
        });
    }

    @PostMapping("/proposals/{id}/answer")
    String answer(@PathVariable long id, @RequestParam String state, @RequestParam String text, RedirectAttributes ra) {
        return attempt(ra, "/deliberation/proposals/" + id, () -> {
            proposals.answer(id, new Proposals.Answer(state, text));
            return "/deliberation/proposals/" + id;
        });
    }

    // ---- 四议两公开 ----------------------------------------------------------------------------------

    @GetMapping("/matters")
    String matters(@RequestParam(required = false) String division, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", matters.list(division, null, page, 20));
        return "deliberation/matters";
    }

    /** The six steps; the one due is the form with the obvious button. */
    @GetMapping("/matters/{id}")
    String matter(@PathVariable long id, Model model) {
        Matter m = matters.matter(id);
        List<StepRow> rows = new ArrayList<>();
        for (ProcedureStep s : ProcedureStep.values()) {
            Matter.Step done = m.steps().stream().filter(x -> x.step() == s).findFirst().orElse(null);
            rows.add(new StepRow(s, s.ordinal() + 1, s.label(), done, s == m.nextStep(), s.deliberation()));
        }
        model.addAttribute("m", m);
        model.addAttribute("rows", rows);
        model.addAttribute("typeName", m.matterType() == null ? null : matters.matterTypes().stream()
                .filter(t -> t.code().equals(m.matterType())).map(t -> t.name()).findFirst().orElse(m.matterType()));
        model.addAttribute("today", LocalDate.now(clock));
        return "deliberation/matter";
    }

    record StepRow(ProcedureStep step, int number, String label, Matter.Step done, boolean due, boolean deliberation) {
    }

    @PostMapping("/matters/{id}/steps")
    String record(@PathVariable long id, @RequestParam String step, @RequestParam(required = false) LocalDate heldOn,
            @RequestParam(required = false) Integer present, @RequestParam(required = false) Integer expected,
            @RequestParam(required = false) String minutes, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String text, RedirectAttributes ra) {
        return attempt(ra, "/deliberation/matters/" + id, () -> {
            matters.record(id, new Matters.StepRecord(step, heldOn, present, expected, minutes, outcome, null, null, text));
            ra.addFlashAttribute("notice", "已记录 / recorded");
            return "/deliberation/matters/" + id;
        });
    }

    // ---- votes -----------------------------------------------------------------------------------

    @GetMapping("/votes")
    String votes(@RequestParam(required = false) String division, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", votes.list(division, page, 20));
        return "deliberation/votes";
    }

    @GetMapping("/votes/{id}")
    String vote(@PathVariable long id, Model model) {
        var v = votes.vote(id);
        model.addAttribute("v", v);
        model.addAttribute("choices", Votes.Choice.values());
        model.addAttribute("ballots", v.secret() ? List.of() : votes.ballots(id));
        return "deliberation/vote";
    }

    @PostMapping("/votes/{id}/ballot")
    String cast(@PathVariable long id, @RequestParam String choice, RedirectAttributes ra) {
        return attempt(ra, "/deliberation/votes/" + id, () -> {
            votes.cast(id, choice);
            ra.addFlashAttribute("notice", "投票成功 / your ballot is in");
            return "/deliberation/votes/" + id;
        });
    }

    // ---- banquets --------------------------------------------------------------------------------

    @GetMapping("/banquets")
    String banquets(@RequestParam(required = false) String division, @RequestParam(defaultValue = "false") boolean flagged,
            @RequestParam(defaultValue = "0") int page, Model model) {
        Actor a = ScopeGuard.actor();
        model.addAttribute("page", rules.list(division, flagged, page, 20));
        model.addAttribute("flagged", flagged);
        String village = villageOf(a);
        model.addAttribute("caps", village == null ? List.of() : rules.caps(village));
        model.addAttribute("ownHousehold", a.householdIds().size() == 1 && "VILLAGER".equals(a.role()) ? a.householdIds().iterator().next() : null);
        model.addAttribute("mayRegister", DeliberationPolicy.mayRegisterBanquets(a));
        return "deliberation/banquets";
    }

    @PostMapping("/banquets")
    String register(@RequestParam Long householdId, @RequestParam String kind, @RequestParam String hostName,
            @RequestParam LocalDate startsOn, @RequestParam Integer days, @RequestParam Integer tables, @RequestParam Integer dishes,
            @RequestParam(required = false) BigDecimal costPerTable, @RequestParam(required = false) BigDecimal giftRelative,
            @RequestParam(required = false) BigDecimal giftOther, RedirectAttributes ra) {
        return attempt(ra, "/deliberation/banquets", () -> {
            var b = rules.register(new VillageRules.NewBanquet(householdId, kind, hostName, startsOn, days, tables, dishes, costPerTable,
                    giftRelative, giftOther, null));
            ra.addFlashAttribute("notice", b.flags().isEmpty() ? "已申报,符合村规民约 / registered within the village rules"
                    : "已申报,有 " + b.flags().size() + " 项超出村规民约,红白理事会将跟进 / registered; " + b.flags().size() + " caps passed");
            return "/deliberation/banquets";
        });
    }

    // ---- power list ------------------------------------------------------------------------------

    @GetMapping("/power-list")
    String powerList(Model model) {
        model.addAttribute("items", powerList.items());
        model.addAttribute("cases", powerList.cases(null, 0, 20));
        return "deliberation/power-list";
    }

    @GetMapping("/power-cases/{id}")
    String powerCase(@PathVariable long id, Model model) {
        var c = powerList.powerCase(id);
        model.addAttribute("c", c);
        model.addAttribute("item", powerList.item(c.itemId()));
        return "deliberation/power-case";
    }

    @PostMapping("/power-cases/{id}/steps/{position}/sign")
    String sign(@PathVariable long id, @PathVariable int position, @RequestParam(required = false) String note,
            @RequestParam(required = false) Long matterId, RedirectAttributes ra) {
        return attempt(ra, "/deliberation/power-cases/" + id, () -> {
            powerList.sign(id, position, new PowerList.SignOffInput(note, matterId));
            ra.addFlashAttribute("notice", "已签批 / signed off");
            return "/deliberation/power-cases/" + id;
        });
    }

    // ---- errors ----------------------------------------------------------------------------------

    /** Runs a form's command; a refusal goes back to the page with the service's message (Chinese first). */
    private static String attempt(RedirectAttributes ra, String back, Supplier<String> command) {
        try {
            return "redirect:" + command.get();
        } catch (InvalidInputException e) {
            ra.addFlashAttribute("error", e.errors().stream().map(x -> x.message()).distinct().reduce((x, y) -> x + ";" + y).orElse(e.getMessage()));
        } catch (ConflictException | ForbiddenException e) {
            ra.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + back;
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFoundException e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "deliberation/error";
    }

    @ExceptionHandler(InvalidInputException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalid(InvalidInputException e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "deliberation/error";
    }

    private String villageOf(Actor a) {
        String scope = a.scopeCode();
        return scope != null && scope.length() == 12 ? scope : null;
    }
}
