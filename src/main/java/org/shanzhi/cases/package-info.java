/**
 * Cases: one closed-loop case engine for grid events (网格事件), whistles to county departments (吹哨报到),
 * disputes (矛盾纠纷) and service requests: report → accept/refuse → dispatch → handle → feedback → rate →
 * close, levels with time limits and automatic escalation (琼海 四级化事法), SLA lights, measures, household
 * visits (走访) and an Open311 GeoReport v2 door. Publishes {@link org.shanzhi.common.Audited} for every step
 * and {@link org.shanzhi.cases.VolunteerHelped} when a case closes with a volunteer household's help.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cases",
        allowedDependencies = {"territory", "registry", "identity", "common"})
package org.shanzhi.cases;
