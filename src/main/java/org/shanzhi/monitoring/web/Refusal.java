package org.shanzhi.monitoring.web;

import jakarta.servlet.http.HttpServletResponse;
import org.shanzhi.common.console.Fmt;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/** A refused form: 422, the messages by field, and which form on the page they belong to. */
final class Refusal {

    private Refusal() {
    }

    static void show(Model model, HttpServletResponse res, Fmt fmt, RuntimeException e, String form) {
        model.addAttribute("errors", fmt.errors(e));
        model.addAttribute("failed", form);
        res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
    }

    /** A number typed in a form, or null when it does not parse (the service then names the field). */
    static java.math.BigDecimal decimal(String s) {
        try {
            return s == null || s.isBlank() ? null : new java.math.BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Integer integer(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long id(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static java.time.LocalDate date(String s) {
        try {
            return s == null || s.isBlank() ? null : java.time.LocalDate.parse(s.trim());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
