package org.shanzhi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shanzhi.identity.Accounts;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** A dropped answer, a retry: the same Idempotency-Key gives the same answer and no second case. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CaseCatalog catalog;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Territory territory;
    @Autowired
    Registry registry;
    @Autowired
    Accounts accounts;

    private CaseWorld w;
    private String villagerToken;
    private String cadreToken;

    @BeforeAll
    void world() throws Exception {
        w = new CaseWorld(jdbc, territory, registry, accounts, catalog, 4, 1);
        villagerToken = token(w.villager);
        cadreToken = token(w.cadre);
    }

    private MvcResult report(String key, String description) throws Exception {
        return mvc.perform(post("/api/v1/cases").header("Authorization", "Bearer " + villagerToken).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content("{\"categoryCode\":\"ENV\",\"description\":\"" + description + "\"}"))
                .andReturn();
    }

    private long casesDescribed(String description) {
        return jdbc.queryForObject("select count(*) from cases where county_code = '469030' and description = ?", Long.class, description);
    }

    @Test
    void aReplayedReportGetsTheFirstAnswerAndMakesNoSecondCase() throws Exception {
        String text = "重复提交 " + w.uniq;
        MvcResult first = report("k1-" + w.uniq, text);
        MvcResult again = report("k1-" + w.uniq, text);
        assertThat(first.getResponse().getStatus()).isEqualTo(201);
        assertThat(again.getResponse().getStatus()).isEqualTo(201);
        assertThat(again.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(id(again)).isEqualTo(id(first));
        assertThat(casesDescribed(text)).isEqualTo(1);

        // the same key for another request is a mistake
        MvcResult other = report("k1-" + w.uniq, text + " 其他");
        assertThat(other.getResponse().getStatus()).isEqualTo(422);
        assertThat(other.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("Idempotency-Key");
        // a new key is a new case
        report("k2-" + w.uniq, text);
        assertThat(casesDescribed(text)).isEqualTo(2);
    }

    @Test
    void aReplayedStepIsNotRefusedAsAStepFromTheWrongState() throws Exception {
        String id = id(report("k3-" + w.uniq, "立案重发 " + w.uniq));
        for (int i = 0; i < 2; i++) {
            MvcResult r = mvc.perform(post("/api/v1/cases/" + id + "/accept").header("Authorization", "Bearer " + cadreToken)
                    .header("Idempotency-Key", "a-" + w.uniq)).andReturn();
            assertThat(r.getResponse().getStatus()).isEqualTo(200);
            assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"status\":\"ACCEPTED\"");
        }
        // without the key, a second accept is what it is: refused by the state
        MvcResult plain = mvc.perform(post("/api/v1/cases/" + id + "/accept").header("Authorization", "Bearer " + cadreToken)).andReturn();
        assertThat(plain.getResponse().getStatus()).isEqualTo(409);
    }

    @Test
    void twoRacingRequestsWithOneKeyMakeOneCase() throws Exception {
        String text = "并发提交 " + w.uniq;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<MvcResult>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return report("race-" + w.uniq, text);
                }));
            }
            go.countDown();
            MvcResult a = runs.get(0).get(60, TimeUnit.SECONDS);
            MvcResult b = runs.get(1).get(60, TimeUnit.SECONDS);
            assertThat(a.getResponse().getStatus()).isEqualTo(201);
            assertThat(b.getResponse().getStatus()).isEqualTo(201);
            assertThat(id(a)).isEqualTo(id(b));
        } finally {
            pool.shutdownNow();
        }
        assertThat(casesDescribed(text)).isEqualTo(1);
    }

    private static String id(MvcResult r) throws Exception {
        Matcher m = Pattern.compile("\"id\":\"?(\\d+)").matcher(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(m.find()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isTrue();
        return m.group(1);
    }

    private String token(String username) throws Exception {
        MvcResult res = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + CaseWorld.PASSWORD + "\"}")).andReturn();
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(res.getResponse().getContentAsString());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
