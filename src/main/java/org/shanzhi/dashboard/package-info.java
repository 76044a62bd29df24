/**
 * Dashboard: what each level sees first. For now the console's home page, a summary of the caller's scope
 * (villages, groups, grids, households, persons) with links to the lists behind the numbers. Owns no tables;
 * reads other modules through their published API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard")
package org.shanzhi.dashboard;
