package org.shanzhi.deliberation;

import java.math.BigDecimal;

/** One cap of a village's rules, with the article it comes from (what a flag quotes). */
public record RuleCap(CapKey key, String label, BigDecimal limit, String article) {
}
