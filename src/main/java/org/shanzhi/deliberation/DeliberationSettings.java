package org.shanzhi.deliberation;

import java.time.Clock;
import java.time.LocalDateTime;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.deliberation.internal.Check;
import org.shanzhi.deliberation.internal.DeliberationPolicy;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A county's deliberation settings: the meeting notice (米易: 3 days) and the default term of councils (5 years). */
@Service
public class DeliberationSettings {

    public static final int DEFAULT_NOTICE_DAYS = 3;
    public static final int DEFAULT_TERM_YEARS = 5;

    public record Settings(String countyCode, int meetingNoticeDays, int termYears) {
    }

    /** Command: change the settings (either may be left out). */
    public record Change(Integer meetingNoticeDays, Integer termYears) {
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DeliberationSettings(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The settings in force for a county (the defaults until the county changes them). */
    public Settings of(String countyCode) {
        return jdbc.sql("select meeting_notice_days, term_years from deliberation_settings where county_code = ?").param(countyCode)
                .query((rs, i) -> new Settings(countyCode, rs.getInt(1), rs.getInt(2))).optional()
                .orElse(new Settings(countyCode, DEFAULT_NOTICE_DAYS, DEFAULT_TERM_YEARS));
    }

    public Settings current() {
        Actor a = DeliberationPolicy.requireAccess();
        return of(a.countyCode());
    }

    @Transactional
    public Settings change(Change cmd) {
        Actor a = DeliberationPolicy.requireCountyAdmin(DeliberationPolicy.requireAccess().countyCode());
        Settings before = of(a.countyCode());
        Check check = new Check();
        Integer days = check.count("meetingNoticeDays", cmd.meetingNoticeDays(), 0, 60, false);
        Integer years = check.count("termYears", cmd.termYears(), 1, 10, false);
        check.done();
        Settings after = new Settings(a.countyCode(), days == null ? before.meetingNoticeDays() : days,
                years == null ? before.termYears() : years);
        if (jdbc.sql("update deliberation_settings set meeting_notice_days = ?, term_years = ?, updated_at = ? where county_code = ?")
                .params(after.meetingNoticeDays(), after.termYears(), LocalDateTime.now(clock), a.countyCode()).update() == 0) {
            jdbc.sql("insert into deliberation_settings (county_code, meeting_notice_days, term_years, updated_at) values (?, ?, ?, ?)")
                    .params(a.countyCode(), after.meetingNoticeDays(), after.termYears(), LocalDateTime.now(clock)).update();
        }
        events.publishEvent(new Audited(a.countyCode(), "deliberation.settings", "county", a.countyCode(), null,
                before.toString(), after.toString()));
        return after;
    }
}
