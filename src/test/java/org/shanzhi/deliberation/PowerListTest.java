package org.shanzhi.deliberation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** 小微权力清单: a case follows its item's flow step by step, each step signed off by the role the flow names. */
@IntegrationTest
class PowerListTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    private Calls api;
    private String cadre;
    private String admin;

    @BeforeEach
    void setUp() throws Exception {
        api = new Calls(mvc, json);
        cadre = api.token("village_cadre");
        admin = api.token("county_admin");
    }

    private String item(String steps) throws Exception {
        return api.post(admin, "/api/v1/deliberation/power-items", "{\"code\":\"T-" + Calls.uniq()
                + "\",\"name\":\"测试事项\",\"category\":\"测试\",\"steps\":" + steps + "}", 201).get("id").asString();
    }

    private String startCase(String item) throws Exception {
        return api.post(cadre, "/api/v1/deliberation/power-cases", "{\"itemId\":\"" + item + "\",\"villageCode\":\"" + VILLAGE
                + "\",\"title\":\"办理测试" + Calls.uniq() + "\"}", 201).get("id").asString();
    }

    private JsonNode sign(String token, String c, int position, int status) throws Exception {
        return api.post(token, "/api/v1/deliberation/power-cases/" + c + "/steps/" + position + "/sign", "{\"note\":\"同意\"}", status);
    }

    @Test
    void stepsAreSignedOffInOrderAndEachByItsRole() throws Exception {
        String c = startCase(item("""
                [{"name":"受理","role":"VILLAGE_CADRE"},{"name":"两委审核","role":"VILLAGE_CADRE"},
                 {"name":"乡镇审核","role":"TOWNSHIP_ADMIN"},{"name":"县民政局审批","role":"DEPARTMENT_STAFF"}]"""));
        String township = api.token("township_admin");
        assertThat(sign(township, c, 1, 403).get("detail").asString()).contains("村两委干部");
        assertThat(sign(cadre, c, 2, 409).get("detail").asString()).contains("第 1 步");
        assertThat(sign(cadre, c, 1, 200).get("nextPosition").asInt()).isEqualTo(2);
        assertThat(sign(cadre, c, 1, 409).get("detail").asString()).contains("第 2 步");
        sign(cadre, c, 3, 403);
        sign(api.token("township_admin2"), c, 3, 404); // 营根镇: another township's village
        sign(api.token("village_supervisor"), c, 2, 403); // supervisors read only
        sign(township, c, 3, 409); // its role, but step 2 is due
        sign(cadre, c, 2, 200);
        sign(township, c, 3, 200);
        JsonNode done = sign(api.token("dept_civil"), c, 4, 200);
        assertThat(done.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("signOffs").findValuesAsString("role"))
                .containsExactly("VILLAGE_CADRE", "VILLAGE_CADRE", "TOWNSHIP_ADMIN", "DEPARTMENT_STAFF");
        sign(api.token("dept_civil"), c, 4, 409);
        sign(cadre, c, 5, 400);
    }

    @Test
    void aReadOnlyRoleCannotBeGivenAStep() throws Exception {
        JsonNode refused = api.post(admin, "/api/v1/deliberation/power-items", "{\"code\":\"T-" + Calls.uniq()
                + "\",\"name\":\"x\",\"category\":\"x\",\"steps\":[{\"name\":\"监督\",\"role\":\"VILLAGE_SUPERVISOR\"}]}", 400);
        assertThat(refused.get("field").asString()).isEqualTo("steps[0].role");
        api.post(cadre, "/api/v1/deliberation/power-items", "{\"code\":\"T-1\",\"name\":\"x\",\"category\":\"x\",\"steps\":[{\"name\":\"a\",\"role\":\"VILLAGE_CADRE\"}]}", 403);
    }

    @Test
    void qiongzhongsListShipsTwelveItemsEachWithItsFlow() throws Exception {
        JsonNode items = api.get(api.token("villager"), "/api/v1/deliberation/power-items", 200);
        List<String> codes = items.findValuesAsString("code").stream().filter(code -> code.startsWith("QZ-")).toList();
        assertThat(codes).hasSize(12).contains("QZ-01", "QZ-07", "QZ-12");
        for (JsonNode item : items) {
            if (item.get("code").asString().startsWith("QZ-")) {
                assertThat(item.get("steps").size()).as(item.get("name").asString()).isGreaterThanOrEqualTo(3);
            }
        }
        JsonNode again = api.post(admin, "/api/v1/deliberation/power-items/templates/qiongzhong", null, 200);
        assertThat(again.get("imported").asInt()).isZero();
        assertThat(again.get("skipped").asInt()).isEqualTo(12);
        api.post(admin, "/api/v1/deliberation/power-items/templates/nowhere", null, 404);
    }

    @Test
    void aStepThatNeedsAResolutionWaitsUntilTheResolutionIsPublic() throws Exception {
        String c = startCase(item("[{\"name\":\"四议两公开决议\",\"role\":\"VILLAGE_CADRE\",\"requiresResolution\":true},{\"name\":\"实施\",\"role\":\"VILLAGE_CADRE\"}]"));
        assertThat(sign(cadre, c, 1, 400).get("field").asString()).isEqualTo("matterId");
        String matter = api.post(cadre, "/api/v1/deliberation/matters", "{\"villageCode\":\"" + VILLAGE + "\",\"title\":\"资产出租"
                + Calls.uniq() + "\",\"description\":\"说明\"}", 201).get("id").asString();
        String signWithMatter = "{\"matterId\":\"" + matter + "\"}";
        api.post(cadre, "/api/v1/deliberation/power-cases/" + c + "/steps/1/sign", signWithMatter, 409);
        for (String s : List.of("PARTY_BRANCH_PROPOSAL", "TWO_COMMITTEES_DISCUSSION", "PARTY_MEMBERS_REVIEW", "ASSEMBLY_RESOLUTION")) {
            api.post(cadre, "/api/v1/deliberation/matters/" + matter + "/steps", "{\"step\":\"" + s
                    + "\",\"heldOn\":\"2026-03-02\",\"present\":25,\"expected\":30,\"minutes\":\"纪要\",\"outcome\":\"PASSED\"}", 201);
        }
        api.post(cadre, "/api/v1/deliberation/power-cases/" + c + "/steps/1/sign", signWithMatter, 409); // passed, not yet public
        api.post(cadre, "/api/v1/deliberation/matters/" + matter + "/steps", "{\"step\":\"RESOLUTION_PUBLISHED\",\"text\":\"决议全文\"}", 201);
        JsonNode signed = api.post(cadre, "/api/v1/deliberation/power-cases/" + c + "/steps/1/sign", signWithMatter, 200);
        assertThat(signed.get("signOffs").get(0).get("matterId").asString()).isEqualTo(matter);
    }
}
