package org.shanzhi.common;

/**
 * Counties whose writes are refused for a moment: the sharded deployment's move of a county to another database
 * (docs/SCALING.md) sets one while it switches. A single-database deployment has no such bean.
 */
public interface ReadOnlyCounties {

    boolean isReadOnly(String countyCode);
}
