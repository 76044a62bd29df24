package org.shanzhi.common;

/** The caller may see this but their role may not do this (403). */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
