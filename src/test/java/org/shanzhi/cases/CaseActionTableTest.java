package org.shanzhi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shanzhi.cases.CaseStatus.ACCEPTED;
import static org.shanzhi.cases.CaseStatus.CLOSED;
import static org.shanzhi.cases.CaseStatus.DISPATCHED;
import static org.shanzhi.cases.CaseStatus.FEEDBACK;
import static org.shanzhi.cases.CaseStatus.HANDLED;
import static org.shanzhi.cases.CaseStatus.RATED;
import static org.shanzhi.cases.CaseStatus.REFUSED;
import static org.shanzhi.cases.CaseStatus.REPORTED;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.shanzhi.common.ConflictException;

/**
 * The table of allowed steps, written out here a second time by hand: every (step, state) pair either leads to
 * the expected state or is refused with a 409 that names the state.
 */
class CaseActionTableTest {

    /** step → (from → to); a state missing from a step's map refuses that step. */
    private static final Map<CaseAction, Map<CaseStatus, CaseStatus>> EXPECTED = new EnumMap<>(CaseAction.class);

    static {
        put(CaseAction.ACCEPT, REPORTED, ACCEPTED);
        put(CaseAction.REFUSE, REPORTED, REFUSED);
        put(CaseAction.DISPATCH, ACCEPTED, DISPATCHED, DISPATCHED, DISPATCHED);
        put(CaseAction.HANDLE, DISPATCHED, HANDLED);
        put(CaseAction.FEEDBACK, HANDLED, FEEDBACK);
        put(CaseAction.RATE, FEEDBACK, RATED);
        put(CaseAction.CLOSE, RATED, CLOSED);
        put(CaseAction.EXPIRE, FEEDBACK, CLOSED);
        put(CaseAction.REOPEN, RATED, DISPATCHED);
        put(CaseAction.ESCALATE, REPORTED, REPORTED, ACCEPTED, ACCEPTED, DISPATCHED, DISPATCHED);
        put(CaseAction.OVERDUE, REPORTED, REPORTED, ACCEPTED, ACCEPTED, DISPATCHED, DISPATCHED);
        put(CaseAction.WHISTLE, ACCEPTED, ACCEPTED, DISPATCHED, DISPATCHED);
        put(CaseAction.RESPOND, ACCEPTED, ACCEPTED, DISPATCHED, DISPATCHED, HANDLED, HANDLED, FEEDBACK, FEEDBACK, RATED, RATED,
                CLOSED, CLOSED);
        put(CaseAction.MEDIATE, ACCEPTED, ACCEPTED, DISPATCHED, DISPATCHED);
        put(CaseAction.AGREE, DISPATCHED, HANDLED);
        put(CaseAction.REFER, ACCEPTED, ACCEPTED, DISPATCHED, DISPATCHED);
        put(CaseAction.FOLLOW_UP, HANDLED, HANDLED, FEEDBACK, FEEDBACK, RATED, RATED, CLOSED, CLOSED);
        put(CaseAction.PHOTO, REPORTED, REPORTED, ACCEPTED, ACCEPTED, DISPATCHED, DISPATCHED, HANDLED, HANDLED, FEEDBACK, FEEDBACK);
    }

    private static void put(CaseAction action, CaseStatus... fromTo) {
        Map<CaseStatus, CaseStatus> m = new EnumMap<>(CaseStatus.class);
        for (int i = 0; i < fromTo.length; i += 2) {
            m.put(fromTo[i], fromTo[i + 1]);
        }
        EXPECTED.put(action, m);
    }

    @Test
    void everyStepIsInTheHandWrittenTable() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(CaseAction.values());
    }

    @TestFactory
    Stream<DynamicTest> everyStepFromEveryState() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CaseAction action : CaseAction.values()) {
            for (CaseStatus from : CaseStatus.values()) {
                CaseStatus to = EXPECTED.get(action).get(from);
                if (to != null) {
                    tests.add(DynamicTest.dynamicTest(action + " from " + from + " leads to " + to,
                            () -> assertThat(action.next(from)).isEqualTo(to)));
                } else {
                    tests.add(DynamicTest.dynamicTest(action + " from " + from + " is refused naming " + from,
                            () -> assertThatThrownBy(() -> action.next(from)).isInstanceOf(ConflictException.class)
                                    .hasMessageContaining(from.name()).hasMessageContaining(action.name())
                                    .hasMessageContaining(from.label())));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void refusedAndClosedAreFinalForTheLoop() {
        for (CaseAction a : CaseAction.values()) {
            assertThat(a.allowedFrom(REFUSED)).as(a + " from REFUSED").isFalse();
            if (a != CaseAction.RESPOND && a != CaseAction.FOLLOW_UP) {
                assertThat(a.allowedFrom(CLOSED)).as(a + " from CLOSED").isFalse();
            }
        }
    }

    @Test
    void theLightFollowsTheShareOfTheLimit() {
        var start = java.time.LocalDateTime.of(2026, 3, 3, 9, 0);
        var due = start.plusHours(10);
        assertThat(org.shanzhi.cases.internal.CaseStore.light(ACCEPTED, false, start, due, start.plusHours(7).plusMinutes(59), 0.8))
                .isEqualTo(Light.GREEN);
        assertThat(org.shanzhi.cases.internal.CaseStore.light(ACCEPTED, false, start, due, start.plusHours(8), 0.8)).isEqualTo(Light.YELLOW);
        assertThat(org.shanzhi.cases.internal.CaseStore.light(ACCEPTED, false, start, due, due, 0.8)).isEqualTo(Light.RED);
        assertThat(org.shanzhi.cases.internal.CaseStore.light(HANDLED, true, start, due, start, 0.8)).isEqualTo(Light.RED);
        assertThat(org.shanzhi.cases.internal.CaseStore.light(CLOSED, false, start, due, due.plusDays(9), 0.8)).isEqualTo(Light.GREEN);
    }
}
