package org.shanzhi.points;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Ids;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.identity.internal.AccountPrincipal;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.NewHousehold;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Territory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Test help for points scenarios: a village's own group and households, a scheme adopted for it, synthetic
 * actors (cadres, villagers) to act as, and the whole way from declaration to credit with the clock moved by hand.
 * Every scenario uses its own village of 湾岭镇 (no demo data there), since all integration tests share one database.
 */
public class PointsWorld {

    public static final String COUNTY = "469030";
    /** 2026-03-03 09:00 in Asia/Shanghai, where every integration test starts. */
    public static final Instant START = Instant.parse("2026-03-03T01:00:00Z");

    final Territory territory;
    final Registry registry;
    final PointsSchemes schemes;
    final ScoreEvents events;
    final PointsResults results;
    final NoticeBoard notices;
    final MutableClock clock;

    public PointsWorld(Territory territory, Registry registry, PointsSchemes schemes, ScoreEvents events, PointsResults results, NoticeBoard notices,
            MutableClock clock) {
        this.territory = territory;
        this.registry = registry;
        this.schemes = schemes;
        this.events = events;
        this.results = results;
        this.notices = notices;
        this.clock = clock;
    }

    // ---- actors ----------------------------------------------------------------------------------

    public static Actor cadre(String village) {
        long id = Ids.next();
        return new Actor(id, "cadre" + id, "村干部" + id % 1000, "VILLAGE_CADRE", COUNTY, village, null, Set.of(), false);
    }

    public static Actor villager(String village, long householdId) {
        long id = Ids.next();
        return new Actor(id, "villager" + id, "王小" + id % 10, "VILLAGER", COUNTY, village, null, Set.of(householdId), false);
    }

    public static Actor townshipAdmin(String township) {
        long id = Ids.next();
        return new Actor(id, "ta" + id, "乡管理员", "TOWNSHIP_ADMIN", COUNTY, township, null, Set.of(), false);
    }

    /** Runs work as the actor, the way a signed-in request would. */
    public static <T> T as(Actor a, Supplier<T> work) {
        var ctx = SecurityContextHolder.getContext();
        Authentication previous = ctx.getAuthentication();
        ctx.setAuthentication(new UsernamePasswordAuthenticationToken(new AccountPrincipal(a, "", false, true), null, List.of()));
        try {
            return work.get();
        } finally {
            ctx.setAuthentication(previous);
        }
    }

    public static void run(Actor a, Runnable work) {
        as(a, () -> {
            work.run();
            return null;
        });
    }

    public static <T> T system(Supplier<T> work) {
        return ScopeGuard.asSystem(COUNTY, work);
    }

    // ---- places ----------------------------------------------------------------------------------

    public Division group(String village) {
        return system(() -> territory.createGroup(village, null, "测试组" + Ids.next() % 100000));
    }

    public Household household(String village, String groupCode) {
        return system(() -> registry.createHousehold(new NewHousehold(village, groupCode, null, "T" + Ids.next(), "测试地址", null,
                List.of(), Map.of())));
    }

    public List<Household> households(String village, String groupCode, int n) {
        List<Household> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(household(village, groupCode));
        }
        return list;
    }

    // ---- schemes ---------------------------------------------------------------------------------

    /** Settings with the defaults, then the given changes (a small builder). */
    public static SchemeSettings settings(java.util.function.UnaryOperator<Map<String, Object>> change) {
        SchemeSettings d = SchemeSettings.defaults();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (var c : SchemeSettings.class.getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(d));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        m = change.apply(m);
        Object[] args = new Object[m.size()];
        Class<?>[] types = new Class<?>[m.size()];
        var comps = SchemeSettings.class.getRecordComponents();
        for (int i = 0; i < comps.length; i++) {
            args[i] = m.get(comps[i].getName());
            types[i] = comps[i].getType();
        }
        try {
            return SchemeSettings.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A scheme for the village, adopted by a villager-representative meeting, in force since 2026-01-01. */
    public Scheme adopt(String village, SchemeSettings settings, NewItem... items) {
        return system(() -> {
            Scheme s = schemes.create(new NewScheme(village, "测试方案", false, null, null, settings));
            for (NewItem it : items) {
                schemes.addItem(s.id(), it);
            }
            return schemes.adopt(s.id(), new Decision(LocalDate.of(2026, 1, 1), "村民代表会议", 30, 1, LocalDate.of(2026, 1, 1)));
        });
    }

    public static NewItem plus(String category, String name, long points) {
        return new NewItem(category, name, "+", points, false, null, null, false, false);
    }

    public static NewItem minus(String category, String name, long points) {
        return new NewItem(category, name, "-", points, false, null, null, false, false);
    }

    public static NewItem veto(String category, String name, long points) {
        return new NewItem(category, name, "-", points, false, List.of("CADRE"), null, true, false);
    }

    public static SchemeItem item(Scheme s, String name) {
        return s.items().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    // ---- the way of an event ---------------------------------------------------------------------

    /** A cadre records an event for a household on the clock's current day. */
    public ScoreEvent record(Actor recorder, long householdId, SchemeItem item) {
        return as(recorder, () -> events.declare(new Declaration(householdId, null, null, item.id(), today(), null, null, "测试事由", null, null),
                null).event());
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), clock.getZone());
    }

    public LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), clock.getZone());
    }

    /** Moves the clock to a day at 09:00 Asia/Shanghai. */
    public void setDay(LocalDate day) {
        clock.set(day.atTime(9, 0).atZone(clock.getZone()).toInstant());
    }

    /**
     * Verifies (as verifier), reviews on the review day (as reviewer) and puts the period on notice; returns the
     * notice id. The clock is left on the review day.
     */
    public long toNotice(String village, String period, Actor verifier, Actor reviewer, List<Long> ids, LocalDate reviewDay) {
        run(verifier, () -> events.verify(ids));
        setDay(reviewDay);
        as(reviewer, () -> events.review(village, period, null));
        return as(reviewer, () -> events.publishNotice(village, period)).noticeId();
    }

    /** Moves past the window and closes due notices, as the scheduled job would. */
    public void passWindow(long noticeId) {
        LocalDateTime end = system(() -> notices.notice(noticeId)).windowEnd();
        clock.set(end.plusMinutes(1).atZone(clock.getZone()).toInstant());
        notices.closeDue(now());
    }

    public ScoreEvent event(long id) {
        return system(() -> events.event(id));
    }

    public void reset() {
        clock.set(START);
    }
}
