package org.shanzhi.deliberation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The banquet register (红白喜事 事前申报) flags every village-rule cap a banquet passes and quotes the rule. Caps of the
 * seeds: gifts ≤ 200 yuan for close relatives and ≤ 100 for others (旬阳, 000 L6403, the brief's 河间 set), funerals
 * ≤ 3 days (铅山, 000 L6039), weddings in one day (河间, 000 L5511), ≤ 30 tables and 九大碗 (米易, 001 L143).
 */
@IntegrationTest
class BanquetRegisterTest {

    static final String VILLAGE = "469030202201"; // 什统村: village_cadre2's village, so this test owns its caps

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    private Calls api;
    private String cadre;
    private String household;

    @BeforeEach
    void setUp() throws Exception {
        api = new Calls(mvc, json);
        cadre = api.token("village_cadre2");
        api.put(api.token("township_admin"), "/api/v1/deliberation/villages/" + VILLAGE + "/rule-caps", """
                {"caps":[
                  {"key":"GIFT_RELATIVE_YUAN","limit":200,"article":"人情随礼,直系亲属最高不超过200元"},
                  {"key":"GIFT_OTHER_YUAN","limit":100,"article":"人情随礼,普通朋客不超过100元"},
                  {"key":"WEDDING_DAYS","limit":1,"article":"坚持婚事新办,一天办完"},
                  {"key":"FUNERAL_DAYS","limit":3,"article":"丧事办理不超过3天"},
                  {"key":"TABLES","limit":30,"article":"宴席不超三十桌"},
                  {"key":"DISHES","limit":9,"article":"菜品只有九大碗"}]}""", 200);
        household = api.post(cadre, "/api/v1/households", "{\"villageCode\":\"" + VILLAGE + "\",\"number\":\"BQ-" + Calls.uniq()
                + "\",\"address\":\"什统村宴席路1号\"}", 201).get("id").asString();
    }

    private JsonNode register(String kind, int days, int tables, int dishes, int giftRelative, int giftOther) throws Exception {
        return api.post(cadre, "/api/v1/deliberation/banquets", "{\"householdId\":\"" + household + "\",\"kind\":\"" + kind
                + "\",\"hostName\":\"王某\",\"startsOn\":\"2026-04-18\",\"days\":" + days + ",\"tables\":" + tables + ",\"dishes\":" + dishes
                + ",\"giftRelative\":" + giftRelative + ",\"giftOther\":" + giftOther + "}", 201);
    }

    private static List<String> flags(JsonNode banquet) {
        List<String> keys = new ArrayList<>();
        banquet.get("flags").forEach(f -> keys.add(f.get("key").asString()));
        return keys;
    }

    @Test
    void hejianGiftsAboveTwoHundredForRelativesAndOneHundredForOthersAreFlaggedWithTheRule() throws Exception {
        JsonNode b = register("WEDDING", 1, 20, 9, 300, 150);
        assertThat(flags(b)).containsExactlyInAnyOrder("GIFT_RELATIVE_YUAN", "GIFT_OTHER_YUAN");
        JsonNode relative = null;
        for (JsonNode f : b.get("flags")) {
            if (f.get("key").asString().equals("GIFT_RELATIVE_YUAN")) {
                relative = f;
            }
        }
        assertThat(relative.get("limit").decimalValue()).isEqualByComparingTo("200");
        assertThat(relative.get("actual").decimalValue()).isEqualByComparingTo("300");
        assertThat(relative.get("article").asString()).contains("直系亲属最高不超过200元");
        assertThat(flags(register("WEDDING", 1, 20, 9, 200, 100))).as("at the cap is within it").isEmpty();
    }

    @Test
    void hejianFuneralLongerThanThreeDaysIsFlaggedAndTheWeddingDayRuleOnlyAppliesToWeddings() throws Exception {
        assertThat(flags(register("FUNERAL", 4, 10, 9, 100, 50))).containsExactly("FUNERAL_DAYS");
        assertThat(flags(register("FUNERAL", 3, 10, 9, 100, 50))).isEmpty();
        assertThat(flags(register("WEDDING", 2, 10, 9, 100, 50))).containsExactly("WEDDING_DAYS");
        assertThat(flags(register("OTHER", 2, 10, 9, 100, 50))).isEmpty();
    }

    @Test
    void miyiThirtyTablesAndNineDishesAreTheLimit() throws Exception {
        assertThat(flags(register("WEDDING", 1, 30, 9, 100, 50))).isEmpty();
        JsonNode b = register("WEDDING", 1, 31, 10, 100, 50);
        assertThat(flags(b)).containsExactlyInAnyOrder("TABLES", "DISHES");
        assertThat(b.get("flags").toString()).contains("宴席不超三十桌").contains("菜品只有九大碗");
        String id = b.get("id").asString();
        JsonNode flagged = api.get(cadre, "/api/v1/deliberation/banquets?division=" + VILLAGE + "&flagged=true&size=200", 200);
        assertThat(flagged.get("items").findValuesAsString("id")).contains(id);
    }

    @Test
    void aBanquetIsRegisteredBeforeTheDayNotOnIt() throws Exception {
        JsonNode refused = api.post(cadre, "/api/v1/deliberation/banquets", "{\"householdId\":\"" + household
                + "\",\"kind\":\"WEDDING\",\"hostName\":\"王某\",\"startsOn\":\"" + LocalDate.of(2026, 3, 3)
                + "\",\"days\":1,\"tables\":10,\"dishes\":9}", 400);
        assertThat(refused.get("field").asString()).isEqualTo("startsOn");
    }

    @Test
    void onlyTownshipAndCountyAdminsSetTheCaps() throws Exception {
        api.put(cadre, "/api/v1/deliberation/villages/" + VILLAGE + "/rule-caps", "{\"caps\":[]}", 403);
        JsonNode refused = api.put(api.token("township_admin"), "/api/v1/deliberation/villages/" + VILLAGE + "/rule-caps",
                "{\"caps\":[{\"key\":\"TABLES\",\"limit\":30,\"article\":\"a\"},{\"key\":\"TABLES\",\"limit\":20,\"article\":\"b\"}]}", 400);
        assertThat(refused.get("field").asString()).isEqualTo("caps[1].key");
        assertThat(api.get(api.token("villager"), "/api/v1/deliberation/villages/469030202200/rule-caps", 200).size()).isPositive();
    }
}
