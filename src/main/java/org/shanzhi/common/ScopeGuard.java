package org.shanzhi.common;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place where data scope is decided. Every module's service asks it before returning or changing
 * a county's data; a record outside the caller's scope is reported as not found (404), never shown.
 */
public final class ScopeGuard {

    private static final ThreadLocal<Actor> SYSTEM = new ThreadLocal<>();
    private static volatile Supplier<Optional<Actor>> currentActor = Optional::empty;

    private ScopeGuard() {
    }

    /** Installed once by the identity module: how to find the caller of the current request. */
    public static void install(Supplier<Optional<Actor>> supplier) {
        currentActor = supplier;
    }

    public static Optional<Actor> current() {
        Actor system = SYSTEM.get();
        return system != null ? Optional.of(system) : currentActor.get();
    }

    public static Actor actor() {
        return current().orElseThrow(() -> new NotFoundException("未登录 / not signed in"));
    }

    /** Runs work as the system (imports, demo data, scheduled jobs): county-wide, unrestricted. */
    public static <T> T asSystem(String countyCode, Supplier<T> work) {
        Actor previous = SYSTEM.get();
        SYSTEM.set(new Actor(0, "system", "系统", "SYSTEM", countyCode, countyCode, null, java.util.Set.of(), false));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                SYSTEM.remove();
            } else {
                SYSTEM.set(previous);
            }
        }
    }

    public static boolean covers(Actor a, Located where) {
        if (where == null || a.countyCode() == null || !a.countyCode().equals(where.countyCode())) {
            return false;
        }
        if (a.gridId() != null) {
            return a.gridId().equals(where.gridId());
        }
        if (!a.householdIds().isEmpty()) {
            return where.householdId() != null && a.householdIds().contains(where.householdId());
        }
        return where.divisionCode() != null && where.divisionCode().startsWith(a.scopeCode());
    }

    /** Throws not-found unless the caller may read the record. */
    public static <T> T readable(T record, Located where) {
        if (!covers(actor(), where)) {
            throw new NotFoundException("未找到 / not found");
        }
        return record;
    }

    /** Throws not-found (outside scope) or forbidden (read-only role) unless the caller may change it. */
    public static void writable(Located where) {
        Actor a = actor();
        if (!covers(a, where)) {
            throw new NotFoundException("未找到 / not found");
        }
        if (a.readOnly()) {
            throw new ForbiddenException("只读角色不能修改 / this role reads only");
        }
    }

    /**
     * Narrows a requested territory node to the caller's scope for a list: the node itself when it lies
     * inside the scope, the caller's own node when none is asked for, not-found when it lies outside.
     */
    public static String narrow(String requestedCode) {
        Actor a = actor();
        String own = a.scopeCode();
        if (requestedCode == null || requestedCode.isBlank()) {
            return own;
        }
        if (requestedCode.startsWith(own)) {
            return requestedCode;
        }
        throw new NotFoundException("未找到 / not found");
    }

    /**
     * The territory node to aggregate figures over (cockpits): the requested node narrowed to the caller's scope,
     * for callers whose scope is a whole node only (a grid worker's or a household's scope has no cockpit).
     */
    public static String area(String requestedCode) {
        Actor a = actor();
        if (!a.territorial()) {
            throw new NotFoundException("未找到 / not found");
        }
        String code = narrow(requestedCode);
        if (code.length() > 12) {
            throw new NotFoundException("未找到 / not found");
        }
        return code;
    }
}
