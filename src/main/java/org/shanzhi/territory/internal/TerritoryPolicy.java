package org.shanzhi.territory.internal;

import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Located;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.territory.Level;

/** Who may change the territory (groups, grids) and import division codes. */
public final class TerritoryPolicy {

    private static final Set<String> EDITORS = Set.of("COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE");

    private TerritoryPolicy() {
    }

    /** Adding a group or grid to a village: an administrator whose territory covers it. */
    public static void requireEditor(String villageCode) {
        ScopeGuard.writable(new Located(Level.countyOf(villageCode), villageCode, null, null));
        if (!mayEdit(ScopeGuard.actor())) {
            throw new ForbiddenException("该角色不能修改区划 / this role cannot change the territory");
        }
    }

    /** Whether the role may add groups and grids at all (pages show the forms only then). */
    public static boolean mayEdit(Actor a) {
        return EDITORS.contains(a.role()) && a.territorial() && !a.readOnly();
    }

    public static void requireImporter() {
        if (!mayImport(ScopeGuard.actor())) {
            throw new ForbiddenException("只有县级管理员可以导入区划 / county admins only");
        }
    }

    public static boolean mayImport(Actor a) {
        return "COUNTY_ADMIN".equals(a.role());
    }
}
