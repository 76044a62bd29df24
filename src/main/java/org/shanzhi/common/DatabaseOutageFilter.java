package org.shanzhi.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When the database is away (restart, network cut), every request answers 503 problem+json with Retry-After,
 * also where the failure happens in a filter (token lookup, idempotency store) before any controller. The
 * pool fails fast (hikari connection-timeout) and reconnects by itself when the database returns.
 */
@Configuration
public class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    @Bean
    FilterRegistrationBean<DatabaseOutageFilter> databaseOutageRegistration() {
        FilterRegistrationBean<DatabaseOutageFilter> reg = new FilterRegistrationBean<>(this);
        reg.addUrlPatterns("/*");
        reg.setOrder(-300);
        return reg;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!isOutage(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), rootMessage(e));
            response.resetBuffer();
            response.setStatus(503);
            response.setHeader("Retry-After", "5");
            response.setContentType("application/problem+json;charset=UTF-8");
            String body = "{\"type\":\"https://shanzhi.org/problems/503\",\"title\":\"暂时无法服务 / Service unavailable\","
                    + "\"status\":503,\"detail\":\"数据库暂时不可用,请稍后重试 / database unavailable, retry later\"}";
            try {
                response.getOutputStream().write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalStateException writerInUse) {
                response.getWriter().write(body);
            }
        }
    }

    /** Whether a failure means the database is unreachable (rather than a bug or a refused statement). */
    public static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exception / admin shutdown (SQLSTATE classes 08 and 57P)
            }
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof java.sql.SQLTransientConnectionException || t instanceof java.net.ConnectException
                    // commit or rollback failed: infrastructure, never the caller's mistake; a retry with the
                    // same Idempotency-Key is replayed if the commit did land
                    || t instanceof org.springframework.transaction.TransactionSystemException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
