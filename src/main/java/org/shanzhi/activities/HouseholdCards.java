package org.shanzhi.activities;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shanzhi.activities.internal.ActivitiesPolicy;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.identity.Account;
import org.shanzhi.identity.Accounts;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 固原 household points card (乡村文明实践积分卡): three kinds of points on one card per household — basic (8 aspects,
 * 38 items, 2 to 100 points an entry, deductions allowed), democratic (评议, at most 30 a household a year) and
 * contribution (50 to 2,000 an entry) — never cleared. An entry is proposed by a member of the village's scoring group
 * (积分评议小组, 3-5 members elected by the representative assembly) and stands once a majority of the group approved it
 * (the proposer's own vote counts); a member of the supervision group (监督管理小组, 3-5) may flag any entry for
 * re-review: its points leave the card until a majority of the scoring group approves it again.
 */
@Service
public class HouseholdCards {

    public static final String SCORING = "SCORING";
    public static final String SUPERVISION = "SUPERVISION";
    public static final String BASIC = "BASIC";
    public static final String DEMOCRATIC = "DEMOCRATIC";
    public static final String CONTRIBUTION = "CONTRIBUTION";
    /** The 8 aspects of basic points. */
    public static final List<String> BASIC_ASPECTS = List.of("脱贫攻坚", "公德美德", "遵纪守法", "移风易俗", "环境卫生", "公益事业", "学习培训", "党支部工作");
    /** The 3 parts of contribution points. */
    public static final List<String> CONTRIBUTION_ASPECTS = List.of("表彰奖励", "先进事迹", "立功表现");
    public static final long DEMOCRATIC_CAP_PER_YEAR = 30;

    public record Member(long accountId, String name) {
    }

    public record Group(long id, String villageCode, String kind, LocalDate electedOn, String resolution, List<Member> members) {
    }

    public record NewGroup(String villageCode, String kind, LocalDate electedOn, String resolution, List<Member> members) {
    }

    public record NewEntry(Long householdId, String kind, String aspect, String item, Long points) {
    }

    /** PROPOSED → APPROVED or REJECTED; a flagged entry goes to REVIEW (a new round of votes) → APPROVED or REJECTED. */
    public record Entry(long id, long householdId, String kind, String aspect, String item, long points, int year, String status, int round,
            int groupSize, int approvals, int rejections, String proposedBy, LocalDateTime proposedAt, String flagReason, String flaggedBy) {
    }

    public record Card(long householdId, String householdNumber, String villageCode, long basic, long democratic, long contribution, long total,
            List<Entry> entries) {
    }

    private final JdbcClient jdbc;
    private final Registry registry;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public HouseholdCards(JdbcClient jdbc, Registry registry, Accounts accounts, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(TimeConfig.ZONE));
    }

    // ---- groups ---------------------------------------------------------------------------------

    /** Records a group elected by the representative assembly (3-5 members); it replaces the village's previous one. */
    @Transactional
    public Group elect(NewGroup cmd) {
        Actor a0 = ActivitiesPolicy.reader();
        if (cmd == null || cmd.villageCode() == null || !cmd.villageCode().matches("\\d{12}")) {
            throw new InvalidInputException("villageCode", "村代码应为 12 位数字 / a 12-digit village code");
        }
        Actor a = ActivitiesPolicy.keep(a0.countyCode(), cmd.villageCode());
        List<FieldError> errors = new ArrayList<>();
        String kind = cmd.kind() == null ? "" : cmd.kind().trim().toUpperCase();
        if (!Set.of(SCORING, SUPERVISION).contains(kind)) {
            errors.add(new FieldError("kind", "小组应为 SCORING(评议小组)或 SUPERVISION(监督小组) / SCORING or SUPERVISION"));
        }
        List<Member> given = cmd.members() == null ? List.of() : cmd.members();
        Set<Long> ids = new HashSet<>();
        boolean bad = given.size() < 3 || given.size() > 5;
        for (Member m : given) {
            bad |= m == null || m.accountId() <= 0 || !ids.add(m.accountId()) || (m.name() != null && m.name().length() > 100);
        }
        List<Member> members = new ArrayList<>();
        if (bad) {
            errors.add(new FieldError("members", "小组应有 3 到 5 名不同的成员 / a group has 3 to 5 different members"));
        } else {
            // each member is an account of this village (identity), recorded under its display name
            Map<Long, Account> ofVillage = new HashMap<>();
            accounts.ofVillage(cmd.villageCode()).forEach(x -> ofVillage.put(x.id(), x));
            for (int i = 0; i < given.size(); i++) {
                Member m = given.get(i);
                Account acc = ofVillage.get(m.accountId());
                if (acc == null) {
                    errors.add(new FieldError("members[" + i + "].accountId", "账号 " + m.accountId() + " 不存在或不属于本村 / account "
                            + m.accountId() + " does not exist or is not of this village"));
                } else {
                    members.add(new Member(acc.id(), acc.displayName()));
                }
            }
        }
        if (cmd.electedOn() == null || cmd.electedOn().isAfter(now().toLocalDate())) {
            errors.add(new FieldError("electedOn", "请填写村民代表大会选举日期 / the date of the representative assembly's election"));
        }
        if (cmd.resolution() == null || cmd.resolution().isBlank() || cmd.resolution().length() > 200) {
            errors.add(new FieldError("resolution", "请填写村民代表大会决议,最多 200 字 / the assembly's resolution, at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbc.sql("update card_groups set active = false where county_code = ? and village_code = ? and kind = ? and active = true")
                .params(a.countyCode(), cmd.villageCode(), kind).update();
        long id = Ids.next();
        jdbc.sql("""
                insert into card_groups (county_code, id, village_code, kind, elected_on, resolution, active, created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, true, ?, ?)""")
                .params(a.countyCode(), id, cmd.villageCode(), kind, cmd.electedOn(), cmd.resolution().trim(), a.displayName(), now()).update();
        for (Member m : members) {
            jdbc.sql("insert into card_group_members (county_code, group_id, account_id, name) values (?, ?, ?, ?)")
                    .params(a.countyCode(), id, m.accountId(), m.name().trim()).update();
        }
        events.publishEvent(new Audited(a.countyCode(), "activities.card_group", "card_group", String.valueOf(id), null, null,
                kind + " " + members.size() + " members"));
        return group(a.countyCode(), cmd.villageCode(), kind);
    }

    /** The village's current groups (scoring, supervision). */
    public List<Group> groups(String villageCode) {
        Actor a = ActivitiesPolicy.reader();
        ActivitiesPolicy.readVillage(a, a.countyCode(), villageCode);
        List<Group> out = new ArrayList<>();
        for (String kind : List.of(SCORING, SUPERVISION)) {
            Group g = group(a.countyCode(), villageCode, kind);
            if (g != null) {
                out.add(g);
            }
        }
        return out;
    }

    private Group group(String county, String village, String kind) {
        return jdbc.sql("select id, elected_on, resolution from card_groups where county_code = ? and village_code = ? and kind = ? and active = true")
                .params(county, village, kind).query((rs, i) -> new Group(rs.getLong(1), village, kind, rs.getDate(2).toLocalDate(), rs.getString(3),
                        members(county, rs.getLong(1)))).optional().orElse(null);
    }

    private List<Member> members(String county, long group) {
        return jdbc.sql("select account_id, name from card_group_members where county_code = ? and group_id = ? order by name, account_id")
                .params(county, group).query((rs, i) -> new Member(rs.getLong(1), rs.getString(2))).list();
    }

    private Group requireMember(Actor a, String village, String kind) {
        Group g = group(a.countyCode(), village, kind);
        if (a.readOnly() || g == null || g.members().stream().noneMatch(m -> m.accountId() == a.accountId())) {
            throw new ForbiddenException(SCORING.equals(kind)
                    ? "只有本村积分评议小组成员可以评分 / only members of the village's scoring group score"
                    : "只有本村监督管理小组成员可以提请复核 / only members of the village's supervision group flag entries");
        }
        return g;
    }

    // ---- entries --------------------------------------------------------------------------------

    /** A scoring-group member proposes an entry (their own approval counts towards the majority). */
    @Transactional
    public Entry propose(NewEntry cmd) {
        Actor a0 = ActivitiesPolicy.reader();
        if (cmd == null || cmd.householdId() == null) {
            throw new InvalidInputException("householdId", "请选择农户 / choose a household");
        }
        Household h = household(cmd.householdId());
        ActivitiesPolicy.readVillage(a0, h.countyCode(), h.villageCode());
        List<FieldError> errors = new ArrayList<>();
        String kind = cmd.kind() == null ? "" : cmd.kind().trim().toUpperCase();
        String aspect = cmd.aspect() == null ? "" : cmd.aspect().trim();
        long points = cmd.points() == null ? 0 : cmd.points();
        switch (kind) {
            case BASIC -> {
                if (!BASIC_ASPECTS.contains(aspect)) {
                    errors.add(new FieldError("aspect", "基础积分应属 8 个方面之一 / basic points belong to one of the 8 aspects: " + String.join("、", BASIC_ASPECTS)));
                }
                if (Math.abs(points) < 2 || Math.abs(points) > 100) {
                    errors.add(new FieldError("points", "基础积分每项 2 到 100 分(扣分为负) / basic points 2 to 100 an item (negative to deduct)"));
                }
            }
            case DEMOCRATIC -> {
                aspect = aspect.isEmpty() ? "民主评议" : aspect;
                if (points < 1 || points > DEMOCRATIC_CAP_PER_YEAR) {
                    errors.add(new FieldError("points", "民主评议积分最高 30 分 / democratic points are at most 30"));
                }
            }
            case CONTRIBUTION -> {
                if (!CONTRIBUTION_ASPECTS.contains(aspect)) {
                    errors.add(new FieldError("aspect", "贡献积分应属表彰奖励、先进事迹、立功表现之一 / one of the 3 parts of contribution points"));
                }
                if (points < 50 || points > 2000) {
                    errors.add(new FieldError("points", "贡献积分每项 50 到 2000 分 / contribution points 50 to 2,000 an item"));
                }
            }
            default -> errors.add(new FieldError("kind", "积分类别应为 BASIC(基础)、DEMOCRATIC(民主评议)、CONTRIBUTION(贡献) / BASIC, DEMOCRATIC or CONTRIBUTION"));
        }
        if (aspect.length() > 40) {
            errors.add(new FieldError("aspect", "最多 40 字 / at most 40 characters"));
        }
        String item = cmd.item() == null ? "" : cmd.item().trim();
        if (item.isEmpty() || item.length() > 100) {
            errors.add(new FieldError("item", "请填写赋分内容,最多 100 字 / the item, at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Actor a = a0;
        Group g = requireMember(a, h.villageCode(), SCORING);
        int year = now().getYear();
        if (DEMOCRATIC.equals(kind)) {
            checkDemocraticCap(h, year, points, 0);
        }
        long id = Ids.next();
        LocalDateTime now = now();
        jdbc.sql("""
                insert into card_entries (county_code, id, village_code, household_id, kind, aspect, item, points, year_no, status, round_no,
                    group_id, group_size, proposed_by_name, proposed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PROPOSED', 1, ?, ?, ?, ?)""")
                .params(a.countyCode(), id, h.villageCode(), h.id(), kind, aspect, item, points, year, g.id(), g.members().size(), a.displayName(), now)
                .update();
        events.publishEvent(new Audited(a.countyCode(), "activities.card_proposed", "card_entry", String.valueOf(id), null, null,
                kind + " " + points + " household " + h.id()));
        return vote(id, true);
    }

    private void checkDemocraticCap(Household h, int year, long points, long exceptEntry) {
        long have = jdbc.sql("""
                select coalesce(sum(points), 0) from card_entries where county_code = ? and household_id = ? and kind = 'DEMOCRATIC'
                and year_no = ? and status = 'APPROVED' and id <> ?""").params(h.countyCode(), h.id(), year, exceptEntry).query(Long.class).single();
        if (have + points > DEMOCRATIC_CAP_PER_YEAR) {
            throw new ConflictException("points", "民主评议积分每户每年最高 30 分,已有 " + have + " 分 / democratic points are capped at 30 a year; "
                    + have + " already");
        }
    }

    /** A scoring-group member votes on an entry of the current round; a majority of the group decides. */
    @Transactional
    public Entry vote(long entryId, boolean approve) {
        Actor a = ActivitiesPolicy.reader();
        Entry e = entry(entryId);
        Household h = household(e.householdId());
        if (!Set.of("PROPOSED", "REVIEW").contains(e.status())) {
            throw new ConflictException("entryId", "该积分已评定 / this entry is decided");
        }
        Group g = requireMember(a, h.villageCode(), SCORING);
        try {
            jdbc.sql("insert into card_votes (county_code, entry_id, round_no, account_id, name, approve, voted_at) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(a.countyCode(), e.id(), e.round(), a.accountId(), a.displayName(), approve, now()).update();
        } catch (DuplicateKeyException twice) {
            throw new ConflictException("entryId", "您已表决过 / you have voted on this entry");
        }
        int size = g.members().size();
        int majority = size / 2 + 1;
        Entry now = entry(entryId);
        String decided = now.approvals() >= majority ? "APPROVED" : now.rejections() > size - majority ? "REJECTED" : null;
        if (decided != null) {
            if ("APPROVED".equals(decided) && DEMOCRATIC.equals(e.kind())) {
                checkDemocraticCap(h, e.year(), e.points(), e.id());
            }
            jdbc.sql("update card_entries set status = ?, decided_at = ?, group_size = ? where county_code = ? and id = ? and status = ? and round_no = ?")
                    .params(decided, now(), size, a.countyCode(), e.id(), e.status(), e.round()).update();
        }
        events.publishEvent(new Audited(a.countyCode(), "activities.card_vote", "card_entry", String.valueOf(e.id()), null, null,
                (approve ? "approve" : "reject") + (decided == null ? "" : " → " + decided)));
        return entry(entryId);
    }

    /** A supervision-group member flags an entry for re-review: a new round, its points off the card until re-approved. */
    @Transactional
    public Entry flag(long entryId, String reason) {
        Actor a = ActivitiesPolicy.reader();
        Entry e = entry(entryId);
        Household h = household(e.householdId());
        requireMember(a, h.villageCode(), SUPERVISION);
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new InvalidInputException("reason", "请说明复核理由,最多 200 字 / say why, at most 200 characters");
        }
        if ("REVIEW".equals(e.status())) {
            throw new ConflictException("entryId", "该积分已在复核中 / already under re-review");
        }
        int n = jdbc.sql("""
                update card_entries set status = 'REVIEW', round_no = round_no + 1, decided_at = null, flag_reason = ?, flagged_by_name = ?, flagged_at = ?
                where county_code = ? and id = ? and round_no = ?""")
                .params(reason.trim(), a.displayName(), now(), a.countyCode(), e.id(), e.round()).update();
        if (n != 1) {
            throw new ConflictException("entryId", "该积分刚刚变化,请刷新 / the entry changed, reload");
        }
        events.publishEvent(new Audited(a.countyCode(), "activities.card_flag", "card_entry", String.valueOf(e.id()), null, null, reason.trim()));
        return entry(entryId);
    }

    public Entry entry(long entryId) {
        Actor a = ActivitiesPolicy.reader();
        Entry e = jdbc.sql(ENTRY + " where e.county_code = ? and e.id = ?").params(a.countyCode(), entryId).query(HouseholdCards::map).optional()
                .orElseThrow(() -> new NotFoundException("未找到积分 / no such entry"));
        ScopeGuard.readable(e, household(e.householdId()).located());
        return e;
    }

    /** The household's card: approved points by kind (all years: never cleared) and every entry. */
    public Card card(long householdId) {
        Actor a = ActivitiesPolicy.reader();
        Household h = household(householdId);
        ScopeGuard.readable(h, h.located());
        List<Entry> entries = jdbc.sql(ENTRY + " where e.county_code = ? and e.household_id = ? order by e.proposed_at desc, e.id desc")
                .params(a.countyCode(), householdId).query(HouseholdCards::map).list();
        Map<String, Long> sums = new LinkedHashMap<>(Map.of(BASIC, 0L, DEMOCRATIC, 0L, CONTRIBUTION, 0L));
        entries.stream().filter(x -> "APPROVED".equals(x.status())).forEach(x -> sums.merge(x.kind(), x.points(), Long::sum));
        long total = sums.values().stream().mapToLong(Long::longValue).sum();
        return new Card(h.id(), h.number(), h.villageCode(), sums.get(BASIC), sums.get(DEMOCRATIC), sums.get(CONTRIBUTION), total, entries);
    }

    /** Entries of a village waiting for votes (the scoring group's inbox). */
    public List<Entry> pending(String villageCode) {
        Actor a = ActivitiesPolicy.reader();
        ActivitiesPolicy.readVillage(a, a.countyCode(), villageCode);
        return jdbc.sql(ENTRY + " where e.county_code = ? and e.village_code = ? and e.status in ('PROPOSED', 'REVIEW') order by e.proposed_at, e.id")
                .params(a.countyCode(), villageCode).query(HouseholdCards::map).list();
    }

    private Household household(long id) {
        try {
            return registry.household(id);
        } catch (NotFoundException e) {
            throw new NotFoundException("未找到农户 / no such household");
        }
    }

    private static final String ENTRY = """
            select e.id, e.household_id, e.kind, e.aspect, e.item, e.points, e.year_no, e.status, e.round_no, e.group_size,
                (select count(*) from card_votes v where v.county_code = e.county_code and v.entry_id = e.id and v.round_no = e.round_no and v.approve = true),
                (select count(*) from card_votes v where v.county_code = e.county_code and v.entry_id = e.id and v.round_no = e.round_no and v.approve = false),
                e.proposed_by_name, e.proposed_at, e.flag_reason, e.flagged_by_name
            from card_entries e""";

    private static Entry map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getInt(7), rs.getString(8),
                rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getString(13), rs.getTimestamp(14).toLocalDateTime(), rs.getString(15),
                rs.getString(16));
    }
}
