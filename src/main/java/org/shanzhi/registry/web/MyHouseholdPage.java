package org.shanzhi.registry.web;

import org.shanzhi.common.Actor;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.territory.Territory;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The villager's phone page "my household and members": the registry's masked view, one card per member. */
@ConsoleController
class MyHouseholdPage {

    private final Registry registry;
    private final Territory territory;

    MyHouseholdPage(Registry registry, Territory territory) {
        this.registry = registry;
        this.territory = territory;
    }

    @GetMapping("/m/household")
    String mine(Model model) {
        Actor a = ScopeGuard.actor();
        if (a.householdIds().size() != 1) {
            throw new NotFoundException("只有村民账号有本户页面 / for villagers' accounts");
        }
        Household h = registry.household(a.householdIds().iterator().next());
        model.addAttribute("h", h);
        model.addAttribute("members", registry.members(h.id()));
        model.addAttribute("place", territory.path(h.groupCode() != null ? h.groupCode() : h.villageCode()).stream()
                .filter(d -> d.code().length() > 6).map(d -> d.name()).reduce((x, y) -> x + " " + y).orElse(""));
        return "registry/m-household";
    }
}
