package org.shanzhi.disclosure.internal;

import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;

/**
 * Who may read, publish, object to and answer notices. A notice is public within its village: anyone whose
 * scope is the village or above it reads it (villagers and grid workers included, whose scope code is their
 * village); only a villager of the village objects; a cadre answers.
 */
public final class DisclosurePolicy {

    private static final Set<String> PUBLISHERS = Set.of("SYSTEM", "COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE");
    private static final Set<String> VILLAGERS = Set.of("VILLAGER", "PARTY_CENTER");
    private static final Set<String> ANSWERERS = Set.of("SYSTEM", "VILLAGE_CADRE");

    private DisclosurePolicy() {
    }

    public static boolean mayRead(Actor a, String countyCode, String villageCode) {
        return a.countyCode() != null && a.countyCode().equals(countyCode) && villageCode != null
                && villageCode.startsWith(a.scopeCode());
    }

    public static Actor requireRead(String countyCode, String villageCode) {
        Actor a = ScopeGuard.actor();
        if (!mayRead(a, countyCode, villageCode)) {
            throw new NotFoundException("公示不存在 / no such notice");
        }
        return a;
    }

    public static Actor requirePublisher(String countyCode, String villageCode) {
        Actor a = requireRead(countyCode, villageCode);
        if (a.readOnly() || !PUBLISHERS.contains(a.role())) {
            throw new ForbiddenException("该角色不能发布公示 / this role cannot publish notices");
        }
        return a;
    }

    /** 村民: only a villager of the notice's own village may object. */
    public static Actor requireObjector(String countyCode, String villageCode) {
        Actor a = requireRead(countyCode, villageCode);
        if (!VILLAGERS.contains(a.role()) || !villageCode.equals(a.scopeCode())) {
            throw new ForbiddenException("只有本村村民可以提出异议 / only villagers of this village may object");
        }
        return a;
    }

    public static Actor requireAnswerer(String countyCode, String villageCode) {
        Actor a = requireRead(countyCode, villageCode);
        if (a.readOnly() || !ANSWERERS.contains(a.role())) {
            throw new ForbiddenException("只有村两委干部可以答复异议 / only a village cadre answers objections");
        }
        return a;
    }

    /** 张三丰 -> 张**: names on public pages show the surname only. */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        String n = name.trim();
        return n.charAt(0) + "*".repeat(Math.max(1, n.length() - 1));
    }
}
