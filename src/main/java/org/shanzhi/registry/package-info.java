/**
 * Registry: households (户) and persons (人) of a county, their tags, typed extra facts and 联户 links
 * (a party-member central household and the households it links). ID numbers and phones leave this
 * module masked unless an allowed role asks, which is audited. Publishes {@link org.shanzhi.common.Audited}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registry", allowedDependencies = {"territory", "common"})
package org.shanzhi.registry;
