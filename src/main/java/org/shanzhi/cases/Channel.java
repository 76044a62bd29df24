package org.shanzhi.cases;

/** How a case came in. */
public enum Channel {
    /** a villager's mobile page or app */
    APP,
    /** a grid worker or central household during their rounds */
    GRID,
    /** staff entering a call or a walk-in (热线、窗口) */
    HOTLINE,
    /** an Open311 GeoReport v2 client */
    OPEN311
}
