package org.shanzhi.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request-rate limits with a clear 429 answer: logins per client address (on top of the per-account lockout),
 * declarations and other writes per account (its bearer token, else its session, else the client address; a
 * village's phones often share one address). Declarations are the exact paths that create a score event: the API's
 * two and the phone page's form. A page gets a short page back, the API problem+json. Fixed one-minute windows kept
 * per app node: with N nodes behind a balancer a client gets at most N times the limit, which is enough to stop a
 * script, not a tight quota.
 */
@Configuration
public class RateLimitFilter extends OncePerRequestFilter {

    private final Clock clock;
    private final int loginsPerMinute;
    private final int writesPerMinute;
    private final int declarationsPerMinute;
    private final List<String> declarationPaths;
    private final ConcurrentHashMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private volatile long window = -1;

    public RateLimitFilter(Clock clock, @Value("${shanzhi.limits.logins-per-minute:30}") int loginsPerMinute,
            @Value("${shanzhi.limits.writes-per-minute:600}") int writesPerMinute,
            @Value("${shanzhi.limits.declarations-per-minute:30}") int declarationsPerMinute,
            @Value("${shanzhi.limits.declaration-paths:/api/v1/points/declarations,/api/v1/points/events,/m/points/declare}")
            List<String> declarationPaths) {
        this.clock = clock;
        this.loginsPerMinute = loginsPerMinute;
        this.writesPerMinute = writesPerMinute;
        this.declarationsPerMinute = declarationsPerMinute;
        this.declarationPaths = declarationPaths;
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitRegistration() {
        FilterRegistrationBean<RateLimitFilter> reg = new FilterRegistrationBean<>(this);
        reg.addUrlPatterns("/*");
        reg.setOrder(-200); // before Spring Security (-100): a login flood is cut before any password hashing
        return reg;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getMethod().equals("POST") && !request.getMethod().equals("PUT") && !request.getMethod().equals("DELETE");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long minute = clock.millis() / 60_000;
        if (minute != window) {
            counters.clear(); // a new window; the race with a concurrent request only forgives a request or two
            window = minute;
        }
        String path = request.getRequestURI();
        boolean api = path.startsWith("/api/") || path.startsWith("/open311/");
        if (path.equals("/login") || path.startsWith("/api/v1/auth/")) {
            if (over("login:" + request.getRemoteAddr(), loginsPerMinute)) {
                tooMany(response, api, "登录尝试过于频繁,请一分钟后再试 / too many login attempts, retry in a minute");
                return;
            }
        } else {
            String who = clientKey(request);
            // exact paths: /api/v1/points/events/verify and the like are a cadre's review, not declarations
            if (declarationPaths.contains(path) && over("declare:" + who, declarationsPerMinute)) {
                tooMany(response, api, "申报过于频繁,请一分钟后再试 / too many declarations, retry in a minute");
                return;
            }
            if (over("write:" + who, writesPerMinute)) {
                tooMany(response, api, "操作过于频繁,请一分钟后再试 / too many requests, retry in a minute");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The bearer token or the session cookie names the account without a database lookup; otherwise the address. */
    private static String clientKey(HttpServletRequest request) {
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.length() > 7) {
            return "t:" + auth.substring(7).hashCode();
        }
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if ("SESSION".equals(c.getName()) && c.getValue() != null) {
                    return "s:" + c.getValue().hashCode();
                }
            }
        }
        return "ip:" + request.getRemoteAddr();
    }

    private boolean over(String key, int limit) {
        return counters.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > limit;
    }

    private static void tooMany(HttpServletResponse response, boolean api, String detail) throws IOException {
        response.setStatus(429);
        response.setHeader("Retry-After", "60");
        if (api) {
            response.setContentType("application/problem+json;charset=UTF-8");
            response.getWriter().write("{\"type\":\"https://shanzhi.org/problems/429\",\"title\":\"请求过多 / Too many requests\",\"status\":429,\"detail\":\""
                    + detail + "\"}");
        } else {
            // a person at a page: a short page in the app's languages with the way back, not JSON
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                    + "content=\"width=device-width, initial-scale=1\"><title>请求过多 / Too many requests</title></head><body style=\"font:18px sans-serif;"
                    + "margin:2em\"><h1>请求过多 / Too many requests</h1><p>" + detail + "</p><p><a href=\"javascript:history.back()\">返回 / Back</a></p>"
                    + "</body></html>");
        }
    }
}
