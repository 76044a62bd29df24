package org.shanzhi.territory;

/** Published after an import of division codes changed the territory. */
public record DivisionsImported(int inserted, int updated) {
}
