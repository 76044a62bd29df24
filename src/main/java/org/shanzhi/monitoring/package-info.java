/**
 * Monitoring and assessment: return-to-poverty monitoring (防返贫动态监测: cases, identification steps,
 * assistance measures, income checks, risk elimination), county survey/measures campaigns
 * (下发 → 转办 → 反馈 → 评价), cadre duty lists and points (乡村履职清单制) and look-back reviews with branch
 * stars (回头看, 五星支部). Publishes {@link org.shanzhi.common.Audited} and {@link MonitoringNoticeRequested}
 * (a public notice the disclosure module is to post; the notice's end comes back through
 * {@link Monitoring#recordNoticePassed}). NoticeWiring posts the request on the disclosure board and records the
 * case's notice step when {@link org.shanzhi.disclosure.NoticeClosed} arrives (not approved if an objection was upheld).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring", allowedDependencies = {"registry", "territory", "disclosure", "common"})
package org.shanzhi.monitoring;
