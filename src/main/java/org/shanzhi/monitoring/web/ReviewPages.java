package org.shanzhi.monitoring.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.common.console.Fmt;
import org.shanzhi.monitoring.Reviews;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Territory;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Look-back reviews (回头看): the county imports an assessment form and starts a review; the village grades
 * itself item by item (自诊), the township checks (问诊), the county draws its reproducible sample (回诊);
 * problems, 一村一策 rectification plans and their closure; the star board with the weak-and-lax flag.
 */
@ConsoleController
@RequestMapping("/monitoring")
class ReviewPages {

    private final Reviews reviews;
    private final Territory territory;
    private final Fmt fmt;

    ReviewPages(Reviews reviews, Territory territory, Fmt fmt) {
        this.reviews = reviews;
        this.territory = territory;
        this.fmt = fmt;
    }

    record ElementGroup(String element, List<Reviews.TemplateItem> items) {
    }

    record SectionGroup(String section, List<ElementGroup> elements, int items) {
    }

    static List<SectionGroup> groups(Reviews.AssessmentTemplate t) {
        Map<String, Map<String, List<Reviews.TemplateItem>>> m = new LinkedHashMap<>();
        for (Reviews.TemplateItem i : t.items()) {
            m.computeIfAbsent(i.section(), k -> new LinkedHashMap<>()).computeIfAbsent(i.element(), k -> new ArrayList<>()).add(i);
        }
        List<SectionGroup> out = new ArrayList<>();
        m.forEach((s, els) -> {
            List<ElementGroup> list = new ArrayList<>();
            els.forEach((e, items) -> list.add(new ElementGroup(e, items)));
            out.add(new SectionGroup(s, list, list.stream().mapToInt(g -> g.items().size()).sum()));
        });
        return out;
    }

    private static boolean county(Actor a) {
        return !a.readOnly() && "COUNTY_ADMIN".equals(a.role());
    }

    // ---- list, import, new review ----------------------------------------------------------------

    @GetMapping("/reviews")
    String list(Model model) {
        fillList(model);
        return "monitoring/reviews";
    }

    private void fillList(Model model) {
        Actor a = ScopeGuard.actor();
        model.addAttribute("reviews", reviews.reviews());
        List<Reviews.AssessmentTemplate> templates = reviews.templates();
        model.addAttribute("templates", templates);
        model.addAttribute("mayManage", county(a));
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
    }

    /** The example form (郾城 回头看: 5 sections, 30 elements, 71 items) to download, fill in or change, and import. */
    @GetMapping("/reviews/example-form.csv")
    org.springframework.http.ResponseEntity<byte[]> exampleForm() throws IOException {
        reviews.templates(); // staff only
        try (var in = ReviewPages.class.getResourceAsStream("/monitoring/yancheng-look-back-template.csv")) {
            return org.springframework.http.ResponseEntity.ok()
                    .header("Content-Disposition", "attachment; filename=\"yancheng-look-back-template.csv\"")
                    .contentType(org.springframework.http.MediaType.parseMediaType("text/csv; charset=UTF-8")).body(in.readAllBytes());
        }
    }

    @PostMapping("/reviews/templates/import")
    String importTemplate(@RequestParam(required = false) String title, @RequestParam(required = false) MultipartFile file, Model model,
            HttpServletResponse res, RedirectAttributes flash) throws IOException {
        try {
            Reviews.TemplateImport r = reviews.importTemplate(title, file == null ? null : file.getOriginalFilename(),
                    file == null || file.isEmpty() ? null : file.getBytes());
            if (r.imported()) {
                flash.addFlashAttribute("imported", r);
                return "redirect:/monitoring/reviews";
            }
            model.addAttribute("importErrors", r.errors());
            model.addAttribute("failed", "import");
            model.addAttribute("errors", Map.of());
            res.setStatus(422);
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "import");
        }
        model.addAttribute("values", Map.of("title", MonitoringConsole.str(title)));
        fillList(model);
        return "monitoring/reviews";
    }

    @PostMapping("/reviews")
    String create(@RequestParam(required = false) String templateId, @RequestParam(required = false) String title,
            @RequestParam(required = false) String termStart, @RequestParam(required = false) String sampleSize, Model model,
            HttpServletResponse res) {
        try {
            Reviews.Review r = reviews.createReview(Refusal.id(templateId), title, Refusal.integer(termStart), Refusal.integer(sampleSize));
            return "redirect:/monitoring/reviews/" + r.id();
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "create");
            model.addAttribute("values", Map.of("templateId", MonitoringConsole.str(templateId), "title", MonitoringConsole.str(title),
                    "termStart", MonitoringConsole.str(termStart), "sampleSize", MonitoringConsole.str(sampleSize)));
            fillList(model);
            return "monitoring/reviews";
        }
    }

    // ---- one review ------------------------------------------------------------------------------

    @GetMapping("/reviews/{id}")
    String review(@PathVariable long id, @RequestParam(required = false) String village, Model model) {
        fillReview(model, id, village);
        return "monitoring/review";
    }

    private void fillReview(Model model, long id, String village) {
        Actor a = ScopeGuard.actor();
        Reviews.Summary summary = reviews.summary(id);
        List<Reviews.Assessment> assessments = reviews.assessments(id, null);
        model.addAttribute("summary", summary);
        model.addAttribute("assessments", assessments);
        model.addAttribute("grades", Reviews.GRADES);
        model.addAttribute("stages", Reviews.STAGES);
        Set<String> codes = new LinkedHashSet<>();
        if (a.scopeCode().length() == 12) {
            codes.add(a.scopeCode());
        } else if (a.scopeCode().length() == 9) {
            territory.children(a.scopeCode()).forEach(d -> codes.add(d.code()));
        } else {
            assessments.forEach(x -> codes.add(x.villageCode()));
            codes.addAll(summary.sample());
        }
        Map<String, String> names = new LinkedHashMap<>();
        codes.forEach(c -> names.put(c, territory.find(c).map(Division::name).orElse(c)));
        assessments.forEach(x -> names.putIfAbsent(x.villageCode(), territory.find(x.villageCode()).map(Division::name).orElse(x.villageCode())));
        summary.sample().forEach(c -> names.putIfAbsent(c, territory.find(c).map(Division::name).orElse(c)));
        model.addAttribute("villages", codes);
        model.addAttribute("names", names);
        String v = village != null && !village.isBlank() ? village.trim() : (codes.isEmpty() ? null : codes.iterator().next());
        model.addAttribute("village", v);
        String stage = switch (a.role()) {
            case "VILLAGE_CADRE" -> "SELF";
            case "TOWNSHIP_ADMIN" -> "TOWNSHIP";
            case "COUNTY_ADMIN" -> "DISTRICT";
            default -> null;
        };
        model.addAttribute("myStage", a.readOnly() ? null : stage);
        model.addAttribute("mayCounty", county(a));
        model.addAttribute("mayProblem", !a.readOnly() && List.of("COUNTY_ADMIN", "TOWNSHIP_ADMIN").contains(a.role()));
        model.addAttribute("mayRectify", !a.readOnly() && List.of("COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE").contains(a.role()));
        model.addAttribute("problems", reviews.problems(id, null));
        Reviews.AssessmentTemplate template = reviews.template(summary.review().templateId());
        model.addAttribute("template", template);
        model.addAttribute("sections", groups(template));
        if (v != null && v.length() == 12) {
            model.addAttribute("plan", reviews.plan(id, v));
        }
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
    }

    @PostMapping("/reviews/{id}/sample")
    String sample(@PathVariable long id, Model model, HttpServletResponse res) {
        try {
            reviews.sample(id);
            return "redirect:/monitoring/reviews/" + id;
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "sample");
            fillReview(model, id, null);
            return "monitoring/review";
        }
    }

    @PostMapping("/reviews/{id}/problems")
    String problem(@PathVariable long id, @RequestParam(required = false) String village, @RequestParam(required = false) String scope,
            @RequestParam(required = false) String description, @RequestParam(required = false) String stage, Model model,
            HttpServletResponse res) {
        try {
            reviews.addProblem(id, "COMMON".equals(scope) ? null : village, description, stage);
            return "redirect:/monitoring/reviews/" + id + "?village=" + MonitoringConsole.str(village) + "#problems";
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "problem");
            model.addAttribute("values", Map.of("description", MonitoringConsole.str(description)));
            fillReview(model, id, village);
            return "monitoring/review";
        }
    }

    @PostMapping("/reviews/{id}/rectifications")
    String rectify(@PathVariable long id, @RequestParam(required = false) String village, @RequestParam(required = false) String problemId,
            @RequestParam(required = false) String measure, @RequestParam(required = false) String deadline, Model model,
            HttpServletResponse res) {
        try {
            reviews.addRectification(id, village, Refusal.id(problemId), measure, Refusal.date(deadline));
            return "redirect:/monitoring/reviews/" + id + "?village=" + MonitoringConsole.str(village) + "#plan";
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "rectify");
            model.addAttribute("values", Map.of("measure", MonitoringConsole.str(measure), "deadline", MonitoringConsole.str(deadline)));
            fillReview(model, id, village);
            return "monitoring/review";
        }
    }

    @PostMapping("/reviews/{id}/rectifications/{rid}/close")
    String close(@PathVariable long id, @PathVariable long rid, @RequestParam(required = false) String village,
            @RequestParam(required = false) String note, Model model, HttpServletResponse res) {
        try {
            reviews.closeRectification(rid, note);
            return "redirect:/monitoring/reviews/" + id + "?village=" + MonitoringConsole.str(village) + "#plan";
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "close-" + rid);
            fillReview(model, id, village);
            return "monitoring/review";
        }
    }

    // ---- grading ---------------------------------------------------------------------------------

    @GetMapping("/reviews/{id}/assess")
    String assessForm(@PathVariable long id, @RequestParam(required = false) String village, @RequestParam(required = false) String stage,
            Model model) {
        fillAssess(model, id, village, stage, Map.of(), "", "");
        return "monitoring/assess";
    }

    private void fillAssess(Model model, long id, String village, String stage, Map<Long, String> chosen, String subject, String note) {
        Reviews.Review r = reviews.review(id);
        Reviews.AssessmentTemplate t = reviews.template(r.templateId());
        String v = village != null && !village.isBlank() ? village.trim() : ScopeGuard.actor().scopeCode();
        model.addAttribute("review", r);
        model.addAttribute("template", t);
        model.addAttribute("sections", groups(t));
        model.addAttribute("village", v);
        model.addAttribute("villageName", territory.find(v).map(Division::name).orElse(v));
        model.addAttribute("stage", stage == null || stage.isBlank() ? "SELF" : stage);
        model.addAttribute("stages", Reviews.STAGES);
        model.addAttribute("grades", Reviews.GRADES);
        model.addAttribute("chosen", chosen);
        model.addAttribute("subject", subject);
        model.addAttribute("note", note);
    }

    @PostMapping("/reviews/{id}/assess")
    String assess(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse res) {
        Map<Long, String> grades = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("g.") && v != null && !v.isEmpty()) {
                Long item = Refusal.id(k.substring(2));
                if (item != null) {
                    grades.put(item, v.get(0));
                }
            }
        });
        String village = params.getFirst("village");
        String stage = params.getFirst("stage");
        String subject = params.getFirst("subject");
        String note = params.getFirst("note");
        try {
            reviews.assess(id, village, stage, subject, grades, note);
            return "redirect:/monitoring/reviews/" + id + "?village=" + MonitoringConsole.str(village);
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "assess");
            fillAssess(model, id, village, stage, grades, MonitoringConsole.str(subject), MonitoringConsole.str(note));
            return "monitoring/assess";
        }
    }

    // ---- stars -----------------------------------------------------------------------------------

    @GetMapping("/stars")
    String stars(@RequestParam(required = false) Integer year, @RequestParam(required = false) String division, Model model) {
        List<Reviews.Stars> board = reviews.starBoard(year, division);
        model.addAttribute("stars", board);
        model.addAttribute("weak", board.stream().filter(Reviews.Stars::weakLax).count());
        return "monitoring/stars";
    }
}
