package org.shanzhi.cases.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.ScopeGuard;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for write endpoints: rural networks drop answers and a client retries. The first
 * answer is stored in the same transaction as the change, keyed by (county, account, key); a replay gets it
 * back (header {@code Idempotent-Replayed: true}) and changes nothing. Two racing first requests: the loser's
 * insert of the key fails, its whole transaction (the change too) rolls back and it returns the winner's
 * answer. The same key with a different request is a 409. Failed requests are not stored, so a corrected
 * retry may reuse the key.
 */
@Component
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    private record Stored(String requestHash, int status, String body) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;

    Idempotency(JdbcClient jdbc, TransactionTemplate tx, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Runs {@code work} once per key. {@code request} identifies the request (method, path and body), so a
     * key reused for another request is refused.
     */
    public ResponseEntity<?> run(String key, HttpStatus status, String request, Supplier<?> work) {
        if (key == null || key.isBlank()) {
            return ResponseEntity.status(status).body(work.get());
        }
        if (key.length() > 100 || !key.chars().allMatch(ch -> ch > 32 && ch < 127)) {
            throw new InvalidInputException(HEADER, "幂等键为 1-100 个可见 ASCII 字符 / the key is 1..100 visible ASCII characters");
        }
        Actor a = ScopeGuard.actor();
        String hash = sha256(request);
        Optional<ResponseEntity<?>> replay = replay(a, key, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            Object result = tx.execute(s -> {
                Object r = work.get();
                jdbc.sql("insert into case_idempotency_keys (county_code, account_id, idem_key, request_hash, status, body, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                        .params(a.countyCode(), a.accountId(), key, hash, status.value(), json.writeValueAsString(r), LocalDateTime.now(clock))
                        .update();
                return r;
            });
            return ResponseEntity.status(status).body(result);
        } catch (DuplicateKeyException raced) {
            return replay(a, key, hash).orElseThrow(() -> raced);
        }
    }

    private Optional<ResponseEntity<?>> replay(Actor a, String key, String hash) {
        return jdbc.sql("select request_hash, status, body from case_idempotency_keys where county_code = ? and account_id = ? and idem_key = ?")
                .params(a.countyCode(), a.accountId(), key)
                .query((rs, i) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3))).optional()
                .map(s -> {
                    if (!s.requestHash().equals(hash)) {
                        throw new ConflictException(HEADER, "该幂等键已用于另一个请求 / this key was used for a different request");
                    }
                    return ResponseEntity.status(s.status()).contentType(MediaType.APPLICATION_JSON)
                            .header("Idempotent-Replayed", "true").body(s.body());
                });
    }

    /** The identity of a request: method, path and its body as JSON. */
    public String describe(String method, String path, Object body) {
        return method + " " + path + "\n" + (body == null ? "" : json.writeValueAsString(body));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
