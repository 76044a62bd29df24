package org.shanzhi.dashboard.web;

import java.time.Clock;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.points.Period;
import org.shanzhi.points.PointsResults;
import org.shanzhi.points.Standing;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The villager's phone home (/m): the household's score this month and one big button for every step of the
 * journey (household, points, declare, notices, supermarket, report a problem, proposals, votes).
 */
@ConsoleController
class MobileHome {

    private final PointsResults results;
    private final Clock clock;

    MobileHome(PointsResults results, Clock clock) {
        this.results = results;
        this.clock = clock;
    }

    @GetMapping("/m")
    String home(Model model) {
        Actor a = ScopeGuard.actor();
        model.addAttribute("standing", standing(a));
        return "dashboard/m-home";
    }

    /** This month's standing of the caller's own household; none for accounts without exactly one household. */
    private Standing standing(Actor a) {
        if (a.householdIds().size() != 1) {
            return null;
        }
        return results.standing(a.householdIds().iterator().next(), Period.current(clock, Period.Kind.MONTH).key());
    }
}
