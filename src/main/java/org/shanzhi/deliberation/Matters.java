package org.shanzhi.deliberation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.deliberation.internal.Check;
import org.shanzhi.deliberation.internal.DeliberationPolicy;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 四议两公开: the matter types a county requires it for, matters and their six steps, recorded one after the
 * other. Other modules ask {@link #requiresProcedure} before acting on a matter type and {@link #isResolved}
 * before carrying a matter out.
 */
@Service
public class Matters {

    private static final Pattern TYPE_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private static final String SELECT = """
            select county_code, id, village_code, title, description, matter_type, amount_yuan, requires_procedure,
                   proposal_id, status, next_step, created_by_name, created_at, resolved_at, resolution_published_at,
                   resolution_notice_ref, result_published_at, result_notice_ref
            from matters""";

    /** Command: open a matter in a village (optionally from a proposal). */
    public record NewMatter(String villageCode, String title, String description, String matterType, BigDecimal amountYuan,
            Long proposalId) {
    }

    /**
     * Command: record one step. Deliberations need a date, attendance, minutes and an outcome (PASSED/REJECTED),
     * taken from a held meeting or a closed vote when one is named; publications need the published text.
     */
    public record StepRecord(String step, LocalDate heldOn, Integer present, Integer expected, String minutes,
            String outcome, Long meetingId, Long voteId, String text) {
    }

    /** Command: define or change a matter type of the county. */
    public record MatterTypeChange(String name, BigDecimal thresholdYuan, Boolean active) {
    }

    private final JdbcClient jdbc;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Matters(JdbcClient jdbc, Territory territory, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.territory = territory;
        this.events = events;
        this.clock = clock;
    }

    // ---- the module API other modules use --------------------------------------------------------

    /**
     * Whether the county requires 四议两公开 for this matter type at this amount: the type is configured and
     * active, and either has no threshold or the amount reaches it (an unknown amount counts as reaching it).
     * Unconfigured types do not require it.
     */
    public boolean requiresProcedure(String countyCode, String matterType, BigDecimal amount) {
        if (countyCode == null || matterType == null) {
            return false;
        }
        return jdbc.sql("select threshold_yuan, active from matter_types where county_code = ? and code = ?")
                .params(countyCode, matterType)
                .query((rs, i) -> rs.getBoolean(2) && (rs.getBigDecimal(1) == null || amount == null
                        || amount.compareTo(rs.getBigDecimal(1)) >= 0))
                .optional().orElse(false);
    }

    /**
     * Whether the matter may be carried out: the assembly passed it and its resolution has been published
     * (决议公开). False for an unknown matter or one of another county than the caller's.
     */
    public boolean isResolved(long matterId) {
        Optional<Actor> a = ScopeGuard.current();
        return jdbc.sql("select county_code, status from matters where id = ?").param(matterId)
                .query((rs, i) -> (a.isEmpty() || rs.getString(1).equals(a.get().countyCode()))
                        && (MatterStatus.IN_FORCE.name().equals(rs.getString(2)) || MatterStatus.COMPLETED.name().equals(rs.getString(2))))
                .optional().orElse(false);
    }

    // ---- matter types ----------------------------------------------------------------------------

    public List<MatterType> matterTypes() {
        Actor a = DeliberationPolicy.requireAccess();
        return matterTypes(a.countyCode());
    }

    List<MatterType> matterTypes(String county) {
        return jdbc.sql("select code, name, threshold_yuan, active from matter_types where county_code = ? order by code")
                .param(county)
                .query((rs, i) -> new MatterType(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBoolean(4))).list();
    }

    @Transactional
    public MatterType defineMatterType(String code, MatterTypeChange cmd) {
        Actor a = DeliberationPolicy.requireCountyAdmin(DeliberationPolicy.requireAccess().countyCode());
        Check check = new Check();
        if (code == null || !TYPE_CODE.matcher(code).matches()) {
            check.add("code", "代码为 2-40 位大写字母、数字或下划线 / code: 2-40 capitals, digits or _");
        }
        String name = check.text("name", cmd.name(), 100, true);
        BigDecimal threshold = check.yuan("thresholdYuan", cmd.thresholdYuan(), false);
        check.done();
        boolean active = cmd.active() == null || cmd.active();
        String before = matterTypes(a.countyCode()).stream().filter(t -> t.code().equals(code)).findFirst().map(Object::toString).orElse(null);
        LocalDateTime now = LocalDateTime.now(clock);
        if (jdbc.sql("update matter_types set name = ?, threshold_yuan = ?, active = ?, updated_at = ? where county_code = ? and code = ?")
                .params(name, threshold, active, now, a.countyCode(), code).update() == 0) {
            jdbc.sql("insert into matter_types (county_code, code, name, threshold_yuan, active, updated_at) values (?, ?, ?, ?, ?, ?)")
                    .params(a.countyCode(), code, name, threshold, active, now).update();
        }
        MatterType after = new MatterType(code, name, threshold, active);
        events.publishEvent(new Audited(a.countyCode(), "matter_type.defined", "matter_type", code, null, before, after.toString()));
        return after;
    }

    // ---- matters ---------------------------------------------------------------------------------

    @Transactional
    public Matter open(NewMatter cmd) {
        Check check = new Check();
        String village = villageCode(check, cmd.villageCode());
        String title = check.text("title", cmd.title(), 200, true);
        String description = check.text("description", cmd.description(), 4000, true);
        String type = check.text("matterType", cmd.matterType(), 40, false);
        BigDecimal amount = check.yuan("amountYuan", cmd.amountYuan(), false);
        check.done();
        Actor a = DeliberationPolicy.requireCadre(village);
        String county = Level.countyOf(village);
        if (type != null && matterTypes(county).stream().noneMatch(t -> t.code().equals(type))) {
            throw new InvalidInputException("matterType", "未配置的事项类型 / unknown matter type");
        }
        if (cmd.proposalId() != null) {
            var proposal = jdbc.sql("select village_code, matter_id from proposals where county_code = ? and id = ?")
                    .params(county, cmd.proposalId())
                    .query((rs, i) -> new Object[] {rs.getString(1), rs.getObject(2, Long.class)}).optional()
                    .filter(p -> p[0].equals(village))
                    .orElseThrow(() -> new InvalidInputException("proposalId", "本村没有该提议 / no such proposal in this village"));
            if (proposal[1] != null) {
                throw new ConflictException("proposalId", "该提议已转为事项 / the proposal already became a matter");
            }
        }
        long id = Ids.next();
        boolean requires = type != null && requiresProcedure(county, type, amount);
        jdbc.sql("""
                insert into matters (county_code, id, village_code, title, description, matter_type, amount_yuan, requires_procedure,
                                     proposal_id, next_step, status, created_by, created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(county, id, village, title, description, type, amount, requires, cmd.proposalId(),
                        ProcedureStep.first().name(), MatterStatus.IN_PROGRESS.name(), a.accountId(), a.displayName(),
                        LocalDateTime.now(clock))
                .update();
        if (cmd.proposalId() != null) {
            jdbc.sql("update proposals set matter_id = ?, state = case when state = 'OPEN' then 'ACCEPTED' else state end where county_code = ? and id = ?")
                    .params(id, county, cmd.proposalId()).update();
        }
        events.publishEvent(new Audited(county, "matter.opened", "matter", String.valueOf(id), null, null,
                "title=" + title + ", type=" + type + ", amount=" + amount + ", village=" + village));
        return load(id);
    }

    public Matter matter(long id) {
        Matter m = load(id);
        DeliberationPolicy.requireRead(m.villageCode());
        return m;
    }

    public Page<Matter> list(String division, String status, int page, int size) {
        Page.check(page, size);
        String code = DeliberationPolicy.requireList(division);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("county", Level.countyOf(code));
        p.put("prefix", prefix(code));
        String where = " where county_code = :county and village_code like :prefix";
        if (status != null && !status.isBlank()) {
            Check c = new Check();
            MatterStatus s = c.choice("status", status, MatterStatus.class, true);
            c.done();
            where += " and status = :status";
            p.put("status", s.name());
        }
        long total = jdbc.sql("select count(*) from matters" + where).params(p).query(Long.class).single();
        List<Matter> items = jdbc.sql(SELECT + where + " order by created_at desc, id desc limit :limit offset :offset")
                .params(p).param("limit", size).param("offset", (long) page * size)
                .query((rs, i) -> map(rs, List.of())).list();
        return new Page<>(items, page, size, total);
    }

    /** Records the next step of a matter; any other step is refused (409 naming the step that is due). */
    @Transactional
    public Matter record(long matterId, StepRecord cmd) {
        Matter m = matter(matterId);
        Actor a = DeliberationPolicy.requireCadre(m.villageCode());
        Check stepCheck = new Check();
        ProcedureStep step = stepCheck.choice("step", cmd.step(), ProcedureStep.class, true);
        stepCheck.done();
        if (m.status() == MatterStatus.REJECTED) {
            throw new ConflictException("step", "该事项未获通过,程序已结束 / the matter was rejected; the procedure has ended");
        }
        if (m.nextStep() == null) {
            throw new ConflictException("step", "四议两公开已全部完成 / all six steps are done");
        }
        if (step != m.nextStep()) {
            throw new ConflictException("step", "不能跳过或重复步骤,下一步应为「" + m.nextStep().label() + "」 / a step cannot be skipped or repeated: the next step is "
                    + m.nextStep().name());
        }
        LocalDate today = LocalDate.now(clock);
        Check check = new Check();
        LocalDate heldOn = cmd.heldOn();
        Integer present = cmd.present();
        Integer expected = cmd.expected();
        String minutes = check.text("minutes", cmd.minutes(), 8000, false);
        String text = check.text("text", cmd.text(), 8000, false);
        String outcome;
        Long meetingId = null;
        Long voteId = null;
        if (step.deliberation()) {
            if (cmd.meetingId() != null) {
                Object[] meeting = jdbc.sql("select village_code, state, starts_at, present, expected, minutes_text from meetings where county_code = ? and id = ?")
                        .params(m.countyCode(), cmd.meetingId())
                        .query((rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3, LocalDateTime.class),
                                rs.getObject(4, Integer.class), rs.getObject(5, Integer.class), rs.getString(6)})
                        .optional().filter(r -> r[0].equals(m.villageCode()))
                        .orElseThrow(() -> new InvalidInputException("meetingId", "本村没有该会议 / no such meeting in this village"));
                if (!"HELD".equals(meeting[1])) {
                    throw new ConflictException("meetingId", "会议尚未召开 / the meeting has not been held");
                }
                meetingId = cmd.meetingId();
                heldOn = heldOn != null ? heldOn : ((LocalDateTime) meeting[2]).toLocalDate();
                present = present != null ? present : (Integer) meeting[3];
                expected = expected != null ? expected : (Integer) meeting[4];
                minutes = minutes != null || cmd.minutes() != null ? minutes : (String) meeting[5];
            }
            String voteOutcome = null;
            if (cmd.voteId() != null) {
                Object[] vote = jdbc.sql("select village_code, state, outcome, members, for_count + against_count + abstain_count + paper_for + paper_against + paper_abstain, closed_at from votes where county_code = ? and id = ?")
                        .params(m.countyCode(), cmd.voteId())
                        .query((rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                                rs.getObject(6, LocalDateTime.class)})
                        .optional().filter(r -> r[0].equals(m.villageCode()))
                        .orElseThrow(() -> new InvalidInputException("voteId", "本村没有该表决 / no such vote in this village"));
                if (!"CLOSED".equals(vote[1])) {
                    throw new ConflictException("voteId", "表决尚未结束 / the vote is still open");
                }
                voteId = cmd.voteId();
                voteOutcome = "PASSED".equals(vote[2]) ? "PASSED" : "REJECTED";
                heldOn = heldOn != null ? heldOn : ((LocalDateTime) vote[5]).toLocalDate();
                expected = expected != null ? expected : (Integer) vote[3];
                present = present != null ? present : (Integer) vote[4];
            }
            if (heldOn == null) {
                check.add("heldOn", "必填 / required");
            }
            check.count("present", present, 0, 100_000, true);
            check.count("expected", expected, 1, 100_000, true);
            if (present != null && expected != null && present > expected) {
                check.add("present", "实到人数不能多于应到人数 / present cannot exceed expected");
            }
            if (minutes == null && (cmd.minutes() == null || cmd.minutes().isBlank())) {
                check.add("minutes", "必填 / required");
            }
            outcome = cmd.outcome() == null || cmd.outcome().isBlank() ? voteOutcome : cmd.outcome().strip();
            if (outcome == null) {
                check.add("outcome", "必填 / required");
            } else if (!outcome.equals("PASSED") && !outcome.equals("REJECTED")) {
                check.add("outcome", "应为 PASSED/REJECTED / must be PASSED or REJECTED");
            } else if (voteOutcome != null && !voteOutcome.equals(outcome)) {
                check.add("outcome", "与表决结果不符 / does not match the vote's outcome");
            }
        } else {
            heldOn = heldOn == null ? today : heldOn;
            if (text == null && (cmd.text() == null || cmd.text().isBlank())) {
                check.add("text", "须填写公开的内容 / the text to publish is required");
            }
            outcome = "PUBLISHED";
        }
        if (heldOn != null && heldOn.isAfter(today)) {
            check.add("heldOn", "不能晚于今天 / cannot be in the future");
        }
        LocalDate previous = m.steps().isEmpty() ? null : m.steps().get(m.steps().size() - 1).heldOn();
        if (heldOn != null && previous != null && heldOn.isBefore(previous)) {
            check.add("heldOn", "不能早于上一步(" + previous + ") / cannot be before the previous step");
        }
        check.done();
        // a representative assembly resolves only with two thirds present (SPEC §5): no "passed" without quorum
        if (step == ProcedureStep.ASSEMBLY_RESOLUTION && "PASSED".equals(outcome) && voteId == null
                && !VoteRule.DEFAULT.quorate(expected, present)) {
            throw new ConflictException("present", "实到 " + present + " 人,未达到应到 " + expected + " 人的三分之二,不能形成决议 / short of a two-thirds quorum");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        MatterStatus status;
        ProcedureStep next;
        if ("REJECTED".equals(outcome)) {
            status = MatterStatus.REJECTED;
            next = null;
        } else {
            next = step.next();
            status = switch (step) {
                case ASSEMBLY_RESOLUTION -> MatterStatus.RESOLVED;
                case RESOLUTION_PUBLISHED -> MatterStatus.IN_FORCE;
                case RESULT_PUBLISHED -> MatterStatus.COMPLETED;
                default -> MatterStatus.IN_PROGRESS;
            };
        }
        String stamp = switch (status) {
            case RESOLVED -> ", resolved_at = :now";
            case IN_FORCE -> ", resolution_published_at = :now";
            case COMPLETED -> ", result_published_at = :now";
            default -> "";
        };
        // the guard is in the statement: two clerks recording the same step at once cannot both succeed
        int changed = jdbc.sql("update matters set next_step = :next, status = :status" + stamp
                        + " where county_code = :county and id = :id and next_step = :step")
                .param("next", next == null ? null : next.name()).param("status", status.name()).param("now", now)
                .param("county", m.countyCode()).param("id", matterId).param("step", step.name())
                .update();
        if (changed == 0) {
            throw new ConflictException("step", "该步骤刚被他人记录,请刷新 / the step was just recorded by someone else");
        }
        jdbc.sql("""
                insert into matter_steps (county_code, matter_id, step_name, seq, held_on, present, expected, minutes_text, published_text,
                                          outcome, meeting_id, vote_id, recorded_by, recorded_by_name, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.countyCode(), matterId, step.name(), step.ordinal() + 1, heldOn, step.deliberation() ? present : null,
                        step.deliberation() ? expected : null, minutes, step.deliberation() ? null : text, outcome, meetingId, voteId,
                        a.accountId(), a.displayName(), now)
                .update();
        events.publishEvent(new Audited(m.countyCode(), "matter.step", "matter", String.valueOf(matterId), null,
                "next=" + step.name(), "step=" + step.name() + ", outcome=" + outcome + ", heldOn=" + heldOn
                        + (step.deliberation() ? ", present=" + present + "/" + expected : "")));
        if (step == ProcedureStep.RESOLUTION_PUBLISHED) {
            events.publishEvent(new ResolutionPublished(m.countyCode(), m.villageCode(), matterId, m.title(), text, now));
        } else if (step == ProcedureStep.RESULT_PUBLISHED) {
            events.publishEvent(new ResultPublished(m.countyCode(), m.villageCode(), matterId, m.title(), text, now));
        }
        return load(matterId);
    }

    /** The disclosure module's notice for a published resolution or result (wired after the merge). */
    @Transactional
    public void linkNotice(long matterId, ProcedureStep step, String noticeRef) {
        String column = switch (step) {
            case RESOLUTION_PUBLISHED -> "resolution_notice_ref";
            case RESULT_PUBLISHED -> "result_notice_ref";
            default -> throw new InvalidInputException("step", "只有两公开有公告 / only the two publications have notices");
        };
        Matter m = load(matterId);
        ScopeGuard.writable(new org.shanzhi.common.Located(m.countyCode(), m.villageCode(), null, null));
        jdbc.sql("update matters set " + column + " = ? where county_code = ? and id = ?").params(noticeRef, m.countyCode(), matterId).update();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** A village code the request names: 12 digits of a known village (400 otherwise). */
    String villageCode(Check check, String code) {
        if (code == null || code.isBlank()) {
            check.add("villageCode", "必填 / required");
            return null;
        }
        if (territory.find(code.strip()).filter(d -> d.level() == Level.VILLAGE).isEmpty()) {
            check.add("villageCode", "行政村不存在 / no such village");
            return null;
        }
        return code.strip();
    }

    static String prefix(String code) {
        return (code.length() > 12 ? code.substring(0, 12) : code).replace("%", "").replace("_", "") + "%";
    }

    Matter load(long id) {
        Matter m = jdbc.sql(SELECT + " where id = ?").param(id).query((rs, i) -> map(rs, List.of())).optional()
                .orElseThrow(() -> new NotFoundException("事项不存在 / no such matter"));
        List<Matter.Step> steps = jdbc.sql("""
                select step_name, seq, held_on, present, expected, minutes_text, published_text, outcome, meeting_id, vote_id,
                       recorded_by_name, recorded_at
                from matter_steps where county_code = ? and matter_id = ? order by seq""")
                .params(m.countyCode(), id)
                .query((rs, i) -> {
                    ProcedureStep s = ProcedureStep.valueOf(rs.getString(1));
                    return new Matter.Step(s, s.label(), rs.getInt(2), rs.getObject(3, LocalDate.class), rs.getObject(4, Integer.class),
                            rs.getObject(5, Integer.class), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getObject(9, Long.class), rs.getObject(10, Long.class), rs.getString(11),
                            rs.getObject(12, LocalDateTime.class));
                }).list();
        return new Matter(m.id(), m.countyCode(), m.villageCode(), m.title(), m.description(), m.matterType(), m.amountYuan(),
                m.requiresProcedure(), m.proposalId(), m.status(), m.nextStep(), steps, m.createdByName(), m.createdAt(),
                m.resolvedAt(), m.resolutionPublishedAt(), m.resolutionNoticeRef(), m.resultPublishedAt(), m.resultNoticeRef());
    }

    private static Matter map(ResultSet rs, List<Matter.Step> steps) throws SQLException {
        String next = rs.getString("next_step");
        return new Matter(rs.getLong("id"), rs.getString("county_code"), rs.getString("village_code"), rs.getString("title"),
                rs.getString("description"), rs.getString("matter_type"), rs.getBigDecimal("amount_yuan"),
                rs.getBoolean("requires_procedure"), rs.getObject("proposal_id", Long.class),
                MatterStatus.valueOf(rs.getString("status")), next == null ? null : ProcedureStep.valueOf(next), steps,
                rs.getString("created_by_name"), rs.getObject("created_at", LocalDateTime.class),
                rs.getObject("resolved_at", LocalDateTime.class), rs.getObject("resolution_published_at", LocalDateTime.class),
                rs.getString("resolution_notice_ref"), rs.getObject("result_published_at", LocalDateTime.class),
                rs.getString("result_notice_ref"));
    }
}
