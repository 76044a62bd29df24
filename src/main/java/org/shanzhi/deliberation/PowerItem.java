package org.shanzhi.deliberation;

import java.util.List;

/** One item of the small-micro power list (小微权力清单) with its flow: ordered steps, each signed by one role. */
public record PowerItem(long id, String countyCode, String code, String name, String category, String description,
        List<Step> steps) {

    /** A step of the flow; {@code requiresResolution}: signing it needs a resolved 四议两公开 matter. */
    public record Step(int position, String name, String role, String roleLabel, boolean requiresResolution) {
    }
}
