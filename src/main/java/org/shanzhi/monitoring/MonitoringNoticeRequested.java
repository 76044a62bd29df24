package org.shanzhi.monitoring;

/**
 * A village public notice (公示) this module needs: a monitoring case's identification or risk elimination,
 * or a quarterly publication of cadre duty points. The disclosure module is to post it; for a case, the end
 * of the notice period is reported back with {@link Monitoring#recordNoticePassed}.
 *
 * @param subjectType {@code monitoring-case} or {@code duty-points}
 * @param subjectId   the case id, or {@code village:year-Qn} for duty points
 */
public record MonitoringNoticeRequested(String countyCode, String villageCode, String subjectType, String subjectId,
        String title, String text) {
}
