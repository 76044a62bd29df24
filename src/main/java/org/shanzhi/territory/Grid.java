package org.shanzhi.territory;

/** 网格: a part of a village served by one grid worker. */
public record Grid(long id, String countyCode, String villageCode, String name) {
}
