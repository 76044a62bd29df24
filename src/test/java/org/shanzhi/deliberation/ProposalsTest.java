package org.shanzhi.deliberation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** 提议/民意征集: villagers and cadres raise matters, others support them once each, cadres answer. */
@IntegrationTest
class ProposalsTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    private Calls api;
    private String villager;
    private String cadre;

    @BeforeEach
    void setUp() throws Exception {
        api = new Calls(mvc, json);
        villager = api.token("villager");
        cadre = api.token("village_cadre");
    }

    private String raise(String title) throws Exception {
        JsonNode p = api.post(villager, "/api/v1/deliberation/proposals", "{\"villageCode\":\"" + VILLAGE + "\",\"title\":\"" + title
                + "\",\"body\":\"建议在村小学门口设置减速带。\",\"category\":\"交通安全\"}", 201);
        assertThat(p.get("state").asString()).isEqualTo("OPEN");
        assertThat(p.get("supports").asInt()).isZero();
        return p.get("id").asString();
    }

    @Test
    void aVillagerRaisesAProposalAndOthersSupportItOnceEach() throws Exception {
        String id = raise("设置减速带" + Calls.uniq());
        String center = api.token("party_center");
        JsonNode p = api.post(center, "/api/v1/deliberation/proposals/" + id + "/supports", null, 201);
        assertThat(p.get("supports").asInt()).isEqualTo(1);
        assertThat(p.get("youSupported").asBoolean()).isTrue();
        api.post(center, "/api/v1/deliberation/proposals/" + id + "/supports", null, 409);
        api.post(api.token("grid_worker"), "/api/v1/deliberation/proposals/" + id + "/supports", null, 201);
        api.post(api.token("village_supervisor"), "/api/v1/deliberation/proposals/" + id + "/supports", null, 403);
        api.get(api.token("merchant"), "/api/v1/deliberation/proposals/" + id, 404);
        api.get(api.token("village_cadre2"), "/api/v1/deliberation/proposals/" + id, 404); // the neighbouring village
        assertThat(api.get(cadre, "/api/v1/deliberation/proposals/" + id, 200).get("supports").asInt()).isEqualTo(2);
        assertThat(api.get(villager, "/api/v1/deliberation/proposals?division=" + VILLAGE + "&size=200", 200).get("items")
                .findValuesAsString("id")).contains(id);
    }

    @Test
    void cadresAnswerAndAnAcceptedProposalBecomesAMatter() throws Exception {
        String id = raise("修建垃圾收集点" + Calls.uniq());
        api.post(villager, "/api/v1/deliberation/proposals/" + id + "/answer", "{\"state\":\"ACCEPTED\",\"text\":\"自己采纳\"}", 403);
        JsonNode p = api.post(cadre, "/api/v1/deliberation/proposals/" + id + "/answer", "{\"state\":\"ACCEPTED\",\"text\":\"采纳,按四议两公开办理\"}", 200);
        assertThat(p.get("answeredByName").asString()).isNotBlank();
        String matter = api.post(cadre, "/api/v1/deliberation/matters", "{\"villageCode\":\"" + VILLAGE + "\",\"title\":\"垃圾收集点建设\","
                + "\"description\":\"说明\",\"proposalId\":\"" + id + "\"}", 201).get("id").asString();
        assertThat(api.get(villager, "/api/v1/deliberation/proposals/" + id, 200).get("matterId").asString()).isEqualTo(matter);
        api.post(cadre, "/api/v1/deliberation/matters", "{\"villageCode\":\"" + VILLAGE + "\",\"title\":\"重复\",\"description\":\"说明\","
                + "\"proposalId\":\"" + id + "\"}", 409);
        api.post(cadre, "/api/v1/deliberation/proposals/" + id + "/answer", "{\"state\":\"REJECTED\",\"text\":\"改主意\"}", 409);
    }

    @Test
    void anAnsweredProposalTakesNoMoreSupport() throws Exception {
        String id = raise("村里建篮球场" + Calls.uniq());
        api.post(cadre, "/api/v1/deliberation/proposals/" + id + "/answer", "{\"state\":\"REJECTED\",\"text\":\"今年无集体资金,明年再议\"}", 200);
        api.post(api.token("party_center"), "/api/v1/deliberation/proposals/" + id + "/supports", null, 409);
        assertThat(api.post(cadre, "/api/v1/deliberation/proposals", "{\"villageCode\":\"" + VILLAGE + "\",\"title\":\"\"}", 400)
                .get("errors").size()).isEqualTo(2);
    }

    @Test
    void aNulCharacterIsRefusedAsInputNotStored() throws Exception {
        assertThat(api.post(villager, "/api/v1/deliberation/proposals", "{\"villageCode\":\"" + VILLAGE
                + "\",\"title\":\"a\\u0000b\",\"body\":\"内容\"}", 400).get("field").asString()).isEqualTo("title");
        assertThat(api.get(villager, "/api/v1/deliberation/proposals?division=" + VILLAGE + "%00", 400).get("field").asString())
                .isEqualTo("division");
    }
}
