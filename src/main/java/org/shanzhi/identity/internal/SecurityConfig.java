package org.shanzhi.identity.internal;

import jakarta.annotation.PostConstruct;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.identity.Accounts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two doors: the JSON API (stateless, bearer tokens, no cookies so no CSRF) and the console (form login,
 * sessions in the database, CSRF on every form, security headers).
 */
@Configuration
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class SecurityConfig {

    static final String PROBLEM_401 = "{\"type\":\"https://shanzhi.org/problems/401\",\"title\":\"未登录 / Unauthorized\",\"status\":401,\"detail\":\"需要有效的令牌 / a valid bearer token is required\"}";

    @PostConstruct
    void installScope() {
        ScopeGuard.install(() -> {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.getPrincipal() instanceof AccountPrincipal p) {
                return Optional.of(p.actor());
            }
            return Optional.empty();
        });
    }

    /** A URL the firewall refuses (encoded slashes, NUL, "..") is the caller's mistake: 400 naming the path. */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
        return (req, res, ex) -> problem(res, 400, "{\"type\":\"https://shanzhi.org/problems/400\",\"title\":\"输入有误 / Invalid input\","
                + "\"status\":400,\"detail\":\"地址含有不允许的字符 / the URL contains characters that are not allowed\",\"field\":\"path\"}");
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Accounts accounts) throws Exception {
        http.securityMatcher("/api/**", "/open311/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.requireExplicitSave(true))
                .addFilterBefore(new BearerTokenFilter(accounts), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/token", "/api/v1/auth/sms-code").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/divisions/{code}", "/api/v1/divisions/{code}/children",
                                "/api/v1/public/**").permitAll()
                        // Open311 service discovery is public (jurisdiction_id names the county)
                        .requestMatchers(HttpMethod.GET, "/open311/v2/services.json").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problem(res, 401, PROBLEM_401))
                        .accessDeniedHandler((req, res, ex) -> problem(res, 403,
                                "{\"title\":\"无权操作 / Forbidden\",\"status\":403}")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/health/**", "/public/**")
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; img-src 'self' data: blob:; "
                                + "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    private static void problem(HttpServletResponse res, int status, String body) throws java.io.IOException {
        res.setStatus(status);
        res.setContentType("application/problem+json;charset=UTF-8");
        res.getWriter().write(body);
    }
}
