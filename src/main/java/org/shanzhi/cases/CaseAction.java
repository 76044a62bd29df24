package org.shanzhi.cases;

import static org.shanzhi.cases.CaseStatus.ACCEPTED;
import static org.shanzhi.cases.CaseStatus.CLOSED;
import static org.shanzhi.cases.CaseStatus.DISPATCHED;
import static org.shanzhi.cases.CaseStatus.FEEDBACK;
import static org.shanzhi.cases.CaseStatus.HANDLED;
import static org.shanzhi.cases.CaseStatus.RATED;
import static org.shanzhi.cases.CaseStatus.REFUSED;
import static org.shanzhi.cases.CaseStatus.REPORTED;

import java.util.EnumSet;
import java.util.Set;
import org.shanzhi.common.ConflictException;

/**
 * The one table of allowed steps: each named command, the states it may start from and the state it leads to
 * (null: the state stays, e.g. an escalation or a whistle). Every step is written to the case log.
 */
public enum CaseAction {
    /** 立案 */
    ACCEPT("立案", EnumSet.of(REPORTED), ACCEPTED),
    /** 不予立案, with a reason */
    REFUSE("不予立案", EnumSet.of(REPORTED), REFUSED),
    /** 派遣 to a person, a level or a county department; again from DISPATCHED is 转办 */
    DISPATCH("派遣", EnumSet.of(ACCEPTED, DISPATCHED), DISPATCHED),
    /** 办结 */
    HANDLE("办结", EnumSet.of(DISPATCHED), HANDLED),
    /** 反馈 to the reporter */
    FEEDBACK("反馈", EnumSet.of(HANDLED), CaseStatus.FEEDBACK),
    /** the reporter's 评价; a satisfied rating closes the case at once */
    RATE("评价", EnumSet.of(CaseStatus.FEEDBACK), RATED),
    /** 结案 after a rating */
    CLOSE("结案", EnumSet.of(RATED), CLOSED),
    /** the rating window passed without a rating: the sweep closes the case (逾期未评价自动结案) */
    EXPIRE("逾期结案", EnumSet.of(CaseStatus.FEEDBACK), CLOSED),
    /** 重办 after "not satisfied": once per case */
    REOPEN("重办", EnumSet.of(RATED), DISPATCHED),
    /** the level's limit passed: up one level (sweep) */
    ESCALATE("升级", EnumSet.of(REPORTED, ACCEPTED, DISPATCHED), null),
    /** the top level's limit passed (sweep) */
    OVERDUE("超期", EnumSet.of(REPORTED, ACCEPTED, DISPATCHED), null),
    /** 吹哨: a township summons county departments */
    WHISTLE("吹哨", EnumSet.of(ACCEPTED, DISPATCHED), null),
    /** 报到: a department answers a whistle (late answers still count, as late) */
    RESPOND("报到", EnumSet.of(ACCEPTED, DISPATCHED, HANDLED, CaseStatus.FEEDBACK, RATED, CLOSED), null),
    /** dispute: mediator chosen, a mediation session held */
    MEDIATE("调解", EnumSet.of(ACCEPTED, DISPATCHED), null),
    /** dispute: agreement reached (调解协议), which handles the case */
    AGREE("达成协议", EnumSet.of(DISPATCHED), HANDLED),
    /** dispute: mediation failed, referred to the next tier (提级调处) */
    REFER("移交上级", EnumSet.of(ACCEPTED, DISPATCHED), null),
    /** dispute: the follow-up visit after the agreement (回访) */
    FOLLOW_UP("回访", EnumSet.of(HANDLED, CaseStatus.FEEDBACK, RATED, CLOSED), null),
    /** a photo added after the report */
    PHOTO("补充照片", EnumSet.of(REPORTED, ACCEPTED, DISPATCHED, HANDLED, CaseStatus.FEEDBACK), null);

    private final String label;
    private final Set<CaseStatus> from;
    private final CaseStatus to;

    CaseAction(String label, Set<CaseStatus> from, CaseStatus to) {
        this.label = label;
        this.from = from;
        this.to = to;
    }

    public String label() {
        return label;
    }

    public Set<CaseStatus> from() {
        return from;
    }

    public boolean allowedFrom(CaseStatus status) {
        return from.contains(status);
    }

    /** The state after this step from {@code status}; 409 naming the state when the table does not allow it. */
    public CaseStatus next(CaseStatus status) {
        if (!allowedFrom(status)) {
            throw new ConflictException("status", "案件当前状态为「" + status.label() + " " + status + "」,不能" + label
                    + " / a case in state " + status + " cannot " + name());
        }
        return to == null ? status : to;
    }

    /** Whether the step changes the state (the rest keep it). */
    public boolean changesState() {
        return to != null;
    }
}
