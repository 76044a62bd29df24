package org.shanzhi.points.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Located;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Person;
import org.shanzhi.registry.Registry;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds what a score event is about (a household, a person, a villager group or another subject) and where it
 * sits, with a masked label for pages. Reads the registry as the system: the points policy, not the registry's
 * own, decides who may act on the subject (a villager may nominate a neighbour they cannot open in the registry).
 */
@Component
public class Subjects {

    /** A subject and its place: what scope checks and labels need. */
    public record Ref(String type, long id, String countyCode, String villageCode, String groupCode, Long gridId, Long householdId,
            String label) {

        public Located located() {
            return new Located(countyCode, groupCode != null ? groupCode : villageCode, gridId, householdId);
        }
    }

    private final Registry registry;
    private final Territory territory;
    private final JdbcClient jdbc;

    Subjects(Registry registry, Territory territory, JdbcClient jdbc) {
        this.registry = registry;
        this.territory = territory;
        this.jdbc = jdbc;
    }

    /** Resolves a subject of the caller's county; not found (404) otherwise. */
    public Ref resolve(String county, String type, long id) {
        return switch (type) {
            case "HOUSEHOLD" -> household(ScopeGuard.asSystem(county, () -> registry.household(id)));
            case "PERSON" -> ScopeGuard.asSystem(county, () -> {
                Person p = registry.person(id);
                Household h = registry.household(p.householdId());
                return new Ref("PERSON", id, h.countyCode(), h.villageCode(), h.groupCode(), h.gridId(), h.id(),
                        PointsPolicy.maskName(p.name()) + "(" + h.number() + ")");
            });
            case "GROUP" -> {
                String code = String.valueOf(id);
                Division g = territory.find(code).filter(d -> d.level() == Level.GROUP && code.startsWith(county))
                        .orElseThrow(() -> new NotFoundException("村民小组不存在 / no such villager group"));
                yield new Ref("GROUP", id, county, code.substring(0, 12), code, null, null, g.name());
            }
            case "OTHER" -> jdbc.sql("select village_code, kind, name from points_subjects where county_code = ? and id = ?")
                    .params(county, id)
                    .query((rs, i) -> new Ref("OTHER", id, county, rs.getString(1), null, null, null, rs.getString(3)))
                    .optional().orElseThrow(() -> new NotFoundException("积分对象不存在 / no such subject"));
            default -> throw new InvalidInputException("subjectType", "对象类型应为 HOUSEHOLD/PERSON/GROUP/OTHER");
        };
    }

    public static Ref household(Household h) {
        return new Ref("HOUSEHOLD", h.id(), h.countyCode(), h.villageCode(), h.groupCode(), h.gridId(), h.id(), label(h));
    }

    /** "H0012 王*户": the household number and the head's surname. */
    public static String label(Household h) {
        String head = h.headName() == null ? "" : PointsPolicy.maskName(h.headName());
        return h.number() + " " + head + "户";
    }

    /** Every household under a node, read as the system in pages of 200 (the demo's loader). */
    public List<Household> households(String county, String division) {
        return ScopeGuard.asSystem(county, () -> {
            List<Household> all = new ArrayList<>();
            int page = 0;
            while (true) {
                Page<Household> p = registry.searchHouseholds(division, null, page, Page.MAX_SIZE);
                all.addAll(p.items());
                if (p.items().size() < Page.MAX_SIZE) {
                    return all;
                }
                page++;
            }
        });
    }

    /** Every household of a village in number order, without names (one light read). */
    public List<Registry.HouseholdSlot> householdSlots(String county, String village) {
        return ScopeGuard.asSystem(county, () -> registry.villageHouseholdSlots(village));
    }

    /** Labels ("H0012 王*户") of these households, by id: one read for the rows a page shows. */
    public Map<Long, String> householdLabels(String county, Collection<Long> ids) {
        Map<Long, String> out = new HashMap<>();
        ScopeGuard.asSystem(county, () -> registry.households(ids)).forEach((id, h) -> out.put(id, label(h)));
        return out;
    }

    /** Households per village of the given villages (a village without any is absent). */
    public Map<String, Long> householdCounts(String county, Collection<String> villages) {
        return ScopeGuard.asSystem(county, () -> registry.householdCounts(villages));
    }

    /** Group names of a village, code → name. */
    public Map<String, String> groupNames(String villageCode) {
        Map<String, String> m = new LinkedHashMap<>();
        territory.children(villageCode).forEach(d -> m.put(d.code(), d.name()));
        return m;
    }

    /** The villages of a township, in code order. */
    public List<String> villages(String township) {
        return territory.children(township).stream().filter(d -> d.level() == Level.VILLAGE).map(Division::code).toList();
    }

    /** How many households a village has (the base of a quota). */
    public long householdCount(String county, String villageCode) {
        return householdCounts(county, List.of(villageCode)).getOrDefault(villageCode, 0L);
    }

    public String divisionName(String code) {
        return territory.find(code).map(Division::name).orElse(code);
    }
}
