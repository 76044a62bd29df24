package org.shanzhi.deliberation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.deliberation.internal.Check;
import org.shanzhi.deliberation.internal.DeliberationPolicy;
import org.shanzhi.territory.Level;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Votes of a body: open with the body's rule and its current members as the electorate, one ballot per member
 * (no second ballot, no change), close with the result. For a secret vote (无记名投票) the choice is added to the
 * counts and never written next to the member, so no query, answer or audit entry can tell who voted what.
 */
@Service
public class Votes {

    public enum Choice {
        FOR("赞成"), AGAINST("反对"), ABSTAIN("弃权");

        private final String label;

        Choice(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Command: put a motion to a body's vote. */
    public record NewVote(Long bodyId, String motion, Boolean secret, Long matterId) {
    }

    /** Command: close; paper ballots (or a show of hands) of members who did not vote online may be added. */
    public record Closing(Integer paperFor, Integer paperAgainst, Integer paperAbstain) {
    }

    private static final String SELECT = """
            select v.county_code, v.id, v.body_id, v.village_code, v.matter_id, v.motion, v.secret, v.state, v.members,
                   v.quorum_num, v.quorum_den, v.majority_num, v.majority_den, v.majority_of_members, v.majority_strict,
                   v.for_count, v.against_count, v.abstain_count, v.paper_for, v.paper_against, v.paper_abstain, v.outcome,
                   v.opened_at, v.closed_at, v.notice_ref, b.name as body_name
            from votes v join deliberative_bodies b on b.county_code = v.county_code and b.id = v.body_id""";

    private final JdbcClient jdbc;
    private final Bodies bodies;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Votes(JdbcClient jdbc, Bodies bodies, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.bodies = bodies;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Vote open(NewVote cmd) {
        Check check = new Check();
        if (cmd.bodyId() == null) {
            check.add("bodyId", "必填 / required");
        }
        String motion = check.text("motion", cmd.motion(), 500, true);
        check.done();
        Body body = bodies.body(cmd.bodyId());
        Actor a = DeliberationPolicy.requireCadre(body.villageCode());
        LocalDate today = LocalDate.now(clock);
        if (today.isBefore(body.termStart()) || today.isAfter(body.termEnd())) {
            throw new ConflictException("bodyId", body.name() + "不在任期内(" + body.termStart() + " 至 " + body.termEnd()
                    + ") / the body's term is not current");
        }
        if (body.members().isEmpty()) {
            throw new ConflictException("bodyId", "该组织还没有成员 / the body has no members");
        }
        if (body.minSize() != null && body.members().size() < body.minSize()) {
            throw new ConflictException("bodyId", body.kindLabel() + "须有 " + body.minSize() + "-" + body.maxSize() + " 人,现有 "
                    + body.members().size() + " 人 / the council needs " + body.minSize() + ".." + body.maxSize() + " members");
        }
        if (cmd.matterId() != null && jdbc.sql("select count(*) from matters where county_code = ? and id = ? and village_code = ?")
                .params(body.countyCode(), cmd.matterId(), body.villageCode()).query(Long.class).single() == 0) {
            throw new InvalidInputException("matterId", "本村没有该事项 / no such matter in this village");
        }
        long id = Ids.next();
        VoteRule r = body.rule();
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                insert into votes (county_code, id, body_id, village_code, matter_id, motion, secret, state, members, quorum_num, quorum_den,
                    majority_num, majority_den, majority_of_members, majority_strict, for_count, against_count, abstain_count,
                    paper_for, paper_against, paper_abstain, opened_at, opened_by)
                values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, ?, ?)""")
                .params(body.countyCode(), id, body.id(), body.villageCode(), cmd.matterId(), motion, Boolean.TRUE.equals(cmd.secret()),
                        body.members().size(), r.quorumNum(), r.quorumDen(), r.majorityNum(), r.majorityDen(), r.majorityOfMembers(),
                        r.majorityStrict(), now, a.accountId())
                .update();
        for (Body.Member m : body.members()) {
            jdbc.sql("insert into vote_electors (county_code, vote_id, member_id, account_id, name) values (?, ?, ?, ?, ?)")
                    .params(body.countyCode(), id, m.id(), m.accountId(), m.name()).update();
        }
        events.publishEvent(new Audited(body.countyCode(), "vote.opened", "vote", String.valueOf(id), null, null,
                "body=" + body.id() + ", motion=" + motion + ", secret=" + Boolean.TRUE.equals(cmd.secret()) + ", members=" + body.members().size()));
        return vote(id);
    }

    public Vote vote(long id) {
        Vote v = load(id);
        DeliberationPolicy.requireRead(v.villageCode());
        return v;
    }

    public Page<Vote> list(String division, int page, int size) {
        Page.check(page, size);
        String code = DeliberationPolicy.requireList(division);
        String where = " where v.county_code = ? and v.village_code like ?";
        long total = jdbc.sql("select count(*) from votes v" + where).params(Level.countyOf(code), Matters.prefix(code)).query(Long.class).single();
        List<Vote> items = jdbc.sql(SELECT + where + " order by v.opened_at desc, v.id desc limit ? offset ?")
                .params(Level.countyOf(code), Matters.prefix(code), size, (long) page * size).query(this::map).list();
        return new Page<>(items, page, size, total);
    }

    /** One ballot of the calling member; a second ballot or a ballot after the close is refused (409). */
    @Transactional
    public Ballot cast(long voteId, String choiceName) {
        Vote v = vote(voteId);
        Actor a = DeliberationPolicy.requireWriter(v.villageCode());
        Check check = new Check();
        Choice choice = check.choice("choice", choiceName, Choice.class, true);
        check.done();
        if (!"OPEN".equals(v.state())) {
            throw new ConflictException("choice", "表决已结束,不能再投票或改票 / the vote is closed; no ballot or change is accepted");
        }
        Long member = jdbc.sql("select member_id from vote_electors where county_code = ? and vote_id = ? and account_id = ?")
                .params(v.countyCode(), voteId, a.accountId()).query(Long.class).optional()
                .orElseThrow(() -> new ForbiddenException("您不是本次表决的成员 / you are not a member voting on this motion"));
        LocalDateTime now = LocalDateTime.now(clock);
        // one ballot per member, guarded in the statement; a secret vote's choice is not written here
        int marked = jdbc.sql("update vote_electors set voted_at = ?, choice = ? where county_code = ? and vote_id = ? and member_id = ? and voted_at is null")
                .params(now, v.secret() ? null : choice.name(), v.countyCode(), voteId, member).update();
        if (marked == 0) {
            throw new ConflictException("choice", "您已投票,不能重复投票或改票 / you have already voted; a ballot cannot be cast twice or changed");
        }
        String column = switch (choice) {
            case FOR -> "for_count";
            case AGAINST -> "against_count";
            case ABSTAIN -> "abstain_count";
        };
        int counted = jdbc.sql("update votes set " + column + " = " + column + " + 1 where county_code = ? and id = ? and state = 'OPEN'")
                .params(v.countyCode(), voteId).update();
        if (counted == 0) {
            throw new ConflictException("choice", "表决已结束,不能再投票或改票 / the vote is closed; no ballot or change is accepted");
        }
        events.publishEvent(new Audited(v.countyCode(), "vote.cast", "vote", String.valueOf(voteId), null, null,
                "member=" + member + (v.secret() ? "" : ", choice=" + choice)));
        return new Ballot(member, null, true, now, v.secret() ? null : choice.name());
    }

    /** Who has voted; what they chose only for an open vote. */
    public List<Ballot> ballots(long voteId) {
        Vote v = vote(voteId);
        return jdbc.sql("select member_id, name, voted_at, choice from vote_electors where county_code = ? and vote_id = ? order by name, member_id")
                .params(v.countyCode(), voteId)
                .query((rs, i) -> new Ballot(rs.getLong(1), rs.getString(2), rs.getObject(3) != null,
                        rs.getObject(3, LocalDateTime.class), v.secret() ? null : rs.getString(4)))
                .list();
    }

    @Transactional
    public Vote close(long voteId, Closing cmd) {
        Vote v = vote(voteId);
        DeliberationPolicy.requireCadre(v.villageCode());
        Closing paper = cmd == null ? new Closing(0, 0, 0) : cmd;
        Check check = new Check();
        int pf = or(check.count("paperFor", paper.paperFor(), 0, 100_000, false));
        int pa = or(check.count("paperAgainst", paper.paperAgainst(), 0, 100_000, false));
        int pb = or(check.count("paperAbstain", paper.paperAbstain(), 0, 100_000, false));
        check.done();
        if (!"OPEN".equals(v.state())) {
            throw new ConflictException("voteId", "表决已结束 / the vote is already closed");
        }
        if (v.ballotsCast() + pf + pa + pb > v.members()) {
            throw new InvalidInputException("paperFor", "网上与纸质票合计 " + (v.ballotsCast() + pf + pa + pb) + " 张,多于成员 " + v.members()
                    + " 人 / more ballots than members");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        int closed = jdbc.sql("update votes set state = 'CLOSED', closed_at = ?, paper_for = ?, paper_against = ?, paper_abstain = ? where county_code = ? and id = ? and state = 'OPEN'")
                .params(now, pf, pa, pb, v.countyCode(), voteId).update();
        if (closed == 0) {
            throw new ConflictException("voteId", "表决已结束 / the vote is already closed");
        }
        Vote counted = load(voteId);
        VoteRule rule = rule(voteId, v.countyCode());
        VoteRule.Outcome outcome = rule.decide(counted.members(), counted.present(), counted.inFavour());
        jdbc.sql("update votes set outcome = ?, published_at = ? where county_code = ? and id = ?")
                .params(outcome.name(), now, v.countyCode(), voteId).update();
        events.publishEvent(new Audited(v.countyCode(), "vote.closed", "vote", String.valueOf(voteId), null, "state=OPEN",
                "outcome=" + outcome + ", present=" + counted.present() + "/" + counted.members() + ", for=" + counted.inFavour()
                        + ", against=" + counted.against() + ", abstain=" + counted.abstained()));
        events.publishEvent(new VoteClosed(v.countyCode(), v.villageCode(), voteId, v.matterId(), v.bodyName(), v.motion(), v.secret(),
                counted.members(), counted.present(), counted.inFavour(), counted.against(), counted.abstained(), outcome.name(), now));
        return vote(voteId);
    }

    /** The disclosure module's notice of the result (wired after the merge). */
    @Transactional
    public void linkNotice(long voteId, String noticeRef) {
        Vote v = load(voteId);
        ScopeGuard.writable(new org.shanzhi.common.Located(v.countyCode(), v.villageCode(), null, null));
        jdbc.sql("update votes set notice_ref = ? where county_code = ? and id = ?").params(noticeRef, v.countyCode(), voteId).update();
    }

    private VoteRule rule(long voteId, String county) {
        return jdbc.sql("select quorum_num, quorum_den, majority_num, majority_den, majority_of_members, majority_strict from votes where county_code = ? and id = ?")
                .params(county, voteId)
                .query((rs, i) -> new VoteRule(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getBoolean(5), rs.getBoolean(6)))
                .single();
    }

    private Vote load(long id) {
        return jdbc.sql(SELECT + " where v.id = ?").param(id).query(this::map).optional()
                .orElseThrow(() -> new NotFoundException("表决不存在 / no such vote"));
    }

    private Vote map(ResultSet rs, int i) throws SQLException {
        boolean closed = "CLOSED".equals(rs.getString("state"));
        int online = rs.getInt("for_count") + rs.getInt("against_count") + rs.getInt("abstain_count");
        int inFavour = rs.getInt("for_count") + rs.getInt("paper_for");
        int against = rs.getInt("against_count") + rs.getInt("paper_against");
        int abstained = rs.getInt("abstain_count") + rs.getInt("paper_abstain");
        String outcome = rs.getString("outcome");
        VoteRule rule = new VoteRule(rs.getInt("quorum_num"), rs.getInt("quorum_den"), rs.getInt("majority_num"),
                rs.getInt("majority_den"), rs.getBoolean("majority_of_members"), rs.getBoolean("majority_strict"));
        Actor a = ScopeGuard.current().orElse(null);
        long voteId = rs.getLong("id");
        String county = rs.getString("county_code");
        Boolean mine = a == null ? null : jdbc.sql("select voted_at is not null from vote_electors where county_code = ? and vote_id = ? and account_id = ?")
                .params(county, voteId, a.accountId()).query(Boolean.class).optional().orElse(null);
        return new Vote(voteId, county, rs.getString("village_code"), rs.getLong("body_id"), rs.getString("body_name"),
                rs.getObject("matter_id", Long.class), rs.getString("motion"), rs.getBoolean("secret"), rs.getString("state"),
                rs.getInt("members"), rule.describe(), online, closed ? inFavour : null, closed ? against : null,
                closed ? abstained : null, closed ? inFavour + against + abstained : null, outcome,
                outcome == null ? null : VoteRule.Outcome.valueOf(outcome).label(), rs.getObject("opened_at", LocalDateTime.class),
                rs.getObject("closed_at", LocalDateTime.class), mine != null && !mine && !closed, Boolean.TRUE.equals(mine),
                rs.getString("notice_ref"));
    }

    private static int or(Integer v) {
        return v == null ? 0 : v;
    }
}
