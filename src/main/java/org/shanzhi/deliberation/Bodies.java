package org.shanzhi.deliberation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.deliberation.internal.Check;
import org.shanzhi.deliberation.internal.DeliberationPolicy;
import org.shanzhi.identity.Account;
import org.shanzhi.identity.Accounts;
import org.shanzhi.registry.Person;
import org.shanzhi.registry.Registry;
import org.shanzhi.territory.Level;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Assemblies and councils (议事会, 理事会, 红白理事会 ...): their members within the seeds' sizes, terms and vote rules. */
@Service
public class Bodies {

    private static final String SELECT = """
            select county_code, id, village_code, kind, name, min_size, max_size, term_start, term_end, quorum_num, quorum_den,
                   majority_num, majority_den, majority_of_members, majority_strict
            from deliberative_bodies""";

    /**
     * Command: set up a body. The term defaults to the county's term (5 years) from today; the rule to the
     * representative assembly's (two thirds present, more than half of them in favour).
     */
    public record NewBody(String villageCode, String kind, String name, LocalDate termStart, LocalDate termEnd,
            Integer quorumNum, Integer quorumDen, Integer majorityNum, Integer majorityDen, Boolean majorityOfMembers,
            Boolean majorityStrict) {
    }

    /** Command: add a member, by account (votes online), by registry person, or by name only (votes on paper). */
    public record NewMember(String name, String username, Long personId, String position) {
    }

    private final JdbcClient jdbc;
    private final Matters matters;
    private final DeliberationSettings settings;
    private final Accounts accounts;
    private final Registry registry;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Bodies(JdbcClient jdbc, Matters matters, DeliberationSettings settings, Accounts accounts, Registry registry,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.matters = matters;
        this.settings = settings;
        this.accounts = accounts;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Body create(NewBody cmd) {
        Check check = new Check();
        String village = matters.villageCode(check, cmd.villageCode());
        BodyKind kind = check.choice("kind", cmd.kind(), BodyKind.class, true);
        String name = check.text("name", cmd.name(), 100, false);
        check.done();
        Actor a = DeliberationPolicy.requireCadre(village);
        String county = Level.countyOf(village);
        LocalDate start = cmd.termStart() != null ? cmd.termStart() : LocalDate.now(clock);
        LocalDate end = cmd.termEnd() != null ? cmd.termEnd() : start.plusYears(settings.of(county).termYears()).minusDays(1);
        if (!end.isAfter(start)) {
            check.add("termEnd", "任期结束应晚于开始 / the term must end after it starts");
        }
        if (end.isAfter(start.plusYears(10))) {
            check.add("termEnd", "任期最长 10 年 / a term is at most 10 years");
        }
        VoteRule d = VoteRule.DEFAULT;
        VoteRule rule = new VoteRule(or(cmd.quorumNum(), d.quorumNum()), or(cmd.quorumDen(), d.quorumDen()),
                or(cmd.majorityNum(), d.majorityNum()), or(cmd.majorityDen(), d.majorityDen()),
                cmd.majorityOfMembers() != null ? cmd.majorityOfMembers() : d.majorityOfMembers(),
                cmd.majorityStrict() != null ? cmd.majorityStrict() : d.majorityStrict());
        if (rule.problem() != null) {
            check.add("quorumNum", rule.problem());
        }
        check.done();
        long id = Ids.next();
        jdbc.sql("""
                insert into deliberative_bodies (county_code, id, village_code, kind, name, min_size, max_size, term_start, term_end,
                    quorum_num, quorum_den, majority_num, majority_den, majority_of_members, majority_strict, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(county, id, village, kind.name(), name != null ? name : kind.label(), kind.minSize(), kind.maxSize(), start, end,
                        rule.quorumNum(), rule.quorumDen(), rule.majorityNum(), rule.majorityDen(), rule.majorityOfMembers(),
                        rule.majorityStrict(), LocalDateTime.now(clock))
                .update();
        events.publishEvent(new Audited(county, "body.created", "body", String.valueOf(id), null, null,
                "kind=" + kind + ", village=" + village + ", term=" + start + ".." + end + ", rule=" + rule));
        return load(id);
    }

    public Body body(long id) {
        Body b = load(id);
        DeliberationPolicy.requireRead(b.villageCode());
        return b;
    }

    public Page<Body> list(String division, int page, int size) {
        Page.check(page, size);
        String code = DeliberationPolicy.requireList(division);
        long total = jdbc.sql("select count(*) from deliberative_bodies where county_code = ? and village_code like ?")
                .params(Level.countyOf(code), Matters.prefix(code)).query(Long.class).single();
        List<Long> ids = jdbc.sql("select id from deliberative_bodies where county_code = ? and village_code like ? order by village_code, kind, id limit ? offset ?")
                .params(Level.countyOf(code), Matters.prefix(code), size, (long) page * size).query(Long.class).list();
        return new Page<>(ids.stream().map(this::load).toList(), page, size, total);
    }

    @Transactional
    public Body addMember(long bodyId, NewMember cmd) {
        Body b = body(bodyId);
        Actor a = DeliberationPolicy.requireCadre(b.villageCode());
        Check check = new Check();
        String name = check.text("name", cmd.name(), 50, false);
        String username = check.text("username", cmd.username(), 50, false);
        String position = check.text("position", cmd.position(), 30, false);
        check.done();
        Long accountId = null;
        if (username != null) {
            Account acc = accounts.byUsername(username)
                    .filter(x -> x.countyCode().equals(b.countyCode())
                            && (b.villageCode().startsWith(x.scopeCode()) || x.scopeCode().startsWith(b.villageCode())))
                    .orElseThrow(() -> new InvalidInputException("username", "本村没有该账号 / no such account in this village"));
            accountId = acc.id();
            name = name != null ? name : acc.displayName();
        }
        if (cmd.personId() != null) {
            Person p;
            try {
                p = registry.person(cmd.personId());
            } catch (NotFoundException e) {
                throw new InvalidInputException("personId", "本村没有该人员 / no such person in this village");
            }
            if (!p.villageCode().equals(b.villageCode())) {
                throw new InvalidInputException("personId", "本村没有该人员 / no such person in this village");
            }
            name = name != null ? name : p.name();
        }
        if (name == null) {
            throw new InvalidInputException("name", "须填写姓名、账号或人员 / a name, username or person is required");
        }
        List<Body.Member> active = b.members();
        Long acc = accountId;
        if (active.stream().anyMatch(m -> (acc != null && acc.equals(m.accountId()))
                || (cmd.personId() != null && cmd.personId().equals(m.personId())))) {
            throw new ConflictException("username", "已是成员 / already a member");
        }
        if (b.maxSize() != null && active.size() >= b.maxSize()) {
            throw new ConflictException("name", b.kindLabel() + "最多 " + b.maxSize() + " 人 / at most " + b.maxSize() + " members");
        }
        long id = Ids.next();
        jdbc.sql("insert into body_members (county_code, id, body_id, name, account_id, person_id, \"position\", joined_on) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(b.countyCode(), id, bodyId, name, accountId, cmd.personId(), position, LocalDate.now(clock)).update();
        events.publishEvent(new Audited(b.countyCode(), "body.member_added", "body", String.valueOf(bodyId), cmd.personId(), null,
                "member=" + id + ", name=" + name + (accountId != null ? ", account=" + accountId : "")));
        return load(bodyId);
    }

    /** A member leaves (成员退出): kept in the history with the day they left. */
    @Transactional
    public Body removeMember(long bodyId, long memberId) {
        Body b = body(bodyId);
        DeliberationPolicy.requireCadre(b.villageCode());
        int changed = jdbc.sql("update body_members set left_on = ? where county_code = ? and body_id = ? and id = ? and left_on is null")
                .params(LocalDate.now(clock), b.countyCode(), bodyId, memberId).update();
        if (changed == 0) {
            throw new NotFoundException("成员不存在 / no such member");
        }
        events.publishEvent(new Audited(b.countyCode(), "body.member_left", "body", String.valueOf(bodyId), null,
                "member=" + memberId, null));
        return load(bodyId);
    }

    Body load(long id) {
        Body b = jdbc.sql(SELECT + " where id = ?").param(id).query((rs, i) -> {
            BodyKind kind = BodyKind.valueOf(rs.getString("kind"));
            VoteRule rule = new VoteRule(rs.getInt("quorum_num"), rs.getInt("quorum_den"), rs.getInt("majority_num"),
                    rs.getInt("majority_den"), rs.getBoolean("majority_of_members"), rs.getBoolean("majority_strict"));
            return new Body(rs.getLong("id"), rs.getString("county_code"), rs.getString("village_code"), kind, kind.label(),
                    rs.getString("name"), rs.getObject("min_size", Integer.class), rs.getObject("max_size", Integer.class),
                    rs.getObject("term_start", LocalDate.class), rs.getObject("term_end", LocalDate.class), rule, rule.describe(), List.of());
        }).optional().orElseThrow(() -> new NotFoundException("议事组织不存在 / no such body"));
        List<Body.Member> members = jdbc.sql("""
                select id, name, account_id, person_id, "position", joined_on, left_on from body_members
                where county_code = ? and body_id = ? and left_on is null order by joined_on, id""")
                .params(b.countyCode(), id)
                .query((rs, i) -> new Body.Member(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getObject(4, Long.class),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class)))
                .list();
        return new Body(b.id(), b.countyCode(), b.villageCode(), b.kind(), b.kindLabel(), b.name(), b.minSize(), b.maxSize(),
                b.termStart(), b.termEnd(), b.rule(), b.ruleText(), members);
    }

    private static int or(Integer v, int d) {
        return v != null ? v : d;
    }
}
