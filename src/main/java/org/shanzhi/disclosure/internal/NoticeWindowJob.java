package org.shanzhi.disclosure.internal;

import java.time.Clock;
import java.time.LocalDateTime;
import org.shanzhi.disclosure.NoticeBoard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes notices whose window has passed. Every node may run it: {@link NoticeBoard#closeDue} closes each notice
 * with a conditional update and acts only on the rows it changed. Tests turn it off and call closeDue with
 * their own clock.
 */
@Component
@ConditionalOnProperty(name = "shanzhi.jobs.enabled", havingValue = "true", matchIfMissing = true)
class NoticeWindowJob {

    private static final Logger log = LoggerFactory.getLogger(NoticeWindowJob.class);

    private final NoticeBoard board;
    private final Clock clock;

    NoticeWindowJob(NoticeBoard board, Clock clock) {
        this.board = board;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${shanzhi.jobs.initial-delay:PT30S}", fixedDelayString = "${shanzhi.disclosure.close-every:PT1M}")
    void closeDue() {
        long start = System.nanoTime();
        int closed = board.closeDue(LocalDateTime.now(clock));
        if (closed > 0) {
            log.info("closed {} notices in {} ms", closed, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
