package org.shanzhi.deliberation.web;

import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.deliberation.Proposals;
import org.shanzhi.deliberation.Votes;
import org.shanzhi.deliberation.internal.DeliberationPolicy;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The villager's phone pages of 议事 (360 px): the village's proposals (raise one, support one, read the answer)
 * and its votes (cast the one ballot, see the result when it closes).
 */
@ConsoleController
@RequestMapping("/m")
class MyDeliberationPages {

    private final Proposals proposals;
    private final Votes votes;

    MyDeliberationPages(Proposals proposals, Votes votes) {
        this.proposals = proposals;
        this.votes = votes;
    }

    @GetMapping("/proposals")
    String proposals(@RequestParam(defaultValue = "0") int page, Model model) {
        Actor a = ScopeGuard.actor();
        model.addAttribute("page", proposals.list(null, null, Math.max(0, page), 20));
        model.addAttribute("mayRaise", DeliberationPolicy.mayRaise(a) && a.scopeCode().length() == 12);
        return "deliberation/m-proposals";
    }

    @PostMapping("/proposals")
    String raise(@RequestParam(required = false) String title, @RequestParam(required = false) String body,
            @RequestParam(required = false) String category, RedirectAttributes ra) {
        Actor a = ScopeGuard.actor();
        String[] to = {"/m/proposals"};
        attempt(ra, () -> {
            to[0] = "/m/proposals/" + proposals.raise(new Proposals.NewProposal(a.scopeCode(), title, body, category)).id();
            return "提议已提交,村两委将研究答复 / proposal raised; the village committee will answer";
        });
        return "redirect:" + to[0];
    }

    @GetMapping("/proposals/{id}")
    String proposal(@PathVariable long id, Model model) {
        model.addAttribute("p", proposals.proposal(id));
        model.addAttribute("mayRaise", DeliberationPolicy.mayRaise(ScopeGuard.actor()));
        return "deliberation/m-proposal";
    }

    @PostMapping("/proposals/{id}/support")
    String support(@PathVariable long id, RedirectAttributes ra) {
        attempt(ra, () -> {
            proposals.support(id);
            return "已附议 / supported";
        });
        return "redirect:/m/proposals/" + id;
    }

    @GetMapping("/votes")
    String votes(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", votes.list(null, Math.max(0, page), 20));
        return "deliberation/m-votes";
    }

    @GetMapping("/votes/{id}")
    String vote(@PathVariable long id, Model model) {
        model.addAttribute("v", votes.vote(id));
        model.addAttribute("choices", Votes.Choice.values());
        return "deliberation/m-vote";
    }

    @PostMapping("/votes/{id}/ballot")
    String cast(@PathVariable long id, @RequestParam(required = false) String choice, RedirectAttributes ra) {
        attempt(ra, () -> {
            votes.cast(id, choice);
            return "投票成功 / your ballot is in";
        });
        return "redirect:/m/votes/" + id;
    }

    private static void attempt(RedirectAttributes ra, java.util.function.Supplier<String> action) {
        try {
            ra.addFlashAttribute("message", action.get());
        } catch (InvalidInputException e) {
            ra.addFlashAttribute("error", e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message());
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            ra.addFlashAttribute("error", e.getMessage());
        }
    }
}
