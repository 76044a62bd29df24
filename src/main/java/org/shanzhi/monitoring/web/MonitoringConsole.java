package org.shanzhi.monitoring.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.common.console.Fmt;
import org.shanzhi.monitoring.Monitoring;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Return-to-poverty pages: the list of monitored households with the form a cadre or grid worker uses to
 * record a household found on a visit (or its application), and a household's file with the steps, measures
 * and income checks the caller's role may record. Refused forms answer 422 with the messages beside their fields.
 */
@ConsoleController
@RequestMapping("/monitoring")
class MonitoringConsole {

    /** Roles that record a household found on a visit or its application. */
    static final List<String> OPENERS = List.of("COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE", "GRID_WORKER");
    static final List<String> MEASURE_ROLES = List.of("COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE");

    private final Monitoring monitoring;
    private final Registry registry;
    private final Fmt fmt;
    private final java.time.Clock clock;

    MonitoringConsole(Monitoring monitoring, Registry registry, Fmt fmt, java.time.Clock clock) {
        this.monitoring = monitoring;
        this.registry = registry;
        this.fmt = fmt;
        this.clock = clock;
    }

    /** The open-case form as typed. */
    record OpenForm(String householdNumber, String channel, String kind, String reason) {
        static OpenForm empty() {
            return new OpenForm("", "VISIT", "", "");
        }
    }

    @GetMapping
    String cases(@RequestParam(required = false) String division, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, Model model) {
        fillCases(model, division, status, page, OpenForm.empty());
        return "monitoring/cases";
    }

    private void fillCases(Model model, String division, String status, int page, OpenForm form) {
        Actor a = ScopeGuard.actor();
        model.addAttribute("page", monitoring.cases(blank(division), blank(status), Math.max(0, page), 50));
        model.addAttribute("statuses", Monitoring.STATUS_LABELS);
        model.addAttribute("status", status);
        model.addAttribute("division", division);
        model.addAttribute("line", monitoring.incomeLine(null).orElse(null));
        model.addAttribute("mayOpen", !a.readOnly() && OPENERS.contains(a.role()));
        model.addAttribute("kinds", Monitoring.KINDS);
        model.addAttribute("form", form);
    }

    @PostMapping("/cases")
    String open(OpenForm form, Model model, HttpServletResponse res) {
        try {
            Long household = householdByNumber(form.householdNumber());
            if (household == null) {
                throw new InvalidInputException("householdNumber", form.householdNumber() == null || form.householdNumber().isBlank()
                        ? "户编号必填 / household number is required"
                        : "您负责的范围内没有该户编号 / no household with this number in your area");
            }
            Monitoring.MonitoringCase c = monitoring.openCase(household, form.channel(), form.kind(), form.reason());
            return "redirect:/monitoring/cases/" + c.id();
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "open");
            fillCases(model, null, null, 0, form);
            return "monitoring/cases";
        }
    }

    private Long householdByNumber(String number) {
        if (number == null || number.isBlank()) {
            return null;
        }
        String n = number.trim();
        try {
            return registry.searchHouseholds(null, n, 0, 10).items().stream().filter(h -> h.number().equals(n)).map(Household::id)
                    .findFirst().orElse(null);
        } catch (NotFoundException | InvalidInputException e) {
            return null;
        }
    }

    @GetMapping("/cases/{id}")
    String file(@PathVariable long id, Model model) {
        fillFile(model, id);
        return "monitoring/file";
    }

    private void fillFile(Model model, long id) {
        Actor a = ScopeGuard.actor();
        Monitoring.CaseFile file = monitoring.caseFile(id);
        model.addAttribute("file", file);
        model.addAttribute("measureKinds", Monitoring.MEASURE_KINDS);
        model.addAttribute("kinds", Monitoring.KINDS);
        String status = file.monitoringCase().status();
        List<Monitoring.Step> steps = a.readOnly() ? List.of()
                : Arrays.stream(Monitoring.Step.values()).filter(s -> s.allows(status, a.role())).toList();
        model.addAttribute("steps", steps);
        model.addAttribute("stepForms", steps.stream().map(s -> "step-" + s.name()).toList());
        boolean monitored = List.of("MONITORED", "ELIM_REVIEWED", "ELIM_NOTICED").contains(status);
        model.addAttribute("mayMeasure", !a.readOnly() && monitored && MEASURE_ROLES.contains(a.role()));
        model.addAttribute("mayOutcome", !a.readOnly() && MEASURE_ROLES.contains(a.role()));
        model.addAttribute("mayCheck", !a.readOnly() && OPENERS.contains(a.role()) && !"CLOSED".equals(status));
        model.addAttribute("today", java.time.LocalDate.now(clock));
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
    }

    @PostMapping("/cases/{id}/steps")
    String step(@PathVariable long id, @RequestParam(required = false) String step, @RequestParam(required = false) String approved,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String note, Model model, HttpServletResponse res) {
        try {
            Boolean ok = approved == null || approved.isBlank() ? null : Boolean.valueOf(approved);
            monitoring.step(id, step, ok, kind, note);
            return "redirect:/monitoring/cases/" + id;
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "step-" + step);
            model.addAttribute("values", Map.of("note", note == null ? "" : note));
            fillFile(model, id);
            return "monitoring/file";
        }
    }

    @PostMapping("/cases/{id}/measures")
    String measure(@PathVariable long id, @RequestParam(required = false) String kind, @RequestParam(required = false) String description,
            @RequestParam(required = false) String responsible, @RequestParam(required = false) String startOn,
            @RequestParam(required = false) String endOn, Model model, HttpServletResponse res) {
        try {
            monitoring.addMeasure(id, blank(kind), description, responsible, Refusal.date(startOn), Refusal.date(endOn));
            return "redirect:/monitoring/cases/" + id;
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "measure");
            model.addAttribute("values", Map.of("kind", str(kind), "description", str(description), "responsible", str(responsible),
                    "startOn", str(startOn), "endOn", str(endOn)));
            fillFile(model, id);
            return "monitoring/file";
        }
    }

    @PostMapping("/cases/{id}/measures/{measureId}/outcome")
    String outcome(@PathVariable long id, @PathVariable long measureId, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String endOn, Model model, HttpServletResponse res) {
        try {
            monitoring.recordOutcome(id, measureId, outcome, Refusal.date(endOn));
            return "redirect:/monitoring/cases/" + id;
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "outcome-" + measureId);
            fillFile(model, id);
            return "monitoring/file";
        }
    }

    @PostMapping("/cases/{id}/income-checks")
    String incomeCheck(@PathVariable long id, @RequestParam(required = false) String incomePerCapita, Model model, HttpServletResponse res) {
        try {
            monitoring.recordIncomeCheck(id, Refusal.decimal(incomePerCapita));
            return "redirect:/monitoring/cases/" + id;
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "income");
            model.addAttribute("values", Map.of("incomePerCapita", str(incomePerCapita)));
            fillFile(model, id);
            return "monitoring/file";
        }
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String str(String s) {
        return s == null ? "" : s;
    }
}
