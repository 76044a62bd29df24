package org.shanzhi.deliberation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** 米易 (001 L270): a meeting's topics are reported 3 days ahead; the clock is moved, never slept on. */
@IntegrationTest
class MeetingNoticeTest {

    static final String VILLAGE = "469030202200";
    static final Instant START = Instant.parse("2026-03-03T01:00:00Z"); // 09:00 in Asia/Shanghai

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    MutableClock clock;
    @Autowired
    DeliberationSettings settings;

    private Calls api;
    private String cadre;

    @BeforeEach
    void setUp() throws Exception {
        api = new Calls(mvc, json);
        cadre = api.token("village_cadre");
        noticeDays(3);
    }

    @AfterEach
    void restore() {
        clock.set(START);
        noticeDays(3);
    }

    private void noticeDays(int days) {
        ScopeGuard.asSystem("469030", () -> settings.change(new DeliberationSettings.Change(days, null)));
    }

    private JsonNode schedule(LocalDateTime startsAt, int status) throws Exception {
        return api.post(cadre, "/api/v1/deliberation/meetings", "{\"villageCode\":\"" + VILLAGE + "\",\"kind\":\"TWO_COMMITTEES\",\"title\":\"两委会"
                + Calls.uniq() + "\",\"agenda\":\"研究村道硬化\",\"startsAt\":\"" + startsAt + "\"}", status);
    }

    @Test
    void aMeetingNoticedLessThanThreeDaysAheadIsRefused() throws Exception {
        LocalDateTime now = LocalDateTime.now(clock);
        JsonNode refused = schedule(now.plusDays(3).minusMinutes(1), 400);
        assertThat(refused.get("field").asString()).isEqualTo("startsAt");
        assertThat(refused.get("detail").asString()).contains("3 天");
        JsonNode m = schedule(now.plusDays(3), 201);
        assertThat(m.get("noticeDays").asInt()).isEqualTo(3);
    }

    @Test
    void movingTheClockTowardsTheMeetingLeavesTooLittleNotice() throws Exception {
        LocalDateTime meeting = LocalDateTime.of(2026, 3, 10, 9, 0);
        schedule(meeting, 201);
        clock.set(Instant.parse("2026-03-08T01:00:00Z")); // two days before
        cadre = api.token("village_cadre"); // tokens last 12 hours: sign in again at the new time
        schedule(meeting, 400);
    }

    @Test
    void aCountyMayAskForLongerNotice() throws Exception {
        api.put(api.token("county_admin"), "/api/v1/deliberation/settings", "{\"meetingNoticeDays\":5}", 200);
        schedule(LocalDateTime.now(clock).plusDays(4), 400);
        schedule(LocalDateTime.now(clock).plusDays(5), 201);
    }

    @Test
    void attendanceAndMinutesAreRecordedOnceTheMeetingHasBegun() throws Exception {
        String id = schedule(LocalDateTime.now(clock).plusDays(4), 201).get("id").asString();
        String held = "{\"expected\":7,\"present\":6,\"attendees\":\"王某、李某等\",\"minutes\":\"同意提交党员大会审议\"}";
        api.post(cadre, "/api/v1/deliberation/meetings/" + id + "/record", held, 409);
        clock.advance(Duration.ofDays(4));
        cadre = api.token("village_cadre");
        JsonNode m = api.post(cadre, "/api/v1/deliberation/meetings/" + id + "/record", held, 200);
        assertThat(m.get("state").asString()).isEqualTo("HELD");
        assertThat(m.get("present").asInt()).isEqualTo(6);
        api.post(cadre, "/api/v1/deliberation/meetings/" + id + "/record", held, 409);
        api.post(cadre, "/api/v1/deliberation/meetings/" + id + "/record", "{\"expected\":7,\"present\":8,\"minutes\":\"x\"}", 400);
    }
}
