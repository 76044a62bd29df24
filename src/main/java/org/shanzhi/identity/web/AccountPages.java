package org.shanzhi.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.common.console.Fmt;
import org.shanzhi.identity.Account;
import org.shanzhi.identity.Accounts;
import org.shanzhi.identity.NewAccount;
import org.shanzhi.identity.Role;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Grid;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Accounts in the caller's scope, and creating one of a role the caller may create. */
@ConsoleController
class AccountPages {

    static final int PAGE_SIZE = 20;

    /** The create form as typed (a household is given by its 户编号, not its internal id). */
    record AccountForm(String username, String displayName, String password, String role, String scopeCode, String gridId,
            String householdNumber, String department, String phone) {
        static AccountForm empty() {
            return new AccountForm("", "", "", "", "", "", "", "", "");
        }
    }

    /** One choice of scope in the form, indented by its depth below the caller's scope. */
    record ScopeOption(String code, String label, Level level) {
    }

    private final Accounts accounts;
    private final Territory territory;
    private final Registry registry;
    private final Fmt fmt;

    AccountPages(Accounts accounts, Territory territory, Registry registry, Fmt fmt) {
        this.accounts = accounts;
        this.territory = territory;
        this.registry = registry;
        this.fmt = fmt;
    }

    @GetMapping("/accounts")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        fill(model, Math.max(0, page), AccountForm.empty());
        return "identity/accounts";
    }

    @PostMapping("/accounts")
    String create(@ModelAttribute AccountForm form, Model model, RedirectAttributes flash, HttpServletResponse res) {
        try {
            Account created = accounts.create(command(form));
            flash.addFlashAttribute("created", created.username());
            return "redirect:/accounts";
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            model.addAttribute("errors", fmt.errors(e));
            res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            fill(model, 0, new AccountForm(form.username(), form.displayName(), "", form.role(), form.scopeCode(), form.gridId(),
                    form.householdNumber(), form.department(), form.phone()));
            return "identity/accounts";
        }
    }

    /**
     * The command as typed. Whatever does not parse is passed on empty, so that the accounts service names every
     * problem of the form at once, in its own order.
     */
    private NewAccount command(AccountForm f) {
        Role role = creatable(ScopeGuard.actor()).stream().filter(r -> r.name().equals(f.role())).findFirst().orElse(null);
        Long grid = null;
        if (role == Role.GRID_WORKER && f.gridId() != null && f.gridId().matches("\\d{1,19}")) {
            grid = Long.valueOf(f.gridId());
        }
        Long household = null;
        if (role == Role.VILLAGER || role == Role.PARTY_CENTER) {
            household = householdByNumber(f.scopeCode(), f.householdNumber());
        }
        return new NewAccount(trim(f.username()), trim(f.displayName()), f.password(), role, trim(f.scopeCode()), grid, household,
                trim(f.department()), trim(f.phone()));
    }

    /** The household with exactly this 户编号 in the chosen village (searched within the caller's scope), or null. */
    private Long householdByNumber(String village, String number) {
        if (number == null || number.isBlank() || village == null || village.isBlank()) {
            return null;
        }
        try {
            return registry.searchHouseholds(village.trim(), number.trim(), 0, 10).items().stream()
                    .filter(h -> h.number().equals(number.trim())).map(Household::id).findFirst().orElse(null);
        } catch (NotFoundException | InvalidInputException outsideOrMalformed) {
            return null;
        }
    }

    private void fill(Model model, int page, AccountForm form) {
        Actor a = ScopeGuard.actor();
        Page<Account> accountPage = accounts.list(null, page, PAGE_SIZE);
        List<String> codes = new ArrayList<>(accountPage.items().stream().map(Account::scopeCode).toList());
        Set<Role> roles = creatable(a);
        model.addAttribute("accounts", accountPage);
        model.addAttribute("roles", roles);
        model.addAttribute("form", form);
        if (!roles.isEmpty()) {
            List<ScopeOption> options = scopeOptions(a, roles);
            model.addAttribute("scopes", options);
            List<Grid> grids = territory.grids(a.scopeCode());
            model.addAttribute("grids", grids);
            codes.addAll(grids.stream().map(Grid::villageCode).toList());
        }
        model.addAttribute("names", territory.names(codes));
    }

    static Set<Role> creatable(Actor a) {
        return Arrays.stream(Role.values()).anyMatch(r -> r.name().equals(a.role())) ? Role.valueOf(a.role()).mayCreate()
                : EnumSet.noneOf(Role.class);
    }

    /** The caller's node and the nodes below it, down to the deepest level any creatable role acts at. */
    private List<ScopeOption> scopeOptions(Actor a, Set<Role> roles) {
        int deepest = roles.stream().mapToInt(r -> r.scopeLevel().ordinal()).max().orElse(Level.COUNTY.ordinal());
        List<ScopeOption> out = new ArrayList<>();
        territory.find(a.scopeCode()).ifPresent(d -> walk(d, 0, deepest, out));
        return out;
    }

    private void walk(Division d, int depth, int deepest, List<ScopeOption> out) {
        out.add(new ScopeOption(d.code(), "\u3000".repeat(depth) + d.name(), d.level()));
        if (d.level().ordinal() < deepest) {
            territory.children(d.code()).forEach(c -> walk(c, depth + 1, deepest, out));
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
