package org.shanzhi.deliberation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.shanzhi.support.Api;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** API calls of the deliberation tests: one line per request, the expected status checked, the answer parsed. */
record Calls(MockMvc mvc, JsonMapper json) {

    private static final AtomicInteger UNIQ = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

    static int uniq() {
        return UNIQ.incrementAndGet();
    }

    String token(String username) throws Exception {
        return Api.token(mvc, username);
    }

    JsonNode get(String token, String path, int status) throws Exception {
        return call(HttpMethod.GET, token, path, null, status);
    }

    JsonNode post(String token, String path, String body, int status) throws Exception {
        return call(HttpMethod.POST, token, path, body == null ? "{}" : body, status);
    }

    JsonNode put(String token, String path, String body, int status) throws Exception {
        return call(HttpMethod.PUT, token, path, body, status);
    }

    JsonNode call(HttpMethod method, String token, String path, String body, int status) throws Exception {
        var req = request(method, path).header("Authorization", Api.bearer(token));
        if (body != null) {
            req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MvcResult r = mvc.perform(req).andReturn();
        String content = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(method + " " + path + " " + body + " -> " + content).isEqualTo(status);
        return content.isEmpty() ? null : json.readTree(content);
    }
}
