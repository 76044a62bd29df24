package org.shanzhi.deliberation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.disclosure.Notice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** 两公开 on the board: a published resolution and result each post a public notice whose id the matter keeps. */
@IntegrationTest
class DeliberationNoticeWiringTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    NoticeBoard board;

    private Calls api;
    private String cadre;

    @BeforeEach
    void setUp() throws Exception {
        api = new Calls(mvc, json);
        cadre = api.token("village_cadre");
    }

    private static String step(String step, String heldOn, int present, int expected) {
        return "{\"step\":\"" + step + "\",\"heldOn\":\"" + heldOn + "\",\"present\":" + present + ",\"expected\":" + expected
                + ",\"minutes\":\"会议纪要\",\"outcome\":\"PASSED\"}";
    }

    private JsonNode record(String id, String body) throws Exception {
        return api.post(cadre, "/api/v1/deliberation/matters/" + id + "/steps", body, 201);
    }

    private Notice notice(String ref) {
        return ScopeGuard.asSystem("469030", () -> board.notice(Long.parseLong(ref)));
    }

    @Test
    void aPublishedResolutionAndResultEachPostANoticeKeptOnTheMatter() throws Exception {
        String title = "村道路灯安装" + Calls.uniq();
        String id = api.post(cadre, "/api/v1/deliberation/matters", "{\"villageCode\":\"" + VILLAGE + "\",\"title\":\"" + title
                + "\",\"description\":\"测试事项说明\"}", 201).get("id").asString();
        record(id, step("PARTY_BRANCH_PROPOSAL", "2026-02-10", 5, 5));
        record(id, step("TWO_COMMITTEES_DISCUSSION", "2026-02-12", 7, 7));
        record(id, step("PARTY_MEMBERS_REVIEW", "2026-02-15", 38, 45));
        JsonNode m = record(id, step("ASSEMBLY_RESOLUTION", "2026-02-20", 24, 30));
        assertThat(m.get("resolutionNoticeRef").isNull()).isTrue();

        m = record(id, "{\"step\":\"RESOLUTION_PUBLISHED\",\"text\":\"经村民代表会议决议,安装路灯 20 盏。\"}");
        String ref = m.get("resolutionNoticeRef").asString();
        Notice n = notice(ref);
        assertThat(n.villageCode()).isEqualTo(VILLAGE);
        assertThat(n.kind()).isEqualTo("DELIBERATION");
        assertThat(n.sourceType()).isEqualTo("deliberation.resolution");
        assertThat(n.sourceId()).isEqualTo(id);
        assertThat(n.title()).contains(title);
        assertThat(n.body()).contains("安装路灯 20 盏");
        assertThat(n.status()).isEqualTo(Notice.OPEN);

        m = record(id, "{\"step\":\"RESULT_PUBLISHED\",\"text\":\"路灯已安装完毕。\"}");
        String resultRef = m.get("resultNoticeRef").asString();
        assertThat(resultRef).isNotEqualTo(ref);
        assertThat(notice(resultRef).sourceType()).isEqualTo("deliberation.result");
        assertThat(notice(resultRef).body()).isEqualTo("路灯已安装完毕。");
        assertThat(api.get(cadre, "/api/v1/deliberation/matters/" + id, 200).get("resolutionNoticeRef").asString()).isEqualTo(ref);
    }
}
