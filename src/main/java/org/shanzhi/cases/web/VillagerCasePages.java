package org.shanzhi.cases.web;

import java.io.IOException;
import org.shanzhi.cases.Case;
import org.shanzhi.cases.CaseAction;
import org.shanzhi.cases.CaseCatalog;
import org.shanzhi.cases.CaseDesk;
import org.shanzhi.cases.NewPhoto;
import org.shanzhi.cases.Rating;
import org.shanzhi.cases.ReportCase;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The villager's mobile pages (360 px wide phones): report a problem with an optional photo, see my cases,
 * follow one and rate it. Party-member central households and grid workers use the same report page.
 */
@ConsoleController
@RequestMapping("/m/cases")
class VillagerCasePages {

    private final CaseDesk desk;
    private final CaseCatalog catalog;

    VillagerCasePages(CaseDesk desk, CaseCatalog catalog) {
        this.desk = desk;
        this.catalog = catalog;
    }

    @GetMapping
    String mine(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("actor", ScopeGuard.actor());
        model.addAttribute("cases", desk.list(null, null, null, null, false, page, 20));
        return "cases/m-list";
    }

    @GetMapping("/new")
    String form(Model model) {
        model.addAttribute("actor", ScopeGuard.actor());
        model.addAttribute("categories", catalog.categories());
        return "cases/m-new";
    }

    @PostMapping
    String report(@RequestParam(required = false) String categoryCode, @RequestParam(required = false) String description,
            @RequestParam(required = false) Long householdId, @RequestParam(required = false) String address,
            @RequestParam(name = "photo", required = false) MultipartFile photo, Model model, RedirectAttributes flash)
            throws IOException {
        NewPhoto p = photo == null || photo.isEmpty() ? null : new NewPhoto(photo.getContentType(), photo.getBytes());
        try {
            Case k = desk.report(new ReportCase(categoryCode, null, null, description, householdId, null, null, address, null,
                    null, null, false, null, null, null, null), null, p);
            flash.addFlashAttribute("message", "已上报,可在此关注办理进度 / reported; follow it here");
            return "redirect:/m/cases/" + k.id();
        } catch (InvalidInputException | ForbiddenException e) {
            model.addAttribute("actor", ScopeGuard.actor());
            model.addAttribute("categories", catalog.categories());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("categoryCode", categoryCode);
            model.addAttribute("description", description);
            model.addAttribute("address", address);
            return "cases/m-new";
        }
    }

    @GetMapping("/{id}")
    String follow(@PathVariable long id, Model model) {
        Case k = desk.get(id);
        model.addAttribute("actor", ScopeGuard.actor());
        model.addAttribute("k", k);
        model.addAttribute("log", desk.log(id));
        model.addAttribute("photos", desk.photoIds(id));
        var allowed = desk.allowedActions(k);
        model.addAttribute("mayRate", allowed.contains(CaseAction.RATE));
        model.addAttribute("mayReopen", allowed.contains(CaseAction.REOPEN));
        model.addAttribute("ratings", Rating.values());
        return "cases/m-case";
    }

    @PostMapping("/{id}/rate")
    String rate(@PathVariable long id, @RequestParam(required = false) Rating rating, @RequestParam(required = false) String note,
            RedirectAttributes flash) {
        return run(id, flash, () -> desk.rate(id, rating, note));
    }

    @PostMapping("/{id}/reopen")
    String reopen(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return run(id, flash, () -> desk.reopen(id, reason));
    }

    private String run(long id, RedirectAttributes flash, Runnable work) {
        try {
            work.run();
            flash.addFlashAttribute("message", "已提交,谢谢 / submitted, thank you");
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/m/cases/" + id;
    }
}
