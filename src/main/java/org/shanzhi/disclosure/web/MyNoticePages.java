package org.shanzhi.disclosure.web;

import java.util.HashMap;
import java.util.Map;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.disclosure.Notice;
import org.shanzhi.disclosure.NoticeBoard;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The villager's phone pages of the public notices (360 px): the village's notices, one notice with its lines as
 * cards and the answers to objections, and the objection form (to the whole notice or one line).
 */
@ConsoleController
@RequestMapping("/m/notices")
class MyNoticePages {

    private final NoticeBoard board;

    MyNoticePages(NoticeBoard board) {
        this.board = board;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        Actor a = ScopeGuard.actor();
        model.addAttribute("notices", board.list(a.scopeCode(), null, Math.max(0, page), 20));
        return "disclosure/m-notices";
    }

    @GetMapping("/{id}")
    String notice(@PathVariable long id, Model model) {
        Notice n = board.notice(id);
        Actor a = ScopeGuard.actor();
        Map<String, String> subjects = new HashMap<>();
        n.items().forEach(i -> subjects.put(i.ref(), i.subject()));
        model.addAttribute("notice", n);
        model.addAttribute("subjects", subjects);
        model.addAttribute("mayObject", n.open() && ("VILLAGER".equals(a.role()) || "PARTY_CENTER".equals(a.role()))
                && n.villageCode().equals(a.scopeCode()));
        return "disclosure/m-notice";
    }

    @PostMapping("/{id}/objections")
    String object(@PathVariable long id, @RequestParam(required = false) String itemRef, @RequestParam(required = false) String reason,
            RedirectAttributes ra) {
        try {
            board.object(id, itemRef == null || itemRef.isBlank() ? null : itemRef, reason);
            ra.addFlashAttribute("message", "异议已提交,村两委将调查核实后答复 / objection filed; the village committee will look into it and answer");
        } catch (InvalidInputException e) {
            ra.addFlashAttribute("error", e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message());
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            ra.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/m/notices/" + id;
    }
}
