package org.shanzhi.demo;

/** The demo accounts the README lists. One password for all of them; never enable demo data in production. */
public final class DemoAccounts {

    public static final String PASSWORD = "shanzhi2026";
    public static final String COUNTY = "469030";
    /** 什运乡: the township that is populated. */
    public static final String TOWNSHIP = "469030202";

    private DemoAccounts() {
    }
}
