package org.shanzhi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shanzhi.demo.DemoAccounts;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every API endpoint × every role × (in scope, out of scope), against the table in
 * {@code access-matrix.txt}. An endpoint without a line fails the test.
 */
@IntegrationTest
@org.junit.jupiter.api.Order(Integer.MAX_VALUE) // after the scenario tests: see junit-platform.properties
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    record Entry(int line, String method, String path, List<String> cells, String body) {
        String key() {
            return method + " " + PLACEHOLDER.matcher(path.replaceAll("\\?.*", "")).replaceAll("{}");
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private List<Entry> entries;
    private AccessFixtures fixtures;
    private final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    void load() throws Exception {
        entries = parse();
        fixtures = new AccessFixtures(jdbc);
        for (var e : AccessFixtures.USERNAMES.entrySet()) {
            tokens.put(e.getKey(), token(e.getValue()));
        }
    }

    @Test
    void everyApiEndpointHasALineInTheMatrix() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<String> paths = info.getPathPatternsCondition() == null ? Set.of() : info.getPathPatternsCondition().getPatternValues();
            for (String p : paths) {
                if (p.startsWith("/api/") || p.startsWith("/open311/")) {
                    for (var m : info.getMethodsCondition().getMethods()) {
                        endpoints.add(m.name() + " " + PLACEHOLDER.matcher(p).replaceAll("{}"));
                    }
                }
            }
        });
        Set<String> listed = entries.stream().map(Entry::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(endpoints);
        missing.removeAll(listed);
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(endpoints);
        assertThat(missing).as("endpoints without a line in access-matrix.txt").isEmpty();
        assertThat(stale).as("lines in access-matrix.txt for endpoints that do not exist").isEmpty();
    }

    @Test
    void everyRoleGetsTheExpectedAnswerInAndOutOfScope() throws Exception {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Entry e : entries) {
            for (int r = 0; r < AccessFixtures.ROLES.size(); r++) {
                String role = AccessFixtures.ROLES.get(r);
                String[] expected = e.cells().get(r).split("/");
                for (boolean in : new boolean[] {true, false}) {
                    int want = Integer.parseInt(expected.length == 1 ? expected[0] : expected[in ? 0 : 1]);
                    Map<String, String> values = fixtures.values(role, in);
                    MockHttpServletRequestBuilder req = request(HttpMethod.valueOf(e.method()), fill(e.path(), values));
                    if (!role.equals("AN")) {
                        String token = e.method().equals("DELETE") && e.path().equals("/api/v1/auth/token")
                                ? token(AccessFixtures.USERNAMES.get(role)) : tokens.get(role);
                        req.header("Authorization", "Bearer " + token);
                    }
                    if (e.path().endsWith("/import")) {
                        req.contentType(MediaType.MULTIPART_FORM_DATA);
                    } else if (e.body() != null && e.body().startsWith("form ")) {
                        // a multipart form: "form a=1&b=2" sends the fields as parts (no file)
                        req.contentType(MediaType.MULTIPART_FORM_DATA);
                        for (String pair : fill(e.body().substring(5), values).split("&")) {
                            int eq = pair.indexOf('=');
                            req.param(pair.substring(0, eq), pair.substring(eq + 1));
                        }
                    } else if (e.body() != null) {
                        req.contentType(MediaType.APPLICATION_JSON).content(fill(e.body(), values));
                    }
                    MvcResult res = mvc.perform(req).andReturn();
                    checked++;
                    int got = res.getResponse().getStatus();
                    if (got != want) {
                        failures.add(String.format("line %d %s %s as %s %s: want %d, got %d %s", e.line(), e.method(), e.path(), role,
                                in ? "IN" : "OUT", want, got, res.getResponse().getContentAsString(StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        System.out.println("access matrix: " + checked + " requests checked");
        assertThat(failures).as("access matrix mismatches").isEmpty();
    }

    private String token(String username) throws Exception {
        MvcResult res = mvc.perform(request(HttpMethod.POST, "/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + DemoAccounts.PASSWORD + "\"}")).andReturn();
        assertThat(res.getResponse().getStatus()).as("login " + username).isEqualTo(200);
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(res.getResponse().getContentAsString());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("no fixture for {" + m.group(1) + "}: add it to AccessFixtures.values");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static List<Entry> parse() throws IOException {
        String text = new String(new ClassPathResource("access-matrix.txt").getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<Entry> list = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String body = null;
            int bar = line.indexOf(" | ");
            if (bar >= 0) {
                body = line.substring(bar + 3).strip();
                line = line.substring(0, bar).strip();
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2 + AccessFixtures.ROLES.size()) {
                throw new IllegalStateException("access-matrix.txt line " + (i + 1) + ": expected " + (2 + AccessFixtures.ROLES.size()) + " columns");
            }
            list.add(new Entry(i + 1, parts[0], parts[1], List.of(parts).subList(2, parts.length), body));
        }
        return list;
    }
}
