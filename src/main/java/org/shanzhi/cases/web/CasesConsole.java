package org.shanzhi.cases.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.shanzhi.cases.BlowWhistle;
import org.shanzhi.cases.Case;
import org.shanzhi.cases.CaseCatalog;
import org.shanzhi.cases.CaseDesk;
import org.shanzhi.cases.CaseKind;
import org.shanzhi.cases.CaseLevel;
import org.shanzhi.cases.CaseMeasures;
import org.shanzhi.cases.CasePhoto;
import org.shanzhi.cases.DispatchCase;
import org.shanzhi.cases.Disputes;
import org.shanzhi.cases.HandleCase;
import org.shanzhi.cases.Rating;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Territory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.shanzhi.common.console.ConsoleController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages of the case loop: the inbox of each level with SLA lights, a case with its log and the steps
 * the caller may take, and the measures table. Plain pages for now; the shared console layout wraps them later.
 */
@ConsoleController
@RequestMapping("/cases")
class CasesConsole {

    private final CaseDesk desk;
    private final CaseCatalog catalog;
    private final Disputes disputes;
    private final CaseMeasures measures;
    private final Territory territory;

    CasesConsole(CaseDesk desk, CaseCatalog catalog, Disputes disputes, CaseMeasures measures, Territory territory) {
        this.desk = desk;
        this.catalog = catalog;
        this.disputes = disputes;
        this.measures = measures;
        this.territory = territory;
    }

    /** The level a role works at when it opens the inbox. */
    static CaseLevel defaultLevel(Actor a) {
        return switch (a.role()) {
            case "PARTY_CENTER" -> CaseLevel.HOUSEHOLD;
            case "COUNTY_ADMIN", "TOWNSHIP_ADMIN", "AUDITOR", "DEPARTMENT_STAFF" -> CaseLevel.TOWNSHIP;
            default -> CaseLevel.VILLAGE;
        };
    }

    @GetMapping
    String inbox(@RequestParam(required = false) CaseLevel level, @RequestParam(required = false) String division,
            @RequestParam(defaultValue = "0") int page, Model model) {
        Actor a = ScopeGuard.actor();
        CaseLevel l = level != null ? level : defaultLevel(a);
        Map<CaseLevel, Long> counts = new LinkedHashMap<>();
        for (CaseLevel x : CaseLevel.values()) {
            counts.put(x, desk.inbox(x, division, 0, 1).total());
        }
        Page<Case> cases = desk.inbox(l, division, page, 50);
        model.addAttribute("actor", a);
        model.addAttribute("level", l);
        model.addAttribute("counts", counts);
        model.addAttribute("cases", cases);
        model.addAttribute("division", division);
        return "cases/inbox";
    }

    /** The inbox of a level as .xlsx with the page's filters (level, division): every page of it. */
    @GetMapping("/export.xlsx")
    org.springframework.http.ResponseEntity<byte[]> export(@RequestParam(required = false) CaseLevel level,
            @RequestParam(required = false) String division) {
        CaseLevel l = level != null ? level : defaultLevel(ScopeGuard.actor());
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        try (org.shanzhi.common.XlsxExport x = new org.shanzhi.common.XlsxExport("事件", List.of("灯", "案件", "类别", "状态", "上报",
                "本级时限", "办理", "村"))) {
            x.pages(n -> desk.inbox(l, division, n, Page.MAX_SIZE), items -> items.forEach(k -> x.row(k.light().label().split(" / ")[0],
                    k.title(), k.categoryName(), k.status().label(), k.reportedAt(),
                    k.dueAt() == null || !k.status().timed() ? null : k.dueAt(),
                    k.handlerDepartment() != null ? k.handlerDepartment() : k.handlerName(), k.villageCode())));
            return x.download("事件-" + l.name() + ".xlsx");
        }
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        Case k = desk.get(id);
        model.addAttribute("actor", ScopeGuard.actor());
        model.addAttribute("k", k);
        model.addAttribute("place", territory.path(k.groupCode() != null ? k.groupCode() : k.villageCode()).stream()
                .filter(d -> d.code().length() >= 9).map(Division::name).collect(java.util.stream.Collectors.joining(" ")));
        model.addAttribute("log", desk.log(id));
        model.addAttribute("calls", desk.calls(id));
        model.addAttribute("photos", desk.photoIds(id));
        model.addAttribute("allowed", desk.allowedActions(k).stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("departments", catalog.departments(k.countyCode()));
        model.addAttribute("levels", CaseLevel.values());
        model.addAttribute("ratings", Rating.values());
        model.addAttribute("limits", catalog.limits(k.countyCode()));
        if (k.kind() == CaseKind.DISPUTE) {
            model.addAttribute("dispute", disputes.dispute(id));
            model.addAttribute("mediators", disputes.mediators(k.villageCode()));
        }
        return "cases/detail";
    }

    @GetMapping("/{id}/photos/{photoId}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        CasePhoto p = desk.photo(id, photoId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(p.contentType())).body(p.data());
    }

    /** One form per step; the answer comes back as a message on the case page. */
    @PostMapping("/{id}/{action}")
    String act(@PathVariable long id, @PathVariable String action, @RequestParam Map<String, String> form,
            @RequestParam(name = "departments", required = false) List<String> departments, RedirectAttributes flash) {
        Supplier<Object> work = switch (action) {
            case "accept" -> () -> desk.accept(id, form.get("note"));
            case "refuse" -> () -> desk.refuse(id, form.get("reason"));
            case "dispatch" -> () -> desk.dispatch(id, new DispatchCase(form.get("handlerUsername"),
                    blank(form.get("level")) ? null : CaseLevel.valueOf(form.get("level")), form.get("department"), form.get("note")));
            case "handle" -> () -> desk.handle(id, new HandleCase(form.get("note"),
                    blank(form.get("volunteerHouseholdId")) ? null : parseId("volunteerHouseholdId", form.get("volunteerHouseholdId"))));
            case "feedback" -> () -> desk.feedback(id, form.get("note"));
            case "rate" -> () -> desk.rate(id, blank(form.get("rating")) ? null : Rating.valueOf(form.get("rating")), form.get("note"));
            case "close" -> () -> desk.close(id, form.get("note"));
            case "reopen" -> () -> desk.reopen(id, form.get("reason"));
            case "whistle" -> () -> desk.whistle(id, new BlowWhistle(departments,
                    blank(form.get("hours")) ? null : Integer.valueOf(form.get("hours")), form.get("note")));
            case "respond" -> () -> desk.respond(id, form.get("note"));
            case "mediator" -> () -> disputes.chooseMediator(id, parseId("mediatorId", form.get("mediatorId")),
                    "true".equals(form.get("chosenByParties")));
            case "session" -> () -> disputes.recordSession(id, blank(form.get("heldOn")) ? null : LocalDate.parse(form.get("heldOn")),
                    blank(form.get("outcome")) ? null : Disputes.Outcome.valueOf(form.get("outcome")), form.get("note"));
            case "agreement" -> () -> disputes.agree(id, form.get("agreement"),
                    blank(form.get("followUpOn")) ? null : LocalDate.parse(form.get("followUpOn")));
            case "refer" -> () -> disputes.refer(id, form.get("reason"));
            case "follow-up" -> () -> disputes.followUp(id, form.get("note"));
            default -> throw new org.shanzhi.common.NotFoundException("未知操作 / unknown step");
        };
        try {
            work.get();
            flash.addFlashAttribute("message", "已保存 / saved");
        } catch (InvalidInputException | ConflictException | ForbiddenException | IllegalArgumentException
                | java.time.format.DateTimeParseException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/cases/" + id;
    }

    @GetMapping("/measures")
    String measures(@RequestParam(required = false) CaseMeasures.Unit unit, @RequestParam(required = false) String division,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        Actor a = ScopeGuard.actor();
        CaseMeasures.Unit u = unit != null ? unit
                : a.gridId() != null ? CaseMeasures.Unit.GRID
                : "DEPARTMENT_STAFF".equals(a.role()) ? CaseMeasures.Unit.DEPARTMENT
                : a.scopeCode().length() == 6 ? CaseMeasures.Unit.TOWNSHIP : CaseMeasures.Unit.VILLAGE;
        model.addAttribute("actor", a);
        model.addAttribute("report", measures.measure(u, division, from, to));
        model.addAttribute("units", new ArrayList<>(Arrays.asList(CaseMeasures.Unit.values())));
        return "cases/measures";
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static long parseId(String field, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (RuntimeException e) {
            throw new InvalidInputException(field, "应为数字编号 / must be a numeric id");
        }
    }
}
