package org.shanzhi.common;

/**
 * Thrown when something does not exist or lies outside the caller's scope: both answer 404, so a
 * caller cannot learn that another village's record exists.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what);
    }
}
