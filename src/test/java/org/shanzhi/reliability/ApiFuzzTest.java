package org.shanzhi.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.shanzhi.support.Api;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Generated requests against every API endpoint: random and hostile path variables, query strings, headers
 * and JSON bodies shaped like (and unlike) each endpoint's request record. Never a 500; a 400/422 names the
 * field; a refused request writes nothing (the audit trail, which every change appends to in its own
 * transaction, does not grow). Seeded: the seed is printed and can be replayed with -Dfuzz.seed=...
 */
@IntegrationTest
@org.junit.jupiter.api.Order(Integer.MAX_VALUE) // after the scenario tests: see junit-platform.properties
class ApiFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 6_000);
    private static final String[] NASTY = {"", " ", "null", "-1", "0", "9223372036854775808", "1e309", "NaN", "\u0000",
            "'; drop table households; --", "<script>alert(1)</script>", "%", "_", "../../etc/passwd", "张三", "𠀀𠀁",
            "469030202200", "469030", "x".repeat(5000), "{}", "[]", "true", "2026-02-30", "2026-13-01T25:61:00", "\uD800"};

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(HttpMethod method, String path, HandlerMethod handler) {
    }

    @TestFactory
    Stream<DynamicTest> noGeneratedRequestBreaksAnEndpoint() throws Exception {
        System.out.println("ApiFuzzTest seed=" + SEED + " (replay: -Dfuzz.seed=" + SEED + ")");
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (e.getKey().getPathPatternsCondition() == null) {
                continue;
            }
            for (String p : e.getKey().getPathPatternsCondition().getPatternValues()) {
                if (p.startsWith("/api/") || p.startsWith("/open311/")) {
                    for (var m : e.getKey().getMethodsCondition().getMethods()) {
                        if (!(p.equals("/api/v1/auth/token") && m.name().equals("DELETE"))) {
                            endpoints.add(new Endpoint(HttpMethod.valueOf(m.name()), p, e.getValue()));
                        }
                    }
                }
            }
        }
        endpoints.sort(java.util.Comparator.comparing(e -> e.method() + e.path()));
        String[] tokens = {Api.token(mvc, "county_admin"), Api.token(mvc, "village_cadre"), Api.token(mvc, "villager")};
        int perEndpoint = Math.max(50, REQUESTS / Math.max(1, endpoints.size()));
        return endpoints.stream().map(ep -> DynamicTest.dynamicTest(ep.method() + " " + ep.path(), () -> {
            Random rnd = new Random(SEED ^ (ep.method() + ep.path()).hashCode());
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < perEndpoint && failures.size() < 5; i++) {
                long auditBefore = jdbc.queryForObject("select count(*) from audit_entries", Long.class);
                MockHttpServletRequestBuilder req = request(ep.method(), fillPath(ep.path(), rnd));
                req.header("Authorization", "Bearer " + tokens[rnd.nextInt(tokens.length)]);
                for (Parameter p : ep.handler().getMethod().getParameters()) {
                    RequestParam rp = p.getAnnotation(RequestParam.class);
                    if (rp != null && rnd.nextInt(3) > 0 && !p.getType().getName().contains("MultipartFile") && !p.getType().equals(List.class)) {
                        req.param(rp.name().isEmpty() ? rp.value().isEmpty() ? p.getName() : rp.value() : rp.name(), value(rnd));
                    }
                    if (p.getAnnotation(RequestBody.class) != null) {
                        req.contentType(rnd.nextInt(10) == 0 ? "text/plain" : "application/json");
                        req.content(body(p.getType(), rnd).getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (rnd.nextInt(4) == 0) {
                    req.param(value(rnd), value(rnd));
                }
                if (rnd.nextInt(5) == 0) {
                    req.header("Idempotency-Key", rnd.nextBoolean() ? "fuzz-" + rnd.nextInt(50) : value(rnd));
                }
                MvcResult res = mvc.perform(req).andReturn();
                int status = res.getResponse().getStatus();
                String content = res.getResponse().getContentAsString(StandardCharsets.UTF_8);
                String what = "request " + i + " -> " + status + " " + content.substring(0, Math.min(200, content.length()));
                if (status >= 500) {
                    failures.add(what);
                }
                // Open311 clients expect GeoReport's [{code, description}]; there the description starts with the field
                boolean namesField = content.contains("\"field\"") || content.contains("\"errors\"")
                        || ep.path().startsWith("/open311/") && content.matches("(?s).*\"description\":\"[A-Za-z_-]+:.*");
                if ((status == 400 || status == 422) && !namesField) {
                    failures.add("no field named: " + what);
                }
                // a refused login is audited on purpose; every other refused request must write nothing
                if (status >= 400 && !ep.path().startsWith("/api/v1/auth/") && jdbc.queryForObject("select count(*) from audit_entries", Long.class) != auditBefore) {
                    failures.add("refused but wrote: " + what);
                }
            }
            assertThat(failures).as("seed " + SEED + ", " + perEndpoint + " inputs tried").isEmpty();
        }));
    }

    private static String fillPath(String pattern, Random rnd) {
        return pattern.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(
                java.net.URLEncoder.encode(value(rnd), StandardCharsets.UTF_8).replace("+", "%20")));
    }

    static String value(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> NASTY[rnd.nextInt(NASTY.length)];
            case 1 -> Long.toString(rnd.nextLong());
            case 2 -> Integer.toString(rnd.nextInt(1000) - 10);
            case 3 -> randomString(rnd, rnd.nextInt(40));
            default -> "469030202" + (200 + rnd.nextInt(8));
        };
    }

    private static String randomString(Random rnd, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(switch (rnd.nextInt(4)) {
                case 0 -> (char) ('a' + rnd.nextInt(26));
                case 1 -> (char) ('0' + rnd.nextInt(10));
                case 2 -> (char) (0x4e00 + rnd.nextInt(0x5000));
                default -> (char) (32 + rnd.nextInt(95));
            });
        }
        return sb.toString();
    }

    /** A body shaped like the endpoint's record (with random, wrong-typed or missing values), or garbage. */
    static String body(Class<?> type, Random rnd) {
        int mode = rnd.nextInt(10);
        if (mode == 0) {
            return randomString(rnd, rnd.nextInt(100));
        }
        if (mode == 1) {
            return "{\"a\":".repeat(rnd.nextInt(2000)) ;
        }
        if (!type.isRecord()) {
            return json(rnd, 0);
        }
        StringBuilder sb = new StringBuilder("{");
        for (RecordComponent c : type.getRecordComponents()) {
            if (rnd.nextInt(5) == 0) {
                continue;
            }
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(c.getName()).append("\":").append(valueFor(c.getType(), rnd));
        }
        return sb.append('}').toString();
    }

    private static String valueFor(Class<?> t, Random rnd) {
        if (rnd.nextInt(6) == 0) {
            return json(rnd, 0); // wrong type on purpose
        }
        if (t == String.class) {
            return quote(value(rnd));
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return rnd.nextBoolean() ? Long.toString(rnd.nextLong() % 100_000) : quote(value(rnd));
        }
        if (t == boolean.class || t == Boolean.class) {
            return rnd.nextBoolean() ? "true" : "\"maybe\"";
        }
        if (t.getName().startsWith("java.time")) {
            return quote(rnd.nextBoolean() ? "2026-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(9) : value(rnd));
        }
        if (Collection.class.isAssignableFrom(t)) {
            return "[" + quote(value(rnd)) + "," + rnd.nextInt(100) + "]";
        }
        if (Map.class.isAssignableFrom(t)) {
            return "{" + quote(value(rnd)) + ":" + quote(value(rnd)) + "}";
        }
        if (t.isEnum()) {
            Object[] constants = t.getEnumConstants();
            return rnd.nextBoolean() ? quote(constants[rnd.nextInt(constants.length)].toString()) : quote(value(rnd));
        }
        return json(rnd, 0);
    }

    private static String json(Random rnd, int depth) {
        return switch (depth > 3 ? rnd.nextInt(3) : rnd.nextInt(5)) {
            case 0 -> quote(value(rnd));
            case 1 -> Integer.toString(rnd.nextInt());
            case 2 -> "null";
            case 3 -> "[" + json(rnd, depth + 1) + "]";
            default -> "{" + quote(value(rnd)) + ":" + json(rnd, depth + 1) + "}";
        };
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 32) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
