/**
 * Dashboard: what each level sees first. The console's home page (a summary of the caller's scope with links to
 * the lists behind the numbers) and the cockpits of a county, township or village ({@link org.shanzhi.dashboard.Cockpit},
 * page {@code /cockpit}, JSON {@code /api/v1/cockpit}): households and persons, points participation, distribution
 * and trend, best and worst villages and households, redemptions and budgets, case measures with SLA lights, visit
 * coverage and the monitoring figures, each module aggregating in SQL through its public figures service
 * (PointsFigures, RewardsFigures, CaseMeasures/CaseFigures, MonitoringFigures, Registry.countsBy). Owns no tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard")
package org.shanzhi.dashboard;
