package org.shanzhi.deliberation;

import java.math.BigDecimal;

/**
 * A kind of matter a county says must go through 四议两公开 (e.g. 低保, 宅基地), from {@code thresholdYuan}
 * upwards when it has one (e.g. collective spending of 10,000 yuan or more).
 */
public record MatterType(String code, String name, BigDecimal thresholdYuan, boolean active) {
}
