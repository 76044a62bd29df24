package org.shanzhi.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.shanzhi.support.Api;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class IdempotencyTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRetriedWriteReturnsTheFirstAnswerAndCreatesOneHousehold() throws Exception {
        String token = Api.token(mvc, "village_cadre");
        String body = "{\"villageCode\":\"469030202200\",\"number\":\"IDEM-1\",\"address\":\"便文村重试路1号\"}";
        String first = mvc.perform(post("/api/v1/households").header("Authorization", Api.bearer(token))
                        .header("Idempotency-Key", "k-household-1").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String second = mvc.perform(post("/api/v1/households").header("Authorization", Api.bearer(token))
                        .header("Idempotency-Key", "k-household-1").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn().getResponse().getContentAsString();
        assertThat(second).isEqualTo(first);
        assertThat(jdbc.queryForObject("select count(*) from households where number = 'IDEM-1'", Long.class)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefused() throws Exception {
        String token = Api.token(mvc, "village_cadre");
        mvc.perform(post("/api/v1/households").header("Authorization", Api.bearer(token)).header("Idempotency-Key", "k-household-2")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"villageCode\":\"469030202200\",\"number\":\"IDEM-2\",\"address\":\"便文村重试路2号\"}"))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/households").header("Authorization", Api.bearer(token)).header("Idempotency-Key", "k-household-2")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"villageCode\":\"469030202200\",\"number\":\"IDEM-3\",\"address\":\"便文村重试路3号\"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.field").value("Idempotency-Key"));
        assertThat(jdbc.queryForObject("select count(*) from households where number = 'IDEM-3'", Long.class)).isZero();
    }

    @Test
    void aRefusedWriteIsNotKeptSoTheCorrectedRetryRuns() throws Exception {
        String token = Api.token(mvc, "village_cadre");
        mvc.perform(post("/api/v1/households").header("Authorization", Api.bearer(token)).header("Idempotency-Key", "k-household-4")
                .contentType(MediaType.APPLICATION_JSON).content("{\"villageCode\":\"469030202200\",\"number\":\"IDEM-4\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("address"));
        assertThat(jdbc.queryForObject("select count(*) from idempotency_keys where idem_key = 'k-household-4'", Long.class)).isZero();
    }
}
