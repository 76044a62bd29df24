package org.shanzhi.common;

/** The request is well-formed but the current state refuses it (409), e.g. a duplicate code. */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
