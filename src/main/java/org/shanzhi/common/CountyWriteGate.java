package org.shanzhi.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a signed-in caller's writes (POST/PUT/PATCH/DELETE) with 503 problem+json and Retry-After while the
 * caller's county is read-only ({@link ReadOnlyCounties}: a county moving to another database). Reads go on.
 * Without a {@link ReadOnlyCounties} bean (the single-database mode) it lets everything through.
 */
@Configuration
public class CountyWriteGate extends OncePerRequestFilter {

    private final ObjectProvider<ReadOnlyCounties> readOnly;

    public CountyWriteGate(ObjectProvider<ReadOnlyCounties> readOnly) {
        this.readOnly = readOnly;
    }

    @Bean
    FilterRegistrationBean<CountyWriteGate> countyWriteGateRegistration() {
        FilterRegistrationBean<CountyWriteGate> reg = new FilterRegistrationBean<>(this);
        reg.addUrlPatterns("/*");
        reg.setOrder(-1); // after Spring Security (-100): the caller is known; before the idempotency filter (0)
        return reg;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String m = request.getMethod();
        return m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS") || request.getRequestURI().equals("/login")
                || request.getRequestURI().equals("/logout") || request.getRequestURI().startsWith("/api/v1/auth/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ReadOnlyCounties gate = readOnly.getIfAvailable();
        Optional<Actor> actor = gate == null ? Optional.empty() : ScopeGuard.current();
        if (actor.isPresent() && actor.get().countyCode() != null && gate.isReadOnly(actor.get().countyCode())) {
            response.setStatus(503);
            response.setHeader("Retry-After", "5");
            response.setContentType("application/problem+json;charset=UTF-8");
            response.getWriter().write("{\"type\":\"https://shanzhi.org/problems/503\",\"title\":\"暂时无法服务 / Service unavailable\","
                    + "\"status\":503,\"detail\":\"本县数据正在迁移,暂时只读,请稍后重试 / the county's data is moving, read-only for a moment; retry shortly\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
