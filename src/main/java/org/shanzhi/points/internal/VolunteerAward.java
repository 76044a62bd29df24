package org.shanzhi.points.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.shanzhi.cases.VolunteerHelped;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.points.Declaration;
import org.shanzhi.points.PointsSchemes;
import org.shanzhi.points.Scheme;
import org.shanzhi.points.SchemeItem;
import org.shanzhi.points.ScoreEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 热心公益: a case closed with a volunteer household's help ({@link VolunteerHelped}) records a score event for
 * that household, when the household's village has an adopted scheme with a fitting item. The item is the first
 * one of the scheme (in its order) that adds points, may be recorded by a cadre, is scored per household, and
 * whose category is 热心公益 or whose category or name mentions 公益 or 志愿. The event is RECORDED by the system
 * (then verified, reviewed and put on notice like any other) with the Idempotency-Key {@code case-volunteer:<caseId>},
 * so a repeated event records nothing more.
 *
 * <p>Runs after the case's transaction committed, in its own: a village without a scheme or a fitting item, or an
 * event the scheme refuses (e.g. the item's monthly cap), is logged and never undoes the case's closing.
 */
@Component
class VolunteerAward {

    static final String CATEGORY = "热心公益";
    private static final Logger log = LoggerFactory.getLogger(VolunteerAward.class);

    private final ScoreEvents events;
    private final PointsSchemes schemes;
    private final Subjects subjects;
    private final TransactionTemplate newTx;
    private final Clock clock;

    VolunteerAward(ScoreEvents events, PointsSchemes schemes, Subjects subjects, PlatformTransactionManager txm,
            Clock clock) {
        this.clock = clock;
        this.events = events;
        this.schemes = schemes;
        this.subjects = subjects;
        this.newTx = new TransactionTemplate(txm);
        this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    static String idempotencyKey(long caseId) {
        return "case-volunteer:" + caseId;
    }

    /** The first item of the scheme that fits a volunteer's help, if any. */
    static Optional<SchemeItem> volunteerItem(Scheme scheme) {
        if (!"HOUSEHOLD".equals(scheme.settings().subjectType())) {
            return Optional.empty();
        }
        return scheme.items().stream()
                .filter(i -> "+".equals(i.sign()) && i.recorders().contains("CADRE"))
                .filter(i -> CATEGORY.equals(i.category()) || mentions(i.category()) || mentions(i.name()))
                .findFirst();
    }

    private static boolean mentions(String s) {
        return s != null && (s.contains("公益") || s.contains("志愿"));
    }

    @TransactionalEventListener
    void on(VolunteerHelped e) {
        try {
            newTx.executeWithoutResult(s -> ScopeGuard.asSystem(e.countyCode(), () -> award(e)));
        } catch (InvalidInputException | ConflictException | NotFoundException | ForbiddenException refused) {
            log.warn("volunteer of case {} (household {}) not scored: {}", e.caseId(), e.householdId(), refused.getMessage());
        }
    }

    private Long award(VolunteerHelped e) {
        LocalDate day = e.closedAt() == null ? LocalDate.now(clock) : e.closedAt().toLocalDate();
        Subjects.Ref household = subjects.resolve(e.countyCode(), "HOUSEHOLD", e.householdId());
        Optional<SchemeItem> item = schemes.applicable(household.villageCode(), day).flatMap(VolunteerAward::volunteerItem);
        if (item.isEmpty()) {
            log.info("volunteer of case {}: village {} has no adopted scheme with a volunteer item", e.caseId(), household.villageCode());
            return null;
        }
        String what = e.note() == null || e.note().isBlank() ? "" : ":" + e.note().trim();
        String description = clip("协助处理网格事件 " + e.caseId() + what, 500);
        Declaration d = new Declaration(e.householdId(), "HOUSEHOLD", null, item.get().id(), day, "RECORDED", null, description,
                clip("事件 " + e.caseId() + " 结案记录(志愿协助户) / case closed with this household's help", 1000), List.of());
        ScoreEvents.Declared declared = events.declare(d, idempotencyKey(e.caseId()));
        return declared.event().id();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
