package org.shanzhi.points.internal;

import java.time.Clock;
import java.time.LocalDateTime;
import org.shanzhi.points.ScoreEvents;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Marks deductions whose rectification deadline has passed as applied. Idempotent; any node may run it. */
@Component
@ConditionalOnProperty(name = "shanzhi.jobs.enabled", havingValue = "true", matchIfMissing = true)
class PointsJobs {

    private final ScoreEvents events;
    private final Clock clock;

    PointsJobs(ScoreEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${shanzhi.jobs.initial-delay:PT30S}", fixedDelayString = "${shanzhi.points.lapse-every:PT10M}")
    void lapseRectifications() {
        events.lapseDue(LocalDateTime.now(clock));
    }
}
