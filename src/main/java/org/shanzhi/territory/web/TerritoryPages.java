package org.shanzhi.territory.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Grid;
import org.shanzhi.territory.ImportReport;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.shanzhi.territory.internal.DivisionUploads;
import org.shanzhi.territory.internal.TerritoryPolicy;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The territory tree from the caller's scope down: a node, its breadcrumbs, its children (expanded lazily with
 * htmx), a village's groups and grids with forms to add them; the county admin's division import.
 */
@ConsoleController
class TerritoryPages {

    private final Territory territory;
    private final Fmt fmt;

    TerritoryPages(Territory territory, Fmt fmt) {
        this.territory = territory;
        this.fmt = fmt;
    }

    @GetMapping("/territory")
    String root() {
        return "redirect:/territory/" + ScopeGuard.actor().scopeCode();
    }

    @GetMapping("/territory/{code}")
    String node(@PathVariable String code, Model model) {
        fill(model, inScope(code));
        return "territory/node";
    }

    /** The children of a node as a nested list: what the tree's expand button loads. */
    @GetMapping("/territory/{code}/children")
    String children(@PathVariable String code, Model model) {
        inScope(code);
        model.addAttribute("children", territory.children(code));
        return "territory/node :: tree";
    }

    @PostMapping("/territory/{code}/groups")
    String addGroup(@PathVariable String code, @RequestParam(defaultValue = "") String number,
            @RequestParam(defaultValue = "") String name, @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model, HttpServletResponse res) {
        Division village = inScope(code);
        try {
            TerritoryPolicy.requireEditor(code);
            Integer n = number.isBlank() ? null : parseNumber(number);
            Division created = territory.createGroup(code, n, name);
            model.addAttribute("notice", created.name());
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            model.addAttribute("groupErrors", fmt.errors(e));
            model.addAttribute("groupForm", Map.of("number", number, "name", name));
            res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        fill(model, village);
        return htmx != null ? "territory/node :: groups" : "territory/node";
    }

    @PostMapping("/territory/{code}/grids")
    String addGrid(@PathVariable String code, @RequestParam(defaultValue = "") String name,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model, HttpServletResponse res) {
        Division village = inScope(code);
        try {
            TerritoryPolicy.requireEditor(code);
            Grid created = territory.createGrid(code, name);
            model.addAttribute("gridNotice", created.name());
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            model.addAttribute("gridErrors", fmt.errors(e));
            model.addAttribute("gridForm", Map.of("name", name));
            res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        fill(model, village);
        return htmx != null ? "territory/node :: grids" : "territory/node";
    }

    /** Grids within the caller's scope (a grid worker: their own), with their villages. */
    @GetMapping("/grids")
    String grids(Model model) {
        Actor a = ScopeGuard.actor();
        List<Grid> grids = territory.grids(ScopeGuard.narrow(null)).stream()
                .filter(g -> a.gridId() == null || a.gridId() == g.id()).toList();
        model.addAttribute("grids", grids);
        model.addAttribute("names", territory.names(grids.stream().map(Grid::villageCode).toList()));
        return "territory/grids";
    }

    @GetMapping("/territory/import")
    String importForm() {
        TerritoryPolicy.requireImporter();
        return "territory/import";
    }

    @PostMapping("/territory/import")
    String importFiles(@RequestParam(name = "files", required = false) List<MultipartFile> files,
            @RequestParam(defaultValue = "") String county, Model model, HttpServletResponse res) throws IOException {
        TerritoryPolicy.requireImporter();
        List<MultipartFile> chosen = files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
        model.addAttribute("county", county);
        try {
            ImportReport report = DivisionUploads.importUploaded(territory, chosen, county.trim());
            model.addAttribute("report", report);
            if (!report.ok()) {
                res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            }
        } catch (InvalidInputException e) {
            model.addAttribute("errors", fmt.errors(e));
            res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return "territory/import";
    }

    /** The node, when it lies within the caller's scope (outside is not found, like everywhere). */
    private Division inScope(String code) {
        Division d = territory.find(code).orElseThrow(() -> new NotFoundException("行政区划不存在 / no division " + code));
        ScopeGuard.narrow(code);
        return d;
    }

    private void fill(Model model, Division node) {
        Actor a = ScopeGuard.actor();
        model.addAttribute("node", node);
        model.addAttribute("path", territory.path(node.code()).stream().filter(d -> d.code().length() >= 6).toList());
        model.addAttribute("scope", a.scopeCode());
        model.addAttribute("children", territory.children(node.code()));
        if (node.level() == Level.VILLAGE) {
            List<Grid> grids = territory.grids(node.code()).stream()
                    .filter(g -> a.gridId() == null || a.gridId() == g.id()).toList();
            model.addAttribute("grids", grids);
            model.addAttribute("mayEdit", TerritoryPolicy.mayEdit(a));
        }
    }

    private static Integer parseNumber(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("number", "组号须在 1 到 999 之间 / number must be 1..999");
        }
    }
}
