/**
 * Territory: the hierarchy province → city → county → township → village → villager group, keyed by the
 * national statistical division codes (a child's code starts with its parent's), and the grids (网格) of
 * a village. Imports the {@code china-division} CSV format. Publishes {@link org.shanzhi.territory.DivisionsImported}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Territory")
package org.shanzhi.territory;
