package org.shanzhi.deliberation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** 四议两公开 through the API: six steps in order, none skipped, the resolution and the result made public. */
@IntegrationTest
@RecordApplicationEvents
class FourDeliberationsTwoDisclosuresTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    Matters matters;
    @Autowired
    ApplicationEvents events;

    private Calls api;
    private String cadre;

    @BeforeEach
    void setUp() throws Exception {
        api = new Calls(mvc, json);
        cadre = api.token("village_cadre");
    }

    private String open(String title, String type, String amount) throws Exception {
        String extra = type == null ? "" : ",\"matterType\":\"" + type + "\",\"amountYuan\":" + amount;
        return api.post(cadre, "/api/v1/deliberation/matters", "{\"villageCode\":\"" + VILLAGE + "\",\"title\":\"" + title
                + "\",\"description\":\"测试事项说明\"" + extra + "}", 201).get("id").asString();
    }

    private static String step(String step, String heldOn, int present, int expected, String outcome) {
        return "{\"step\":\"" + step + "\",\"heldOn\":\"" + heldOn + "\",\"present\":" + present + ",\"expected\":" + expected
                + ",\"minutes\":\"会议纪要\",\"outcome\":\"" + outcome + "\"}";
    }

    private JsonNode record(String id, String body, int status) throws Exception {
        return api.post(cadre, "/api/v1/deliberation/matters/" + id + "/steps", body, status);
    }

    private boolean resolved(String id) {
        return ScopeGuard.asSystem("469030", () -> matters.isResolved(Long.parseLong(id)));
    }

    @Test
    void aStepOfFourDeliberationsCannotBeSkipped() throws Exception {
        String id = open("跳步测试" + Calls.uniq(), null, null);
        JsonNode refused = record(id, step("TWO_COMMITTEES_DISCUSSION", "2026-03-01", 7, 7, "PASSED"), 409);
        assertThat(refused.get("field").asString()).isEqualTo("step");
        assertThat(refused.get("detail").asString()).contains("党支部提议").contains("PARTY_BRANCH_PROPOSAL");
        record(id, step("ASSEMBLY_RESOLUTION", "2026-03-01", 25, 30, "PASSED"), 409);
        record(id, "{\"step\":\"RESOLUTION_PUBLISHED\",\"text\":\"决议\"}", 409);

        JsonNode m = record(id, step("PARTY_BRANCH_PROPOSAL", "2026-02-20", 5, 5, "PASSED"), 201);
        assertThat(m.get("nextStep").asString()).isEqualTo("TWO_COMMITTEES_DISCUSSION");
        // neither repeated nor jumped over
        assertThat(record(id, step("PARTY_BRANCH_PROPOSAL", "2026-02-21", 5, 5, "PASSED"), 409).get("detail").asString())
                .contains("TWO_COMMITTEES_DISCUSSION");
        assertThat(record(id, step("PARTY_MEMBERS_REVIEW", "2026-02-21", 40, 45, "PASSED"), 409).get("detail").asString())
                .contains("两委商议");
        assertThat(api.get(cadre, "/api/v1/deliberation/matters/" + id, 200).get("steps").size()).isEqualTo(1);
    }

    @Test
    void theSixStepsResolveTheMatterAndPublishTheResolutionAndTheResult() throws Exception {
        String id = open("村委会会议室维修" + Calls.uniq(), null, null);
        record(id, step("PARTY_BRANCH_PROPOSAL", "2026-02-10", 5, 5, "PASSED"), 201);
        record(id, step("TWO_COMMITTEES_DISCUSSION", "2026-02-12", 7, 7, "PASSED"), 201);
        record(id, step("PARTY_MEMBERS_REVIEW", "2026-02-15", 38, 45, "PASSED"), 201);
        assertThat(resolved(id)).isFalse();
        JsonNode m = record(id, step("ASSEMBLY_RESOLUTION", "2026-02-20", 24, 30, "PASSED"), 201);
        assertThat(m.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved(id)).as("passed but not yet public").isFalse();

        m = record(id, "{\"step\":\"RESOLUTION_PUBLISHED\",\"text\":\"经村民代表会议决议,维修村委会会议室,预算 8,000 元。\"}", 201);
        assertThat(m.get("status").asString()).isEqualTo("IN_FORCE");
        assertThat(m.get("resolutionPublishedAt").isNull()).isFalse();
        assertThat(resolved(id)).isTrue();
        assertThat(events.stream(ResolutionPublished.class).filter(e -> e.matterId() == Long.parseLong(id)))
                .singleElement().satisfies(e -> {
                    assertThat(e.villageCode()).isEqualTo(VILLAGE);
                    assertThat(e.text()).contains("维修村委会会议室");
                });

        m = record(id, "{\"step\":\"RESULT_PUBLISHED\",\"text\":\"会议室已维修完毕,实际支出 7,650 元。\"}", 201);
        assertThat(m.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(m.get("steps").size()).isEqualTo(6);
        assertThat(events.stream(ResultPublished.class).filter(e -> e.matterId() == Long.parseLong(id))).hasSize(1);
        assertThat(record(id, "{\"step\":\"RESULT_PUBLISHED\",\"text\":\"再次\"}", 409).get("detail").asString()).contains("已全部完成");
    }

    @Test
    void anAssemblyWithLessThanTwoThirdsPresentCannotResolve() throws Exception {
        String id = open("法定人数测试" + Calls.uniq(), null, null);
        record(id, step("PARTY_BRANCH_PROPOSAL", "2026-02-10", 5, 5, "PASSED"), 201);
        record(id, step("TWO_COMMITTEES_DISCUSSION", "2026-02-12", 7, 7, "PASSED"), 201);
        record(id, step("PARTY_MEMBERS_REVIEW", "2026-02-15", 38, 45, "PASSED"), 201);
        assertThat(record(id, step("ASSEMBLY_RESOLUTION", "2026-02-20", 19, 30, "PASSED"), 409).get("field").asString())
                .isEqualTo("present");
        record(id, step("ASSEMBLY_RESOLUTION", "2026-02-20", 20, 30, "PASSED"), 201);
    }

    @Test
    void aRejectionEndsTheProcedure() throws Exception {
        String id = open("否决测试" + Calls.uniq(), null, null);
        record(id, step("PARTY_BRANCH_PROPOSAL", "2026-02-10", 5, 5, "PASSED"), 201);
        JsonNode m = record(id, step("TWO_COMMITTEES_DISCUSSION", "2026-02-12", 7, 7, "REJECTED"), 201);
        assertThat(m.get("status").asString()).isEqualTo("REJECTED");
        assertThat(m.get("nextStep").isNull()).isTrue();
        assertThat(record(id, step("PARTY_MEMBERS_REVIEW", "2026-02-15", 38, 45, "PASSED"), 409).get("detail").asString())
                .contains("未获通过");
    }

    @Test
    void aStepCannotBeDatedBeforeThePreviousOneOrInTheFuture() throws Exception {
        String id = open("日期测试" + Calls.uniq(), null, null);
        record(id, step("PARTY_BRANCH_PROPOSAL", "2026-02-10", 5, 5, "PASSED"), 201);
        assertThat(record(id, step("TWO_COMMITTEES_DISCUSSION", "2026-02-09", 7, 7, "PASSED"), 400).get("field").asString())
                .isEqualTo("heldOn");
        record(id, step("TWO_COMMITTEES_DISCUSSION", "2026-03-04", 7, 7, "PASSED"), 400); // the clock stands at 2026-03-03
    }

    @Test
    void theCountyDecidesWhichMatterTypesRequireTheProcedure() throws Exception {
        String admin = api.token("county_admin");
        String code = "SPENDING_" + Calls.uniq();
        api.put(admin, "/api/v1/deliberation/matter-types/" + code, "{\"name\":\"集体资金支出\",\"thresholdYuan\":10000}", 200);
        assertThat(matters.requiresProcedure("469030", code, new BigDecimal("9999.99"))).isFalse();
        assertThat(matters.requiresProcedure("469030", code, new BigDecimal("10000"))).isTrue();
        assertThat(matters.requiresProcedure("469030", code, null)).as("an unknown amount counts as reaching it").isTrue();
        assertThat(matters.requiresProcedure("469025", code, new BigDecimal("50000"))).as("another county").isFalse();
        assertThat(matters.requiresProcedure("469030", "NO_SUCH_TYPE", new BigDecimal("50000"))).isFalse();
        assertThat(api.get(cadre, "/api/v1/deliberation/matter-types/" + code + "/requires?amount=12000", 200).get("required").asBoolean())
                .isTrue();
        api.put(cadre, "/api/v1/deliberation/matter-types/" + code, "{\"name\":\"改名\"}", 403);

        String id = open("打井工程" + Calls.uniq(), code, "15000");
        assertThat(api.get(cadre, "/api/v1/deliberation/matters/" + id, 200).get("requiresProcedure").asBoolean()).isTrue();

        api.put(admin, "/api/v1/deliberation/matter-types/" + code, "{\"name\":\"集体资金支出\",\"thresholdYuan\":10000,\"active\":false}", 200);
        assertThat(matters.requiresProcedure("469030", code, new BigDecimal("50000"))).isFalse();
    }
}
