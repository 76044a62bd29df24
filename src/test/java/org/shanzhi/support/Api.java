package org.shanzhi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shanzhi.demo.DemoAccounts;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Small helpers for API tests: log in a demo account and get its bearer token. */
public final class Api {

    private Api() {
    }

    public static String token(MockMvc mvc, String username) throws Exception {
        return token(mvc, username, DemoAccounts.PASSWORD);
    }

    public static String token(MockMvc mvc, String username, String password) throws Exception {
        MvcResult res = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")).andReturn();
        assertThat(res.getResponse().getStatus()).as("login " + username + ": " + res.getResponse().getContentAsString()).isEqualTo(200);
        return field(res.getResponse().getContentAsString(), "token");
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A top-level string or number field of a JSON answer (ids are strings). */
    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)\"?").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
