package org.shanzhi.monitoring.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.common.console.Fmt;
import org.shanzhi.monitoring.Duties;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Territory;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Cadre duty lists (乡村履职清单): a cadre scores their own duties for a month, the branch meeting reviews the
 * month's scores in the first week of the next, the village publishes a quarter's results.
 */
@ConsoleController
@RequestMapping("/monitoring/duties")
class DutyPages {

    private final Duties duties;
    private final Territory territory;
    private final Fmt fmt;
    private final Clock clock;

    DutyPages(Duties duties, Territory territory, Fmt fmt, Clock clock) {
        this.duties = duties;
        this.territory = territory;
        this.fmt = fmt;
        this.clock = clock;
    }

    @GetMapping
    String page(@RequestParam(required = false) String village, @RequestParam(required = false) String month, Model model) {
        fill(model, village, month);
        return "monitoring/duties";
    }

    private void fill(Model model, String village, String month) {
        Actor a = ScopeGuard.actor();
        String v = village != null && !village.isBlank() ? village.trim() : a.scopeCode();
        String m = month != null && !month.isBlank() ? month.trim() : YearMonth.now(clock).minusMonths(1).toString();
        model.addAttribute("village", v);
        model.addAttribute("month", m);
        boolean isVillage = v.length() == 12;
        model.addAttribute("isVillage", isVillage);
        model.addAttribute("villages", a.scopeCode().length() == 9 ? territory.children(a.scopeCode()) : List.<Division>of());
        if (isVillage) {
            List<Duties.VillageDuty> list = duties.villageDuties(v);
            List<Duties.Score> scores = duties.scores(v, m);
            model.addAttribute("villageName", territory.find(v).map(Division::name).orElse(v));
            model.addAttribute("duties", list);
            model.addAttribute("scores", scores);
            model.addAttribute("scoreByDuty", scores.stream().collect(Collectors.toMap(Duties.Score::dutyId, s -> s)));
            model.addAttribute("results", duties.results(v, m));
            model.addAttribute("mine", a.readOnly() || !"VILLAGE_CADRE".equals(a.role()) ? List.of()
                    : list.stream().filter(d -> d.cadreAccountId() == a.accountId()).toList());
            model.addAttribute("mayReview", !a.readOnly() && List.of("VILLAGE_CADRE", "TOWNSHIP_ADMIN").contains(a.role()));
        }
        YearMonth now = YearMonth.now(clock);
        // the last quarter that has ended: the one a village may publish now
        int done = (now.getMonthValue() - 1) / 3;
        model.addAttribute("pubYear", done == 0 ? now.getYear() - 1 : now.getYear());
        model.addAttribute("pubQuarter", done == 0 ? 4 : done);
        model.addAttribute("listTypes", Duties.LIST_TYPES);
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
    }

    @PostMapping("/self-score")
    String selfScore(@RequestParam(required = false) String village, @RequestParam(required = false) String month,
            @RequestParam(required = false) String dutyId, @RequestParam(required = false) String selfPoints,
            @RequestParam(required = false) String note, Model model, HttpServletResponse res) {
        try {
            duties.selfScore(village, month, Refusal.id(dutyId), Refusal.integer(selfPoints), note);
            return "redirect:/monitoring/duties?village=" + village + "&month=" + month;
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "self-" + dutyId);
            model.addAttribute("values", Map.of("selfPoints", MonitoringConsole.str(selfPoints), "note", MonitoringConsole.str(note)));
            fill(model, village, month);
            return "monitoring/duties";
        }
    }

    @PostMapping("/review")
    String review(@RequestParam(required = false) String village, @RequestParam(required = false) String month,
            @RequestParam(required = false) String dutyId, @RequestParam(required = false) String reviewedPoints,
            @RequestParam(required = false) String note, Model model, HttpServletResponse res) {
        try {
            duties.review(village, month, Refusal.id(dutyId), Refusal.integer(reviewedPoints), note);
            return "redirect:/monitoring/duties?village=" + village + "&month=" + month;
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "review-" + dutyId);
            model.addAttribute("values", Map.of("reviewedPoints", MonitoringConsole.str(reviewedPoints), "note", MonitoringConsole.str(note)));
            fill(model, village, month);
            return "monitoring/duties";
        }
    }

    @PostMapping("/publish")
    String publish(@RequestParam(required = false) String village, @RequestParam(required = false) String month,
            @RequestParam(required = false) String year, @RequestParam(required = false) String quarter, Model model,
            HttpServletResponse res) {
        try {
            duties.publishQuarter(village, Refusal.integer(year), Refusal.integer(quarter));
            return "redirect:/monitoring/duties?village=" + village + "&month=" + month + "&published=" + year + "-Q" + quarter;
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "publish");
            fill(model, village, month);
            return "monitoring/duties";
        }
    }
}
