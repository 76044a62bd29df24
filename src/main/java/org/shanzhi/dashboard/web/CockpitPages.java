package org.shanzhi.dashboard.web;

import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.dashboard.Cockpit;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The cockpit page: every figure as plain text and tables (works without scripts and on a phone), with charts
 * drawn by static/js/cockpit.js from the same figures as JSON ({@code /cockpit/data}).
 */
@ConsoleController
class CockpitPages {

    private final Cockpit cockpit;

    CockpitPages(Cockpit cockpit) {
        this.cockpit = cockpit;
    }

    @GetMapping("/cockpit")
    String page(@RequestParam(required = false) String division, @RequestParam(required = false) Integer year, Model model) {
        model.addAttribute("v", cockpit.view(division, year));
        model.addAttribute("scope", org.shanzhi.common.ScopeGuard.actor().scopeCode());
        return "dashboard/cockpit";
    }

    @GetMapping(value = "/cockpit/data", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Cockpit.View> data(@RequestParam(required = false) String division, @RequestParam(required = false) Integer year) {
        return ResponseEntity.ok(cockpit.view(division, year));
    }
}
