package org.shanzhi.identity.web;

import java.util.List;
import java.util.Optional;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Territory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who is signed in, for the header of every console page ({@code ${@me.badge()}} in the layout): name, role
 * and the name of their scope. Looked up once per request.
 */
@Component("me")
public class ConsoleUser {

    private static final String KEY = ConsoleUser.class.getName();

    /**
     * @param role      the role name; pages show its label from the messages ({@code role.VILLAGE_CADRE})
     * @param scopeName the node the account acts within, with the grid for a grid worker
     * @param scopePath the chain from the county down, e.g. 琼中黎族苗族自治县 / 什运乡 / 便文村委会
     * @param ownHouseholds a villager or party-member central household: scope is households, not a node
     */
    public record Badge(String displayName, String username, String role, String scopeCode, String scopeName,
            String scopePath, boolean ownHouseholds) {
    }

    private final Territory territory;

    ConsoleUser(Territory territory) {
        this.territory = territory;
    }

    /** The signed-in user's badge, or null on pages shown before login. */
    public Badge badge() {
        RequestAttributes req = RequestContextHolder.getRequestAttributes();
        if (req != null && req.getAttribute(KEY, RequestAttributes.SCOPE_REQUEST) instanceof Badge b) {
            return b;
        }
        Optional<Actor> actor = ScopeGuard.current();
        if (actor.isEmpty()) {
            return null;
        }
        Badge b = of(actor.get());
        if (req != null) {
            req.setAttribute(KEY, b, RequestAttributes.SCOPE_REQUEST);
        }
        return b;
    }

    private Badge of(Actor a) {
        List<Division> path = territory.path(a.scopeCode()).stream().filter(d -> d.code().length() >= 6).toList();
        String name = path.isEmpty() ? a.scopeCode() : path.get(path.size() - 1).name();
        if (a.gridId() != null) {
            name = territory.findGrid(a.gridId()).map(g -> g.name()).orElse(name);
        }
        String chain = String.join(" / ", path.stream().map(Division::name).toList());
        return new Badge(a.displayName(), a.username(), a.role(), a.scopeCode(), name, chain, !a.householdIds().isEmpty());
    }
}
