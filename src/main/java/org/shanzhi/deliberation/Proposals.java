package org.shanzhi.deliberation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
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

/** 提议/民意征集: any villager or cadre raises a matter in their village, others support it once each, cadres answer. */
@Service
public class Proposals {

    /** OPEN until answered; EVALUATING (研究中), ACCEPTED (采纳, may become a matter), REJECTED (不予采纳, with reasons). */
    public enum State {
        OPEN("征集中"), EVALUATING("研究中"), ACCEPTED("已采纳"), REJECTED("不予采纳");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record NewProposal(String villageCode, String title, String body, String category) {
    }

    public record Answer(String state, String text) {
    }

    private static final String SELECT = """
            select p.county_code, p.id, p.village_code, p.title, p.body_text, p.category, p.author_name, p.state, p.answer_text,
                   p.answered_by_name, p.answered_at, p.matter_id, p.created_at,
                   (select count(*) from proposal_supports s where s.county_code = p.county_code and s.proposal_id = p.id) as supports,
                   (select count(*) from proposal_supports s where s.county_code = p.county_code and s.proposal_id = p.id
                        and s.account_id = :me) as mine
            from proposals p""";

    private final JdbcClient jdbc;
    private final Matters matters;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Proposals(JdbcClient jdbc, Matters matters, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.matters = matters;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Proposal raise(NewProposal cmd) {
        Check check = new Check();
        String village = matters.villageCode(check, cmd.villageCode());
        check.done();
        Actor a = DeliberationPolicy.requireParticipant(village);
        return raise(cmd, a.accountId(), a.displayName());
    }

    /** Also used by the demo data to raise proposals in a villager's name. */
    @Transactional
    Proposal raise(NewProposal cmd, long authorId, String authorName) {
        Check check = new Check();
        String village = matters.villageCode(check, cmd.villageCode());
        String title = check.text("title", cmd.title(), 200, true);
        String body = check.text("body", cmd.body(), 4000, true);
        String category = check.text("category", cmd.category(), 40, false);
        check.done();
        String county = Level.countyOf(village);
        long id = Ids.next();
        jdbc.sql("""
                insert into proposals (county_code, id, village_code, title, body_text, category, author_id, author_name, state, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
                .params(county, id, village, title, body, category, authorId, authorName, LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(county, "proposal.raised", "proposal", String.valueOf(id), null, null,
                "title=" + title + ", village=" + village));
        return load(id);
    }

    public Proposal proposal(long id) {
        Proposal p = load(id);
        DeliberationPolicy.requireRead(p.villageCode());
        return p;
    }

    public Page<Proposal> list(String division, String state, int page, int size) {
        Page.check(page, size);
        String code = DeliberationPolicy.requireList(division);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("county", Level.countyOf(code));
        params.put("prefix", Matters.prefix(code));
        String where = " where p.county_code = :county and p.village_code like :prefix";
        if (state != null && !state.isBlank()) {
            Check c = new Check();
            State s = c.choice("state", state, State.class, true);
            c.done();
            where += " and p.state = :state";
            params.put("state", s.name());
        }
        long total = jdbc.sql("select count(*) from proposals p" + where).params(params).query(Long.class).single();
        List<Proposal> items = jdbc.sql(SELECT + where + " order by p.created_at desc, p.id desc limit :limit offset :offset")
                .params(params).param("me", me()).param("limit", size).param("offset", (long) page * size)
                .query(Proposals::map).list();
        return new Page<>(items, page, size, total);
    }

    /** One support per account; a second is refused (409). */
    @Transactional
    public Proposal support(long id) {
        Proposal p = proposal(id);
        Actor a = DeliberationPolicy.requireParticipant(p.villageCode());
        return support(p, a.accountId());
    }

    @Transactional
    Proposal support(Proposal p, long accountId) {
        if (!State.OPEN.name().equals(p.state()) && !State.EVALUATING.name().equals(p.state())) {
            throw new ConflictException("state", "该提议已答复,不再征集附议 / the proposal has been answered");
        }
        if (jdbc.sql("select count(*) from proposal_supports where county_code = ? and proposal_id = ? and account_id = ?")
                .params(p.countyCode(), p.id(), accountId).query(Long.class).single() > 0) {
            throw new ConflictException("proposalId", "您已附议过 / you have already supported this proposal");
        }
        jdbc.sql("insert into proposal_supports (county_code, proposal_id, account_id, created_at) values (?, ?, ?, ?)")
                .params(p.countyCode(), p.id(), accountId, LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(p.countyCode(), "proposal.supported", "proposal", String.valueOf(p.id()), null, null,
                "account=" + accountId));
        return load(p.id());
    }

    @Transactional
    public Proposal answer(long id, Answer cmd) {
        Proposal p = proposal(id);
        Actor a = DeliberationPolicy.requireCadre(p.villageCode());
        Check check = new Check();
        State state = check.choice("state", cmd.state(), State.class, true);
        String text = check.text("text", cmd.text(), 4000, true);
        if (state == State.OPEN) {
            check.add("state", "答复应为 EVALUATING/ACCEPTED/REJECTED / an answer is EVALUATING, ACCEPTED or REJECTED");
        }
        check.done();
        if (p.matterId() != null && state == State.REJECTED) {
            throw new ConflictException("state", "已转为事项的提议不能不予采纳 / a proposal that became a matter cannot be rejected");
        }
        jdbc.sql("update proposals set state = ?, answer_text = ?, answered_by_name = ?, answered_at = ? where county_code = ? and id = ?")
                .params(state.name(), text, a.displayName(), LocalDateTime.now(clock), p.countyCode(), id).update();
        events.publishEvent(new Audited(p.countyCode(), "proposal.answered", "proposal", String.valueOf(id), null,
                "state=" + p.state(), "state=" + state));
        return load(id);
    }

    private Proposal load(long id) {
        return jdbc.sql(SELECT + " where p.id = :id").param("id", id).param("me", me()).query(Proposals::map).optional()
                .orElseThrow(() -> new NotFoundException("提议不存在 / no such proposal"));
    }

    private static long me() {
        return ScopeGuard.current().map(Actor::accountId).orElse(-1L);
    }

    private static Proposal map(ResultSet rs, int i) throws SQLException {
        State s = State.valueOf(rs.getString("state"));
        return new Proposal(rs.getLong("id"), rs.getString("county_code"), rs.getString("village_code"), rs.getString("title"),
                rs.getString("body_text"), rs.getString("category"), rs.getString("author_name"), s.name(), s.label(),
                rs.getLong("supports"), rs.getLong("mine") > 0, rs.getString("answer_text"), rs.getString("answered_by_name"),
                rs.getObject("answered_at", LocalDateTime.class), rs.getObject("matter_id", Long.class),
                rs.getObject("created_at", LocalDateTime.class));
    }
}
