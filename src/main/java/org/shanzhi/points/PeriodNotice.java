package org.shanzhi.points;

/** A period's reviewed events put on public notice: the disclosure notice and how many events it lists. */
public record PeriodNotice(long noticeId, String villageCode, String period, int events, int windowDays) {
}
