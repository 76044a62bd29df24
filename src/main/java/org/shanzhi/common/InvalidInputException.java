package org.shanzhi.common;

import java.util.List;

/** A user's mistake in one or more named fields: answers 400 problem+json listing each field. */
public class InvalidInputException extends RuntimeException {

    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidInputException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
