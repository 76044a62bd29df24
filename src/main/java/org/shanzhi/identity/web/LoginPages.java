package org.shanzhi.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.common.console.Fmt;
import org.shanzhi.identity.Accounts;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The login page (Spring Security handles the POST), and changing one's own password. */
@ConsoleController
class LoginPages {

    private final Accounts accounts;
    private final Fmt fmt;

    LoginPages(Accounts accounts, Fmt fmt) {
        this.accounts = accounts;
        this.fmt = fmt;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
            HttpSession session, Model model) {
        if (ScopeGuard.current().isPresent()) {
            return "redirect:/";
        }
        if (error != null) {
            // the refusal's own words: wrong password, or locked for 15 minutes
            Object e = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("error", e instanceof Exception ex && ex.getMessage() != null ? fmt.text(ex.getMessage()) : "");
        }
        model.addAttribute("loggedOut", logout != null);
        return "identity/login";
    }

    @GetMapping("/account/password")
    String passwordForm() {
        return "identity/password";
    }

    @PostMapping("/account/password")
    String changePassword(@RequestParam(defaultValue = "") String oldPassword, @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String confirmPassword, Model model, RedirectAttributes flash,
            HttpServletResponse res) {
        try {
            if (!newPassword.equals(confirmPassword)) {
                throw new InvalidInputException("confirmPassword", "两次输入的新密码不一致 / the new passwords differ");
            }
            accounts.changePassword(oldPassword, newPassword);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", fmt.errors(e));
            res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "identity/password";
        }
        flash.addFlashAttribute("notice", "password.changed");
        return "redirect:/account/password";
    }
}
