package org.shanzhi.points;

import java.util.List;

/**
 * A villager group's result for a period (奉贤: 只要一户不达标,即视为整个村民小组不达标). A household fails when it is
 * vetoed or below the pass score; under ALL_PASS one failing household fails the group, under AVERAGE the
 * group's average must reach the pass score.
 */
public record GroupResult(String groupCode, String groupName, int households, int failing, long passScore, double averageScore,
        boolean passed, List<String> failingLabels) {
}
