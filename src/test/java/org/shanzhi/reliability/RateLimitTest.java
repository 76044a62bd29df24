package org.shanzhi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.RateLimitFilter;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.support.MutableClock;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RateLimitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-03T01:00:00Z"), TimeConfig.ZONE);

    private int post(RateLimitFilter filter, String path, String ip, String token) throws Exception {
        return send(filter, path, ip, token, null).getStatus();
    }

    /** A POST with a bearer token, or a page's form post with a session cookie. */
    private MockHttpServletResponse send(RateLimitFilter filter, String path, String ip, String token, String session) throws Exception {
        MockHttpServletRequest req = new MockHttpServletRequest("POST", path);
        req.setRemoteAddr(ip);
        if (token != null) {
            req.addHeader("Authorization", "Bearer " + token);
        }
        if (session != null) {
            req.setCookies(new jakarta.servlet.http.Cookie("SESSION", session));
        }
        MockHttpServletResponse res = new MockHttpServletResponse();
        filter.doFilter(req, res, new MockFilterChain());
        if (res.getStatus() == 429) {
            assertThat(res.getContentType()).contains(path.startsWith("/api/") ? "problem+json" : "text/html");
            assertThat(res.getContentAsString()).contains("一分钟后再试");
            assertThat(res.getHeader("Retry-After")).isEqualTo("60");
        }
        return res;
    }

    @Test
    void loginsFromOneAddressAreLimitedPerMinute() throws Exception {
        RateLimitFilter filter = newFilter(3, 100, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(post(filter, "/api/v1/auth/token", "10.0.0.1", null)).isEqualTo(200);
        }
        assertThat(post(filter, "/api/v1/auth/token", "10.0.0.1", null)).isEqualTo(429);
        assertThat(post(filter, "/login", "10.0.0.1", null)).isEqualTo(429);
        assertThat(post(filter, "/api/v1/auth/token", "10.0.0.2", null)).as("another address").isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        assertThat(post(filter, "/api/v1/auth/token", "10.0.0.1", null)).as("next minute").isEqualTo(200);
    }

    @Test
    void declarationsAreLimitedPerAccount() throws Exception {
        RateLimitFilter filter = newFilter(100, 100, 2);
        assertThat(post(filter, "/api/v1/points/declarations", "10.0.0.1", "a")).isEqualTo(200);
        assertThat(post(filter, "/api/v1/points/declarations", "10.0.0.1", "a")).isEqualTo(200);
        assertThat(post(filter, "/api/v1/points/declarations", "10.0.0.1", "a")).isEqualTo(429);
        assertThat(post(filter, "/api/v1/points/declarations", "10.0.0.1", "b")).as("another account").isEqualTo(200);
        assertThat(post(filter, "/api/v1/households", "10.0.0.1", "a")).as("other writes are not declarations").isEqualTo(200);
    }

    /** Every way to declare counts (the JSON API and the phone page), a cadre's review of events does not. */
    @Test
    void everyDeclarationPathCountsAndReviewsDoNot() throws Exception {
        RateLimitFilter filter = newFilter(100, 100, 2);
        assertThat(post(filter, "/api/v1/points/events", "10.0.0.1", "a")).isEqualTo(200);
        assertThat(post(filter, "/api/v1/points/declarations", "10.0.0.1", "a")).isEqualTo(200);
        assertThat(post(filter, "/api/v1/points/events", "10.0.0.1", "a")).isEqualTo(429);
        for (int i = 0; i < 5; i++) {
            assertThat(post(filter, "/api/v1/points/events/verify", "10.0.0.1", "a")).as("a review, not a declaration").isEqualTo(200);
        }
    }

    /** Villagers declare from phones behind one village address: the limit is per session, answered with a page. */
    @Test
    void thePhonePageIsLimitedPerSessionWithAPage() throws Exception {
        RateLimitFilter filter = newFilter(100, 100, 2);
        assertThat(send(filter, "/m/points/declare", "10.0.0.9", null, "s1").getStatus()).isEqualTo(200);
        assertThat(send(filter, "/m/points/declare", "10.0.0.9", null, "s1").getStatus()).isEqualTo(200);
        MockHttpServletResponse refused = send(filter, "/m/points/declare", "10.0.0.9", null, "s1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString()).contains("<html", "申报过于频繁", "返回");
        assertThat(send(filter, "/m/points/declare", "10.0.0.9", null, "s2").getStatus()).as("a neighbour's phone, same address")
                .isEqualTo(200);
    }

    @Test
    void allWritesOfAnAccountHaveACeiling() throws Exception {
        RateLimitFilter filter = newFilter(100, 2, 100);
        assertThat(post(filter, "/api/v1/households", "10.0.0.1", "a")).isEqualTo(200);
        assertThat(post(filter, "/api/v1/households", "10.0.0.1", "a")).isEqualTo(200);
        assertThat(post(filter, "/api/v1/households", "10.0.0.1", "a")).isEqualTo(429);
        assertThat(send(filter, "/cases/1/accept", "10.0.0.1", null, "s9").getStatus()).isEqualTo(200);
        assertThat(send(filter, "/cases/1/accept", "10.0.0.1", null, "s9").getStatus()).isEqualTo(200);
        assertThat(send(filter, "/cases/1/accept", "10.0.0.1", null, "s9").getStatus()).as("console forms too").isEqualTo(429);
    }

    private RateLimitFilter newFilter(int logins, int writes, int declarations) {
        return new RateLimitFilter(clock, logins, writes, declarations,
                List.of("/api/v1/points/declarations", "/api/v1/points/events", "/m/points/declare"));
    }
}
