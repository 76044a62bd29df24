package org.shanzhi.cases;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.shanzhi.cases.CaseDesk.Loaded;
import org.shanzhi.cases.internal.CasesPolicy;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Located;
import org.shanzhi.common.Masking;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Disputes (矛盾纠纷, 人民调解): a dispute is a case of kind DISPUTE with parties, a mediator the parties may
 * choose from the list, mediation sessions, an agreement (which handles the case) and a follow-up visit date.
 * A failed mediation is referred to the next tier: village → township → county (长子 三级调解).
 */
@Service
public class Disputes {

    /** Mediation tiers; after the county come the court or the petition office, outside this platform. */
    public enum Tier {
        VILLAGE("村调委会"), TOWNSHIP("乡镇调解中心"), COUNTY("县调解中心");

        private final String label;

        Tier(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        Tier next() {
            return this == COUNTY ? null : values()[ordinal() + 1];
        }

        static Tier of(String divisionCode) {
            return switch (Level.ofCode(divisionCode).orElseThrow()) {
                case COUNTY -> COUNTY;
                case TOWNSHIP -> TOWNSHIP;
                default -> VILLAGE;
            };
        }
    }

    /** Outcome of a session, and of the dispute so far. */
    public enum Outcome {
        PENDING("待调解"), CONTINUED("继续调解"), AGREED("调解成功"), FAILED("调解不成");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Mediator(long id, String divisionCode, Tier tier, String name, String phone) {
    }

    public record NewMediator(String divisionCode, String name, String phone) {
    }

    public record Party(int seq, String name, Long householdId, String phone) {
    }

    public record Session(long id, LocalDate heldOn, String mediatorName, Outcome outcome, String note, String recordedBy,
            LocalDateTime createdAt) {
    }

    public record Dispute(long caseId, Tier tier, Long mediatorId, String mediatorName, boolean chosenByParties,
            Outcome outcome, String agreement, LocalDateTime agreedAt, LocalDate followUpOn, LocalDateTime followedUpAt,
            String followUpNote, List<Party> parties, List<Session> sessions) {
    }

    private final JdbcClient jdbc;
    private final CaseDesk desk;
    private final Territory territory;
    private final ApplicationEventPublisher events;

    Disputes(JdbcClient jdbc, CaseDesk desk, Territory territory, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.desk = desk;
        this.territory = territory;
        this.events = events;
    }

    // ---- mediators -------------------------------------------------------------------------------

    /** Mediators serving a place: those of the village, its township and the county. */
    public List<Mediator> mediators(String divisionCode) {
        Actor a = ScopeGuard.actor();
        CasesPolicy.requireCasesUser(a);
        String code = divisionCode == null || divisionCode.isBlank() ? a.scopeCode() : divisionCode.trim();
        if (Level.ofCode(code).isEmpty()) {
            throw new InvalidInputException("division", "区划代码格式不正确 / malformed division code");
        }
        return jdbc.sql("""
                select * from case_mediators where county_code = ? and active = true and ? like division_code || '%'
                order by length(division_code) desc, name""")
                .params(a.countyCode(), code).query((rs, i) -> new Mediator(rs.getLong("id"), rs.getString("division_code"),
                        Tier.valueOf(rs.getString("tier")), rs.getString("name"), Masking.phone(rs.getString("phone"))))
                .list();
    }

    @Transactional
    public Mediator addMediator(NewMediator cmd) {
        Actor a = ScopeGuard.actor();
        CasesPolicy.requireCasesUser(a);
        if (cmd == null || cmd.divisionCode() == null || Level.ofCode(cmd.divisionCode()).isEmpty()
                || cmd.divisionCode().length() < 6 || cmd.divisionCode().length() > 12) {
            throw new InvalidInputException("divisionCode", "应为县、乡镇或村代码 / must be a county, township or village code");
        }
        ScopeGuard.writable(new Located(Level.countyOf(cmd.divisionCode()), cmd.divisionCode(), null, null));
        CasesPolicy.requireMediatorKeeper(a);
        if (territory.find(cmd.divisionCode()).isEmpty()) {
            throw new InvalidInputException("divisionCode", "区划不存在 / no such division");
        }
        String name = CaseDesk.requiredText("name", cmd.name(), 50, "调解员姓名必填 / name is required");
        String phone = CaseDesk.trim(cmd.phone());
        if (phone != null && !phone.matches("1[3-9]\\d{9}")) {
            throw new InvalidInputException("phone", "手机号应为 11 位 / phone must be an 11-digit mobile number");
        }
        long id = Ids.next();
        Tier tier = Tier.of(cmd.divisionCode());
        jdbc.sql("insert into case_mediators (county_code, id, division_code, tier, name, phone, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), id, cmd.divisionCode(), tier.name(), name, phone, desk.now()).update();
        events.publishEvent(new Audited(a.countyCode(), "mediator.created", "case_mediator", String.valueOf(id), null, null,
                name + ", " + cmd.divisionCode()));
        return new Mediator(id, cmd.divisionCode(), tier, name, Masking.phone(phone));
    }

    // ---- a dispute -------------------------------------------------------------------------------

    public Dispute dispute(long caseId) {
        Case k = desk.get(caseId);
        return read(k);
    }

    private Dispute read(Case k) {
        if (k.kind() != CaseKind.DISPUTE) {
            throw new NotFoundException("该案件不是矛盾纠纷 / this case is not a dispute");
        }
        List<Party> parties = jdbc.sql("select * from case_dispute_parties where county_code = ? and case_id = ? order by seq")
                .params(k.countyCode(), k.id()).query((rs, i) -> new Party(rs.getInt("seq"), rs.getString("name"),
                        rs.getObject("household_id", Long.class), Masking.phone(rs.getString("phone")))).list();
        List<Session> sessions = jdbc.sql("select * from case_mediation_sessions where county_code = ? and case_id = ? order by held_on, created_at")
                .params(k.countyCode(), k.id()).query((rs, i) -> new Session(rs.getLong("id"), rs.getObject("held_on", LocalDate.class),
                        rs.getString("mediator_name"), Outcome.valueOf(rs.getString("outcome")), rs.getString("note"),
                        rs.getString("recorded_by"), rs.getObject("created_at", LocalDateTime.class))).list();
        return jdbc.sql("select * from case_disputes where county_code = ? and case_id = ?").params(k.countyCode(), k.id())
                .query((rs, i) -> new Dispute(k.id(), Tier.valueOf(rs.getString("tier")), rs.getObject("mediator_id", Long.class),
                        rs.getString("mediator_name"), rs.getBoolean("chosen_by_parties"), Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("agreement"), rs.getObject("agreed_at", LocalDateTime.class),
                        rs.getObject("follow_up_on", LocalDate.class), rs.getObject("followed_up_at", LocalDateTime.class),
                        rs.getString("follow_up_note"), parties, sessions))
                .optional().orElseThrow(() -> new NotFoundException("该案件不是矛盾纠纷 / this case is not a dispute"));
    }

    private Loaded loadDispute(long caseId) {
        Loaded l = desk.load(caseId);
        if (l.k().kind() != CaseKind.DISPUTE) {
            throw new NotFoundException("该案件不是矛盾纠纷 / this case is not a dispute");
        }
        return l;
    }

    /**
     * The mediator, chosen from the list of those serving the case's place. When a party chooses, it is
     * recorded as the parties' choice (当事人选择).
     */
    @Transactional
    public Dispute chooseMediator(long caseId, Long mediatorId, boolean chosenByParties) {
        Loaded l = loadDispute(caseId);
        Case k = l.k();
        CasesPolicy.requireChooseMediator(l.caller(), k);
        if (mediatorId == null) {
            throw new InvalidInputException("mediatorId", "请选择调解员 / choose a mediator");
        }
        Mediator m = jdbc.sql("select * from case_mediators where county_code = ? and id = ? and active = true")
                .params(k.countyCode(), mediatorId).query((rs, i) -> new Mediator(rs.getLong("id"), rs.getString("division_code"),
                        Tier.valueOf(rs.getString("tier")), rs.getString("name"), rs.getString("phone"))).optional()
                .filter(x -> k.villageCode().startsWith(x.divisionCode()))
                .orElseThrow(() -> new InvalidInputException("mediatorId", "调解员不在本地名单中 / not a mediator serving this place"));
        boolean byParties = chosenByParties || CasesPolicy.isReporterSide(l.caller(), k) && !CasesPolicy.mayHandle(l.caller(), k);
        CaseAction.MEDIATE.next(k.status());
        jdbc.sql("update case_disputes set mediator_id = ?, mediator_name = ?, chosen_by_parties = ? where county_code = ? and case_id = ?")
                .params(m.id(), m.name(), byParties, k.countyCode(), caseId).update();
        Case after = desk.step(l, CaseAction.MEDIATE, Map.of(), "调解员 / mediator: " + m.name()
                + (byParties ? "(当事人选择 / chosen by the parties)" : ""));
        return read(after);
    }

    /** A mediation session (调解记录); FAILED lets the dispute be referred on. */
    @Transactional
    public Dispute recordSession(long caseId, LocalDate heldOn, Outcome outcome, String note) {
        Loaded l = loadDispute(caseId);
        Case k = l.k();
        CasesPolicy.requireMediate(l.caller(), k);
        if (heldOn == null || heldOn.isAfter(l.now().toLocalDate()) || heldOn.isBefore(k.reportedAt().toLocalDate())) {
            throw new InvalidInputException("heldOn", "调解日期应在上报之后、今天之前 / the date lies between the report and today");
        }
        if (outcome == null || outcome == Outcome.PENDING || outcome == Outcome.AGREED) {
            throw new InvalidInputException("outcome", "应为 CONTINUED 或 FAILED;达成协议请录入调解协议 / CONTINUED or FAILED; "
                    + "an agreement is recorded as such");
        }
        String n = CaseDesk.requiredText("note", note, 2000, "调解记录必填 / the session note is required");
        CaseAction.MEDIATE.next(k.status());
        String mediator = jdbc.sql("select mediator_name from case_disputes where county_code = ? and case_id = ?")
                .params(k.countyCode(), caseId).query(String.class).optional().orElse(null);
        jdbc.sql("insert into case_mediation_sessions (county_code, id, case_id, held_on, mediator_name, outcome, note, recorded_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(k.countyCode(), Ids.next(), caseId, heldOn, mediator, outcome.name(), n,
                        CaseDesk.clip(l.caller().actor().displayName(), 50), l.now()).update();
        jdbc.sql("update case_disputes set outcome = ? where county_code = ? and case_id = ?").params(outcome.name(), k.countyCode(), caseId).update();
        Case after = desk.step(l, CaseAction.MEDIATE, Map.of(), "调解 / session " + heldOn + ": " + outcome.label() + " — " + CaseDesk.clip(n, 500));
        return read(after);
    }

    /** 调解协议: the agreement handles the case; the follow-up visit (回访) is due on {@code followUpOn}. */
    @Transactional
    public Dispute agree(long caseId, String agreement, LocalDate followUpOn) {
        Loaded l = loadDispute(caseId);
        Case k = l.k();
        CasesPolicy.requireMediate(l.caller(), k);
        String text = CaseDesk.requiredText("agreement", agreement, 4000, "协议内容必填 / the agreement text is required");
        if (followUpOn == null || followUpOn.isBefore(l.now().toLocalDate())) {
            throw new InvalidInputException("followUpOn", "回访日期必填,不早于今天 / the follow-up date is required, today or later");
        }
        CaseAction.AGREE.next(k.status());
        jdbc.sql("update case_disputes set outcome = 'AGREED', agreement = ?, agreed_at = ?, follow_up_on = ? where county_code = ? and case_id = ?")
                .params(text, l.now(), followUpOn, k.countyCode(), caseId).update();
        Case after = desk.step(l, CaseAction.AGREE, desk.handledSets(l, null),
                "达成调解协议,回访日期 / agreement reached, follow-up on " + followUpOn + " — " + CaseDesk.clip(text, 500));
        return read(after);
    }

    /**
     * A failed mediation goes to the next tier (提级调处): the mediator is cleared and, from the township tier
     * on, the case moves to the township level with a fresh clock.
     */
    @Transactional
    public Dispute refer(long caseId, String reason) {
        Loaded l = loadDispute(caseId);
        Case k = l.k();
        CasesPolicy.requireMediate(l.caller(), k);
        String r = CaseDesk.requiredText("reason", reason, 1000, "移交须说明理由 / a referral needs a reason");
        CaseAction.REFER.next(k.status());
        Dispute d = read(k);
        if (d.outcome() != Outcome.FAILED) {
            throw new ConflictException("outcome", "调解未失败,不能移交 / only a failed mediation is referred on");
        }
        Tier next = d.tier().next();
        if (next == null) {
            throw new ConflictException("tier", "已在县级调解,可引导当事人诉讼或信访 / already at the county tier: the court or the petition office is next");
        }
        jdbc.sql("update case_disputes set tier = ?, mediator_id = null, mediator_name = null, chosen_by_parties = false, outcome = 'PENDING' where county_code = ? and case_id = ?")
                .params(next.name(), k.countyCode(), caseId).update();
        Map<String, Object> sets = CaseDesk.sets("handler_account_id", null, "handler_name", null);
        if (k.level() != CaseLevel.TOWNSHIP) {
            sets.putAll(desk.levelClock(k.countyCode(), CaseLevel.TOWNSHIP, l.now()));
        }
        Case after = desk.step(l, CaseAction.REFER, sets, "移交 / referred to " + next.label() + " — " + r);
        return read(after);
    }

    /** 回访: the follow-up visit after the agreement. */
    @Transactional
    public Dispute followUp(long caseId, String note) {
        Loaded l = loadDispute(caseId);
        Case k = l.k();
        CasesPolicy.requireMediate(l.caller(), k);
        String n = CaseDesk.requiredText("note", note, 1000, "回访情况必填 / the follow-up note is required");
        CaseAction.FOLLOW_UP.next(k.status());
        Dispute d = read(k);
        if (d.agreement() == null) {
            throw new ConflictException("agreement", "尚无调解协议,无需回访 / no agreement to follow up");
        }
        jdbc.sql("update case_disputes set followed_up_at = ?, follow_up_note = ? where county_code = ? and case_id = ?")
                .params(l.now(), n, k.countyCode(), caseId).update();
        Case after = desk.step(l, CaseAction.FOLLOW_UP, Map.of(), n);
        return read(after);
    }
}
