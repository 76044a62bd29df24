package org.shanzhi.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.shanzhi.identity.Accounts;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates API calls by {@code Authorization: Bearer <token>} (Open311 also by {@code api_key=<token>}). */
public class BearerTokenFilter extends OncePerRequestFilter {

    private final Accounts accounts;

    public BearerTokenFilter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        } else if (header == null && request.getRequestURI().startsWith(request.getContextPath() + "/open311/")) {
            // Open311 GeoReport clients send their key as api_key: it is an API token of the account
            token = request.getParameter("api_key");
        }
        if (token != null && !token.isBlank()) {
            String credentials = token;
            accounts.authenticateToken(token).ifPresent(actor -> {
                var principal = new AccountPrincipal(actor, "", false, true);
                var auth = UsernamePasswordAuthenticationToken.authenticated(principal, credentials, principal.getAuthorities());
                SecurityContextHolder.getContext().setAuthentication(auth);
            });
        }
        chain.doFilter(request, response);
    }
}
