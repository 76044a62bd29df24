package org.shanzhi.deliberation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** 村务公开 monthly: once per category and month, published as an event for the disclosure module. */
@IntegrationTest
@RecordApplicationEvents
class AffairsDisclosuresTest {

    static final String VILLAGE = "469030202201";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    ApplicationEvents events;

    private Calls api;

    @BeforeEach
    void setUp() {
        api = new Calls(mvc, json);
    }

    @Test
    void aVillageDisclosesEachCategoryOnceAMonthAndTheMissingOnesAreListed() throws Exception {
        String cadre = api.token("village_cadre2");
        int u = Calls.uniq();
        String period = YearMonth.of(2000 + u % 20, 1 + u % 12).toString();
        String body = "{\"villageCode\":\"" + VILLAGE + "\",\"category\":\"FINANCE\",\"period\":\"" + period
                + "\",\"title\":\"" + period + " 财务公开\",\"text\":\"收入 3,200.00 元,支出 2,150.00 元。\"}";
        String id = api.post(cadre, "/api/v1/deliberation/affairs-disclosures", body, 201).get("id").asString();
        assertThat(events.stream(VillageAffairsDisclosed.class).filter(e -> e.disclosureId() == Long.parseLong(id))).singleElement()
                .satisfies(e -> assertThat(e.text()).contains("收入 3,200.00 元"));
        api.post(cadre, "/api/v1/deliberation/affairs-disclosures", body, 409);
        api.post(cadre, "/api/v1/deliberation/affairs-disclosures", body.replace(period, "2026-04"), 400); // a month still to come

        JsonNode missing = api.get(api.token("township_admin"), "/api/v1/deliberation/affairs-disclosures/missing?division=469030202&period="
                + period, 200);
        for (JsonNode m : missing) {
            if (m.get("villageCode").asString().equals(VILLAGE)) {
                assertThat(m.get("categories").findValuesAsString("categories")).isEmpty();
                assertThat(m.get("categories").toString()).contains("AFFAIRS").doesNotContain("FINANCE");
            }
        }
        assertThat(missing.size()).as("every village of 什运乡 owes something that month").isGreaterThan(1);
        api.get(api.token("village_cadre"), "/api/v1/deliberation/affairs-disclosures/" + id, 404);
    }
}
