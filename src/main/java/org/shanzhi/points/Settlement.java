package org.shanzhi.points;

import java.time.LocalDateTime;

/**
 * The annual settlement of a village (一年一核算): the year's results archived; under RESET the next year starts
 * at the base (油溪桥: 第二年重新开始计算), under CARRY_OVER each subject's net points are carried into it.
 */
public record Settlement(String villageCode, int year, String mode, int subjects, LocalDateTime settledAt, String settledByName) {
}
