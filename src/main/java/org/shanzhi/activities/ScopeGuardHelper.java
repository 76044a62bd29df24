package org.shanzhi.activities;

import java.util.function.Supplier;
import org.shanzhi.common.ScopeGuard;

/** Reads a record of the caller's county outside the caller's own scope (the receiver of a donation). */
final class ScopeGuardHelper {

    private ScopeGuardHelper() {
    }

    static <T> T asCounty(String county, Supplier<T> work) {
        return ScopeGuard.asSystem(county, work);
    }
}
