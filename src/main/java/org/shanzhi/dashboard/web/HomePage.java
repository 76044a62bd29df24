package org.shanzhi.dashboard.web;

import java.util.ArrayList;
import java.util.List;
import org.shanzhi.common.Actor;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.registry.Registry;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the caller's scope in numbers, each linking to the list behind it. */
@ConsoleController
class HomePage {

    /** One number of the summary: its label's message key, the count, and where it leads. */
    record Tile(String label, long count, String href) {
    }

    private final Territory territory;
    private final Registry registry;

    HomePage(Territory territory, Registry registry) {
        this.territory = territory;
        this.registry = registry;
    }

    @GetMapping("/")
    String home(Model model) {
        Actor a = ScopeGuard.actor();
        if ("VILLAGER".equals(a.role())) {
            return "redirect:/m"; // a villager's home is the phone journey
        }
        Division scope = territory.find(a.scopeCode()).orElse(null);
        List<Tile> tiles = new ArrayList<>();
        if (scope != null && a.territorial()) {
            String tree = "/territory/" + scope.code();
            for (Level l : List.of(Level.TOWNSHIP, Level.VILLAGE, Level.GROUP)) {
                if (l.ordinal() > scope.level().ordinal()) {
                    tiles.add(new Tile("home.count." + l.name(), territory.countBelow(scope.code(), l), tree));
                }
            }
            if (scope.level().ordinal() >= Level.TOWNSHIP.ordinal()) {
                tiles.add(new Tile("home.count.GRID", territory.grids(scope.code()).size(), "/grids"));
            }
        }
        try {
            Registry.Counts counts = registry.counts(null);
            tiles.add(new Tile("home.count.HOUSEHOLD", counts.households(), "/households"));
            tiles.add(new Tile("home.count.PERSON", counts.persons(), "/households"));
        } catch (NotFoundException noRegistry) {
            // merchants and department staff have no business in the registry: no such numbers for them
        }
        model.addAttribute("scope", scope);
        model.addAttribute("tiles", tiles);
        return "dashboard/home";
    }
}
