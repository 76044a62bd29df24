package org.shanzhi.monitoring;

import java.util.List;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.disclosure.NewNotice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.disclosure.NoticeClosed;
import org.shanzhi.disclosure.NoticeItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Monitoring's public notices on the village board. A {@link MonitoringNoticeRequested} is posted (by the
 * system, in the requesting transaction) with one item referring to the subject, so a villager's objection
 * targets it. When a case notice closes ({@link NoticeClosed} with source type {@code monitoring-case}), the
 * notice step of the case is recorded by the system: approved unless an objection was upheld. The step is
 * recorded only while the case still waits for it, so a cadre who recorded it by hand meanwhile is not
 * overridden and the closing never fails on it.
 */
@Component
class NoticeWiring {

    static final String KIND = "MONITORING";
    static final String CASE_SOURCE = "monitoring-case";
    private static final Logger log = LoggerFactory.getLogger(NoticeWiring.class);

    private final NoticeBoard board;
    private final Monitoring monitoring;

    NoticeWiring(NoticeBoard board, Monitoring monitoring) {
        this.board = board;
        this.monitoring = monitoring;
    }

    @EventListener
    void on(MonitoringNoticeRequested e) {
        String title = clip(e.title(), 200);
        NoticeItem item = new NoticeItem(clip(e.subjectId(), 60), title, clip(e.text(), 500));
        ScopeGuard.asSystem(e.countyCode(), () -> board.publish(new NewNotice(e.villageCode(), KIND, e.subjectType(), e.subjectId(),
                title, clip(e.text(), 4000), null, List.of(item))));
    }

    @EventListener
    void on(NoticeClosed e) {
        if (!CASE_SOURCE.equals(e.sourceType())) {
            return;
        }
        long caseId = Long.parseLong(e.sourceId());
        boolean approved = e.upheldItemRefs().isEmpty();
        ScopeGuard.asSystem(e.countyCode(), () -> {
            if (!monitoring.awaitsNotice(e.countyCode(), caseId)) {
                log.info("notice {} closed but monitoring case {} no longer waits for it", e.noticeId(), caseId);
                return null;
            }
            return monitoring.recordNoticePassed(caseId, approved, approved
                    ? "公示期满无异议(公示 " + e.noticeId() + ") / notice passed without objection"
                    : "公示期内异议成立(公示 " + e.noticeId() + ") / an objection was upheld");
        });
    }

    private static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}
