/**
 * Demo data: the real county of 琼中 (469030) with its 11 township-level and 125 village-level units,
 * villager groups, one township populated with synthetic households and persons, grids, 联户 and one
 * account per role. Deterministic: the same content on every first start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package org.shanzhi.demo;
