package org.shanzhi.points;

/** The same Idempotency-Key came with a different request: answered 422, nothing is created. */
public class IdempotencyMismatch extends RuntimeException {

    public IdempotencyMismatch() {
        super("同一幂等键对应了不同的请求内容 / this Idempotency-Key was used with a different request");
    }
}
