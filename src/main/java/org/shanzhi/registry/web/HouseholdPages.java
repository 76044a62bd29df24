package org.shanzhi.registry.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shanzhi.common.Actor;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.common.console.Fmt;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Person;
import org.shanzhi.registry.Registry;
import org.shanzhi.registry.internal.RegistryPolicy;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The household list (search, division filter, pages) and a household's page with its members. */
@ConsoleController
class HouseholdPages {

    static final int PAGE_SIZE = 20;

    /** A choice in the division filter, indented by depth below the caller's scope. */
    record DivisionOption(String code, String label) {
    }

    /** One category of a household's extra facts, with the facts filled in. */
    record FactGroup(String category, List<Map.Entry<String, String>> facts) {
    }

    private final Registry registry;
    private final Territory territory;
    private final Fmt fmt;

    HouseholdPages(Registry registry, Territory territory, Fmt fmt) {
        this.registry = registry;
        this.territory = territory;
        this.fmt = fmt;
    }

    @GetMapping("/households")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String division,
            @RequestParam(defaultValue = "0") int page, Model model) {
        Actor a = RegistryPolicy.requireRead();
        List<DivisionOption> options = divisionOptions(a);
        model.addAttribute("q", q);
        model.addAttribute("division", division);
        model.addAttribute("divisions", options);
        try {
            Page<Household> result = registry.searchHouseholds(division.isBlank() ? null : division, q, Math.max(0, page), PAGE_SIZE);
            List<String> codes = new ArrayList<>();
            result.items().forEach(h -> {
                codes.add(h.villageCode());
                codes.add(h.groupCode());
            });
            model.addAttribute("households", result);
            model.addAttribute("heads", registry.heads(result.items()));
            model.addAttribute("names", territory.names(codes));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", fmt.errors(e));
        }
        return "registry/households";
    }

    /** The list as .xlsx with the page's filters (search words, division); ID numbers masked as on the page. */
    @GetMapping("/households/export.xlsx")
    org.springframework.http.ResponseEntity<byte[]> export(@RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String division) {
        RegistryPolicy.requireRead();
        try (org.shanzhi.common.XlsxExport x = new org.shanzhi.common.XlsxExport("户籍", List.of("户编号", "户主", "户主身份证号", "村", "村民小组",
                "地址", "人数", "标签"))) {
            x.pages(p -> registry.searchHouseholds(division.isBlank() ? null : division, q, p, Page.MAX_SIZE), items -> {
                Map<Long, Person> heads = registry.heads(items);
                List<String> codes = new ArrayList<>();
                items.forEach(h -> {
                    codes.add(h.villageCode());
                    codes.add(h.groupCode());
                });
                Map<String, String> names = territory.names(codes);
                for (Household h : items) {
                    Person head = heads.get(h.id());
                    x.row(h.number(), h.headName(), head == null ? null : head.idNumber(), names.getOrDefault(h.villageCode(), h.villageCode()),
                            h.groupCode() == null ? null : names.getOrDefault(h.groupCode(), h.groupCode()), h.address(), h.memberCount(),
                            String.join("、", h.tags()));
                }
            });
            return x.download("户籍.xlsx");
        }
    }

    @GetMapping("/households/{id}")
    String household(@PathVariable long id, Model model) {
        fill(model, id, Map.of());
        return "registry/household";
    }

    /** Shows one member's ID number and phone in clear (audited by the registry), in place of the masked row. */
    @PostMapping("/persons/{id}/reveal")
    String reveal(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Person clear = registry.revealPerson(id, "控制台查看 / console view");
        if (htmx != null) {
            model.addAttribute("p", clear);
            model.addAttribute("clear", true);
            model.addAttribute("mayReveal", false);
            return "registry/household :: member";
        }
        fill(model, clear.householdId(), Map.of(clear.id(), clear));
        return "registry/household";
    }

    private void fill(Model model, long id, Map<Long, Person> revealed) {
        Actor a = ScopeGuard.actor();
        Household h = registry.household(id);
        List<Person> members = registry.members(id).stream().map(p -> revealed.getOrDefault(p.id(), p)).toList();
        model.addAttribute("h", h);
        model.addAttribute("members", members);
        model.addAttribute("revealed", revealed.keySet());
        model.addAttribute("mayReveal", RegistryPolicy.mayReveal(a, id));
        model.addAttribute("path", territory.path(h.groupCode() != null ? h.groupCode() : h.villageCode()));
        model.addAttribute("grid", h.gridId() == null ? null : territory.findGrid(h.gridId()).orElse(null));
        model.addAttribute("facts", facts(h));
        model.addAttribute("linked", registry.linked(id));
    }

    /** Extra facts grouped by the county's categories, in the county's order; empty ones left out. */
    private List<FactGroup> facts(Household h) {
        Map<String, List<Map.Entry<String, String>>> groups = new LinkedHashMap<>();
        for (Registry.FieldDef d : registry.fields(h.countyCode())) {
            String v = h.extra().get(d.key());
            if (v != null && !v.isBlank()) {
                groups.computeIfAbsent(d.category(), c -> new ArrayList<>()).add(Map.entry(d.label(), v));
            }
        }
        return groups.entrySet().stream().map(e -> new FactGroup(e.getKey(), e.getValue())).toList();
    }

    /** The caller's node and what lies beneath it, down to villager groups (a county: townships and villages). */
    private List<DivisionOption> divisionOptions(Actor a) {
        List<DivisionOption> out = new ArrayList<>();
        Division top = territory.find(a.scopeCode()).orElse(null);
        if (top == null || !a.territorial()) {
            return out;
        }
        walk(top, 0, top.level() == Level.COUNTY ? Level.VILLAGE : Level.GROUP, out);
        return out;
    }

    private void walk(Division d, int depth, Level deepest, List<DivisionOption> out) {
        out.add(new DivisionOption(d.code(), "\u3000".repeat(depth) + d.name()));
        if (d.level().ordinal() < deepest.ordinal()) {
            territory.children(d.code()).forEach(c -> walk(c, depth + 1, deepest, out));
        }
    }
}
