package org.shanzhi.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Every write under /api and /open311 accepts {@code Idempotency-Key}: rural networks drop answers and phones
 * retry. The key is stored in the same transaction as the write it guards, so a write and its key commit
 * together or not at all. A replay (same account, key, method, path and body) returns the first answer and
 * changes nothing; the same key with a different request is refused with 422 (a multipart upload is compared by its
 * fields and the hash of each file). Answers of 4xx/5xx are not
 * kept: nothing was written, so a retry simply runs again.
 */
@Configuration
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_BODY = 65_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    IdempotencyFilter(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyRegistration() {
        FilterRegistrationBean<IdempotencyFilter> reg = new FilterRegistrationBean<>(this);
        reg.addUrlPatterns("/api/*", "/open311/*");
        reg.setOrder(0); // after Spring Security (-100): the caller is known
        return reg;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String m = request.getMethod();
        return request.getHeader(HEADER) == null || m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS");
    }

    private record Stored(String hash, int status, String contentType, String body) {
    }

    /** A concurrent request with the same key committed first. */
    private static final Stored RACED = new Stored("", 0, null, null);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).trim();
        Optional<Actor> actor = ScopeGuard.current();
        if (actor.isEmpty()) {
            chain.doFilter(request, response); // anonymous calls (token requests) are not replayed
            return;
        }
        if (key.isEmpty() || key.length() > 100) {
            problem(response, 400, "Idempotency-Key 应为 1 到 100 个字符 / Idempotency-Key must be 1..100 characters");
            return;
        }
        String type = request.getContentType();
        byte[] body;
        HttpServletRequest forward;
        if (type != null && type.toLowerCase().startsWith("multipart/")) {
            // the container parses (and keeps) the parts; hash the fields and every part's name, file name and bytes
            byte[] parts = multipartDigest(request);
            if (parts == null) {
                chain.doFilter(request, response); // unreadable upload (too large, malformed): the controller answers it
                return;
            }
            body = parts;
            forward = request;
        } else if (type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            // form bodies are read by the container as parameters; hash them in a stable order
            StringBuilder sb = new StringBuilder();
            new java.util.TreeMap<>(request.getParameterMap()).forEach((k, v) -> sb.append(k).append('=').append(String.join(",", v)).append('&'));
            body = sb.toString().getBytes(StandardCharsets.UTF_8);
            forward = request;
        } else {
            body = request.getInputStream().readAllBytes();
            forward = new ReplayableRequest(request, body);
        }
        boolean secret = isSecretBallot(request.getRequestURI());
        // a ballot's choice is one of three words: its hash would tell a reader of this table how a member voted
        String hash = sha256(request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n"
                + (secret ? "" : new String(body, StandardCharsets.UTF_8)));
        Actor a = actor.get();
        String county = a.countyCode() == null ? "000000" : a.countyCode();
        ContentCachingResponseWrapper res = new ContentCachingResponseWrapper(response);
        Stored replay = tx.execute(status -> {
            int claimed;
            try {
                // claims the key (a new key, the usual case, costs no look-up first); a concurrent request with the same
                // key waits here on the primary key until the first commits (then claims nothing) or rolls back
                claimed = jdbc.update("""
                        insert into idempotency_keys (county_code, account_id, idem_key, request_hash, status, created_at)
                        values (?, ?, ?, ?, 0, ?) on conflict do nothing""",
                        county, a.accountId(), key, hash, LocalDateTime.now(clock));
            } catch (DuplicateKeyException raced) {
                // a database that reports the race instead has aborted this transaction: read the winner's answer below
                status.setRollbackOnly();
                return RACED;
            }
            if (claimed == 0) {
                return find(county, a.accountId(), key).orElse(RACED); // a replay: the first answer
            }
            runGuarded(forward, res, chain, status, county, a.accountId(), key, secret);
            return null;
        });
        if (replay == null) {
            res.copyBodyToResponse();
            return;
        }
        if (replay == RACED) {
            replay = find(county, a.accountId(), key).orElse(new Stored(hash, 409, null, null));
        }
        if (!replay.hash().equals(hash)) {
            problem(response, 422, "该 Idempotency-Key 已用于另一个请求 / this Idempotency-Key was used for a different request");
            return;
        }
        if (replay.status() == 409) {
            problem(response, 409, "相同请求正在处理 / the same request is in progress");
            return;
        }
        response.setStatus(replay.status());
        response.setHeader("Idempotent-Replayed", "true");
        if (replay.contentType() != null) {
            response.setContentType(replay.contentType());
        }
        if (replay.body() != null) {
            response.getOutputStream().write(replay.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void runGuarded(HttpServletRequest req, ContentCachingResponseWrapper res, FilterChain chain,
            TransactionStatus status, String county, long accountId, String key, boolean secret) {
        try {
            chain.doFilter(req, res);
        } catch (IOException | ServletException e) {
            status.setRollbackOnly();
            throw new IllegalStateException(e);
        }
        if (res.getStatus() >= 400 || status.isRollbackOnly()) {
            status.setRollbackOnly();
            return;
        }
        String text = new String(res.getContentAsByteArray(), StandardCharsets.UTF_8);
        boolean keep = !secret && text.length() <= MAX_BODY; // a replayed ballot answers its status only
        jdbc.update("update idempotency_keys set status = ?, content_type = ?, body = ? where county_code = ? and account_id = ? and idem_key = ?",
                res.getStatus(), keep ? res.getContentType() : null, keep ? text : null, county, accountId, key);
    }

    /** A stable text of a multipart request: its fields in order of name, then each part with its bytes' hash. */
    private static byte[] multipartDigest(HttpServletRequest request) throws IOException {
        java.util.Collection<jakarta.servlet.http.Part> parts;
        try {
            parts = request.getParts();
        } catch (ServletException | IllegalStateException e) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(request.getParameterMap()).forEach((k, v) -> sb.append(k).append('=').append(String.join(",", v)).append('&'));
        if (request instanceof org.springframework.web.multipart.MultipartHttpServletRequest mr) {
            // a request already resolved by Spring (tests build these): its files are not among the container's parts
            for (var e : mr.getMultiFileMap().entrySet()) {
                for (var f : e.getValue()) {
                    sb.append('\n').append(e.getKey()).append(';').append(f.getOriginalFilename()).append(';').append(sha256(f.getBytes()));
                }
            }
        }
        for (jakarta.servlet.http.Part part : parts) {
            if (part.getSubmittedFileName() == null) {
                continue; // a plain field, already among the parameters
            }
            try (java.io.InputStream in = part.getInputStream()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
                sb.append('\n').append(part.getName()).append(';').append(part.getSubmittedFileName()).append(';')
                        .append(HexFormat.of().formatHex(md.digest()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Ballots may be secret: neither their body nor their answer is kept, only that the write happened. */
    static boolean isSecretBallot(String uri) {
        return uri != null && uri.endsWith("/ballots");
    }

    private Optional<Stored> find(String county, long accountId, String key) {
        return jdbc.query("select request_hash, status, content_type, body from idempotency_keys where county_code = ? and account_id = ? and idem_key = ?",
                rs -> rs.next() ? Optional.of(new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4))) : Optional.empty(),
                county, accountId, key);
    }

    private static void problem(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json;charset=UTF-8");
        String title = HttpStatus.valueOf(status).getReasonPhrase();
        response.getWriter().write(String.format("{\"type\":\"https://shanzhi.org/problems/%d\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\",\"field\":\"%s\"}",
                status, title, status, detail, HEADER));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once and served again to the controller. */
    private static final class ReplayableRequest extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final byte[] body;

        ReplayableRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
