package org.shanzhi.audit.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shanzhi.audit.AuditTrail;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail for auditors and county admins: search by person, account, action and time; verify the chain. */
@ConsoleController
class AuditPages {

    static final int PAGE_SIZE = 50;

    private final AuditTrail trail;

    AuditPages(AuditTrail trail) {
        this.trail = trail;
    }

    /** Filters as typed; each is parsed here so a malformed one is shown beside its field, not answered with 400. */
    @GetMapping("/audit")
    String search(@RequestParam(defaultValue = "") String person, @RequestParam(defaultValue = "") String account,
            @RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "0") int page, Model model,
            HttpServletResponse res) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long personId = id(person, "person", errors);
        Long accountId = id(account, "account", errors);
        LocalDate fromDay = day(from, "from", errors);
        LocalDate toDay = day(to, "to", errors);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            errors.put("to", "audit.error.range");
        }
        model.addAttribute("filter", Map.of("person", person, "account", account, "action", action, "from", from, "to", to));
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            // still check the caller may read the trail at all before showing the form
            trail.search(null, null, null, null, null, 0, 1);
            res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "audit/audit";
        }
        model.addAttribute("entries", trail.search(personId, accountId, action.isBlank() ? null : action.trim(),
                fromDay == null ? null : fromDay.atStartOfDay(),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(), // "to" is inclusive: the whole day
                Math.max(0, page), PAGE_SIZE));
        return "audit/audit";
    }

    @GetMapping("/audit/verify")
    String verify(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("check", trail.verify(ScopeGuard.actor().countyCode()));
        if (htmx != null) {
            return "audit/audit :: chain";
        }
        model.addAttribute("filter", Map.of("person", "", "account", "", "action", "", "from", "", "to", ""));
        model.addAttribute("errors", Map.of());
        model.addAttribute("entries", trail.search(null, null, null, null, null, 0, PAGE_SIZE));
        return "audit/audit";
    }

    private static Long id(String s, String field, Map<String, String> errors) {
        if (s.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            errors.put(field, "audit.error.id");
            return null;
        }
    }

    private static LocalDate day(String s, String field, Map<String, String> errors) {
        if (s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            errors.put(field, "audit.error.date");
            return null;
        }
    }
}
