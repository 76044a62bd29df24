package org.shanzhi.cases;

import java.util.List;

/** Command: 吹哨 — summon county departments; each must respond within {@code hours} (default configured). */
public record BlowWhistle(List<String> departments, Integer hours, String note) {
}
