package org.shanzhi.deliberation.internal;

import java.util.Map;

/** Chinese labels of the role names that sign power-list steps (the names are identity's roles). */
public final class Roles {

    private static final Map<String, String> LABELS = Map.of("VILLAGER", "村民(申请人)", "PARTY_CENTER", "党员中心户",
            "GRID_WORKER", "网格员", "VILLAGE_CADRE", "村两委干部", "TOWNSHIP_ADMIN", "乡镇", "DEPARTMENT_STAFF", "县直部门",
            "COUNTY_ADMIN", "县级管理员");

    private static final Map<String, String> ALL = Map.of("COUNTY_ADMIN", "县级管理员", "AUDITOR", "审计员", "DEPARTMENT_STAFF",
            "县直部门人员", "TOWNSHIP_ADMIN", "乡镇管理员", "VILLAGE_CADRE", "村两委干部", "VILLAGE_SUPERVISOR", "村务监督委员会",
            "GRID_WORKER", "网格员", "PARTY_CENTER", "党员中心户", "MERCHANT", "积分超市商户", "VILLAGER", "村民");

    private Roles() {
    }

    public static String label(String role) {
        return role == null ? null : LABELS.getOrDefault(role, role);
    }

    /** The name of any account role, for the page header. */
    public static String roleName(String role) {
        return role == null ? null : ALL.getOrDefault(role, role);
    }
}
