package org.shanzhi.monitoring.web;

import java.time.YearMonth;
import java.time.Clock;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.monitoring.Campaigns;
import org.shanzhi.monitoring.Duties;
import org.shanzhi.monitoring.Monitoring;
import org.shanzhi.monitoring.Reviews;
import org.shanzhi.common.console.ConsoleController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Console pages of the monitoring module (read views; changes go through the API). */
@ConsoleController
@RequestMapping("/monitoring")
class MonitoringConsole {

    private final Monitoring monitoring;
    private final Campaigns campaigns;
    private final Duties duties;
    private final Reviews reviews;
    private final Clock clock;

    MonitoringConsole(Monitoring monitoring, Campaigns campaigns, Duties duties, Reviews reviews, Clock clock) {
        this.monitoring = monitoring;
        this.campaigns = campaigns;
        this.duties = duties;
        this.reviews = reviews;
        this.clock = clock;
    }

    @GetMapping
    String cases(@RequestParam(required = false) String division, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", monitoring.cases(division, status, page, 50));
        model.addAttribute("statuses", Monitoring.STATUS_LABELS);
        model.addAttribute("status", status);
        model.addAttribute("division", division);
        model.addAttribute("line", monitoring.incomeLine(null).orElse(null));
        return "monitoring/cases";
    }

    @GetMapping("/cases/{id}")
    String file(@PathVariable long id, Model model) {
        model.addAttribute("file", monitoring.caseFile(id));
        model.addAttribute("measureKinds", Monitoring.MEASURE_KINDS);
        return "monitoring/file";
    }

    @GetMapping("/campaigns")
    String campaigns(Model model) {
        model.addAttribute("campaigns", campaigns.campaigns());
        return "monitoring/campaigns";
    }

    @GetMapping("/campaigns/{id}")
    String progress(@PathVariable long id, @RequestParam(required = false) String division, Model model) {
        model.addAttribute("campaign", campaigns.campaign(id));
        model.addAttribute("rows", campaigns.progress(id, division));
        model.addAttribute("division", division == null ? ScopeGuard.actor().scopeCode() : division);
        return "monitoring/progress";
    }

    @GetMapping("/duties")
    String duties(@RequestParam(required = false) String village, @RequestParam(required = false) String month, Model model) {
        String v = village != null ? village : ScopeGuard.actor().scopeCode();
        String m = month != null ? month : YearMonth.now(clock).minusMonths(1).toString();
        model.addAttribute("village", v);
        model.addAttribute("month", m);
        boolean isVillage = v.length() == 12;
        model.addAttribute("isVillage", isVillage);
        if (isVillage) {
            model.addAttribute("duties", duties.villageDuties(v));
            model.addAttribute("scores", duties.scores(v, m));
            model.addAttribute("results", duties.results(v, m));
        }
        model.addAttribute("listTypes", Duties.LIST_TYPES);
        return "monitoring/duties";
    }

    @GetMapping("/reviews")
    String reviewList(Model model) {
        model.addAttribute("reviews", reviews.reviews());
        return "monitoring/reviews";
    }

    @GetMapping("/reviews/{id}")
    String review(@PathVariable long id, @RequestParam(required = false) String division, Model model) {
        Reviews.Summary summary = reviews.summary(id);
        model.addAttribute("summary", summary);
        model.addAttribute("template", reviews.templates().stream().filter(t -> t.id() == summary.review().templateId()).findFirst().orElse(null));
        model.addAttribute("assessments", reviews.assessments(id, division));
        model.addAttribute("grades", Reviews.GRADES);
        model.addAttribute("stages", Reviews.STAGES);
        return "monitoring/review";
    }

    @GetMapping("/stars")
    String stars(@RequestParam(required = false) Integer year, @RequestParam(required = false) String division, Model model) {
        model.addAttribute("stars", reviews.starBoard(year, division));
        return "monitoring/stars";
    }
}
