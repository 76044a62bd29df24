package org.shanzhi.monitoring.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.common.console.Fmt;
import org.shanzhi.monitoring.Campaigns;
import org.shanzhi.registry.Registry;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Territory;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Survey campaigns (下发 → 转办 → 反馈 → 评价): the county issues a campaign from its templates, townships and
 * villages forward it, a grid worker fills a household's form on a phone, the village or township evaluates it;
 * progress by level is counted from the forms.
 */
@ConsoleController
@RequestMapping("/monitoring")
class CampaignPages {

    private final Campaigns campaigns;
    private final Territory territory;
    private final Registry registry;
    private final Fmt fmt;

    CampaignPages(Campaigns campaigns, Territory territory, Registry registry, Fmt fmt) {
        this.campaigns = campaigns;
        this.territory = territory;
        this.registry = registry;
        this.fmt = fmt;
    }

    /** The issue form as typed. */
    record IssueForm(String title, String surveyTemplateId, String measuresTemplateId, List<String> townships, String deadline) {
        static IssueForm empty() {
            return new IssueForm("", "", "", List.of(), "");
        }
    }

    @GetMapping("/campaigns")
    String campaigns(Model model) {
        fillList(model, IssueForm.empty());
        return "monitoring/campaigns";
    }

    private void fillList(Model model, IssueForm form) {
        Actor a = ScopeGuard.actor();
        model.addAttribute("campaigns", campaigns.campaigns());
        boolean mayIssue = !a.readOnly() && "COUNTY_ADMIN".equals(a.role());
        model.addAttribute("mayIssue", mayIssue);
        model.addAttribute("form", form);
        if (mayIssue) {
            List<Campaigns.Template> templates = campaigns.templates();
            model.addAttribute("surveys", templates.stream().filter(t -> "SURVEY".equals(t.kind())).toList());
            model.addAttribute("measureForms", templates.stream().filter(t -> "MEASURES".equals(t.kind())).toList());
            model.addAttribute("townships", territory.children(a.countyCode()));
        }
    }

    @PostMapping("/campaigns")
    String issue(@RequestParam(required = false) String title, @RequestParam(required = false) String surveyTemplateId,
            @RequestParam(required = false) String measuresTemplateId, @RequestParam(required = false) List<String> townships,
            @RequestParam(required = false) String deadline, Model model, HttpServletResponse res) {
        List<String> chosen = townships == null ? List.of() : townships;
        try {
            if (deadline != null && !deadline.isBlank() && Refusal.date(deadline) == null) {
                throw new InvalidInputException("deadline", "日期格式应为 yyyy-MM-dd / deadline is yyyy-MM-dd");
            }
            Campaigns.Campaign c = campaigns.issue(title, Refusal.id(surveyTemplateId), Refusal.id(measuresTemplateId), chosen,
                    Refusal.date(deadline));
            return "redirect:/monitoring/campaigns/" + c.id();
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "issue");
            fillList(model, new IssueForm(MonitoringConsole.str(title), MonitoringConsole.str(surveyTemplateId),
                    MonitoringConsole.str(measuresTemplateId), chosen, MonitoringConsole.str(deadline)));
            return "monitoring/campaigns";
        }
    }

    @GetMapping("/campaigns/{id}")
    String progress(@PathVariable long id, @RequestParam(required = false) String division, Model model) {
        fillProgress(model, id, division);
        return "monitoring/progress";
    }

    private void fillProgress(Model model, long id, String division) {
        Actor a = ScopeGuard.actor();
        String code = division == null || division.isBlank() ? a.scopeCode() : division.trim();
        model.addAttribute("campaign", campaigns.campaign(id));
        model.addAttribute("rows", campaigns.progress(id, code));
        model.addAttribute("division", code);
        model.addAttribute("divisionName", territory.find(code).map(Division::name).orElse(code));
        boolean township = code.length() == 9;
        boolean village = code.length() == 12;
        model.addAttribute("isVillage", village);
        model.addAttribute("mayForward", !a.readOnly() && ((township && List.of("COUNTY_ADMIN", "TOWNSHIP_ADMIN").contains(a.role()))
                || (village && List.of("COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE").contains(a.role()))));
        model.addAttribute("mayForms", List.of("COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE", "GRID_WORKER").contains(a.role()));
    }

    @PostMapping("/campaigns/{id}/forward")
    String forward(@PathVariable long id, @RequestParam(required = false) String division, Model model, HttpServletResponse res) {
        try {
            campaigns.forward(id, division);
            return "redirect:/monitoring/campaigns/" + id + "?division=" + division;
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "forward");
            fillProgress(model, id, division);
            return "monitoring/progress";
        }
    }

    @GetMapping("/campaigns/{id}/forms")
    String forms(@PathVariable long id, @RequestParam(required = false) String division, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, Model model) {
        Actor a = ScopeGuard.actor();
        String code = division == null || division.isBlank() ? a.scopeCode() : division.trim();
        model.addAttribute("campaign", campaigns.campaign(id));
        model.addAttribute("forms", campaigns.forms(id, code, MonitoringConsole.blank(status), Math.max(0, page), 50));
        model.addAttribute("division", code);
        model.addAttribute("status", status);
        return "monitoring/forms";
    }

    /** One field of a household form: the county's fact definition and the value given so far. */
    record Field(String key, String label, String type, List<String> options, String value) {
    }

    @GetMapping("/forms/{id}")
    String form(@PathVariable long id, Model model) {
        fillForm(model, id, null);
        return "monitoring/form";
    }

    private void fillForm(Model model, long id, Map<String, String> typed) {
        Actor a = ScopeGuard.actor();
        Campaigns.Form f = campaigns.form(id);
        Map<String, Registry.FieldDef> defs = new LinkedHashMap<>();
        registry.fields(a.countyCode()).forEach(d -> defs.put(d.key(), d));
        Map<String, String> values = typed != null ? typed : f.answers();
        List<Field> fields = new ArrayList<>();
        for (String key : campaigns.formFields(f.campaignId())) {
            Registry.FieldDef d = defs.get(key);
            fields.add(new Field(key, d == null ? key : d.label(), d == null ? "TEXT" : d.type(), d == null ? List.of() : d.options(),
                    values.getOrDefault(key, "")));
        }
        model.addAttribute("f", f);
        model.addAttribute("campaign", campaigns.campaign(f.campaignId()));
        model.addAttribute("fields", fields);
        model.addAttribute("mayFill", !a.readOnly() && List.of("GRID_WORKER", "VILLAGE_CADRE").contains(a.role())
                && !"EVALUATED".equals(f.status()));
        model.addAttribute("mayEvaluate", !a.readOnly() && List.of("COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE").contains(a.role())
                && "FILLED".equals(f.status()));
    }

    @PostMapping("/forms/{id}/fill")
    String fill(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse res) {
        Map<String, String> answers = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("a.") && v != null && !v.isEmpty() && v.get(0) != null && !v.get(0).isBlank()) {
                answers.put(k.substring(2), v.get(0).trim());
            }
        });
        try {
            Campaigns.Form f = campaigns.fill(id, answers);
            return "redirect:/monitoring/campaigns/" + f.campaignId() + "/forms?division=" + f.villageCode() + "&saved=" + f.id();
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "fill");
            fillForm(model, id, answers);
            return "monitoring/form";
        }
    }

    @PostMapping("/forms/{id}/evaluate")
    String evaluate(@PathVariable long id, @RequestParam(required = false) String accepted, @RequestParam(required = false) String note,
            Model model, HttpServletResponse res) {
        try {
            Campaigns.Form f = campaigns.evaluate(id, accepted == null || accepted.isBlank() ? null : Boolean.valueOf(accepted), note);
            return "redirect:/monitoring/campaigns/" + f.campaignId() + "/forms?division=" + f.villageCode();
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            Refusal.show(model, res, fmt, e, "evaluate");
            fillForm(model, id, null);
            return "monitoring/form";
        }
    }
}
