package org.shanzhi.identity;

import java.util.EnumSet;
import java.util.Set;
import org.shanzhi.territory.Level;

/**
 * The roles of the platform, each acting within one kind of scope. {@code rank} orders who may create
 * whom: an administrator creates accounts of a lower rank inside their own scope only.
 */
public enum Role {
    COUNTY_ADMIN("县级管理员", Level.COUNTY, false, 100),
    AUDITOR("审计员", Level.COUNTY, true, 90),
    DEPARTMENT_STAFF("县直部门人员", Level.COUNTY, false, 50),
    TOWNSHIP_ADMIN("乡镇管理员", Level.TOWNSHIP, false, 80),
    VILLAGE_CADRE("村两委干部", Level.VILLAGE, false, 60),
    VILLAGE_SUPERVISOR("村务监督委员会", Level.VILLAGE, true, 55),
    GRID_WORKER("网格员", Level.VILLAGE, false, 40),
    PARTY_CENTER("党员中心户", Level.VILLAGE, false, 30),
    MERCHANT("积分超市商户", Level.VILLAGE, false, 20),
    VILLAGER("村民", Level.VILLAGE, false, 10);

    private final String label;
    private final Level scopeLevel;
    private final boolean readOnly;
    private final int rank;

    Role(String label, Level scopeLevel, boolean readOnly, int rank) {
        this.label = label;
        this.scopeLevel = scopeLevel;
        this.readOnly = readOnly;
        this.rank = rank;
    }

    public String label() {
        return label;
    }

    public Level scopeLevel() {
        return scopeLevel;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** Roles this role may create accounts for (inside its own scope). */
    public Set<Role> mayCreate() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        if (this == COUNTY_ADMIN || this == TOWNSHIP_ADMIN || this == VILLAGE_CADRE) {
            for (Role r : values()) {
                if (r.rank < rank && r.scopeLevel.codeLength() >= scopeLevel.codeLength()) {
                    set.add(r);
                }
            }
        }
        return set;
    }
}
