package org.shanzhi.points;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Located;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.points.internal.LedgerWriter;
import org.shanzhi.points.internal.PointsPolicy;
import org.shanzhi.points.internal.Subjects;
import org.shanzhi.registry.Household;
import org.shanzhi.territory.Level;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Results derived from the ledger: scores, ranks and stars per period and year, group results, red and black
 * lists, quota-guarded nominations, a household's ledger and standing, and the annual settlement.
 */
@Service
public class PointsResults {

    public static final Set<String> NOMINATION_KINDS = Set.of("VOUCHER", "CIVILISED");

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final PointsSchemes schemes;
    private final Subjects subjects;
    private final LedgerWriter ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PointsResults(JdbcClient jdbc, JdbcTemplate batch, PointsSchemes schemes, Subjects subjects, LedgerWriter ledger,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.schemes = schemes;
        this.subjects = subjects;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    // ---- rankings --------------------------------------------------------------------------------

    /** Results of a township, village or villager group for a period (default: this month), best first. */
    public Ranking ranking(String division, String period) {
        Actor a = PointsPolicy.participant();
        String code = division == null || division.isBlank() ? a.scopeCode() : division.trim();
        PointsPolicy.requireVillageRead(a.countyCode(), code);
        if (code.length() < 9) {
            throw new InvalidInputException("division", "请选择一个乡镇或村 / choose a township or a village");
        }
        Period p = period(period);
        String township = code.substring(0, 9);
        List<String> villages = code.length() >= 12 ? List.of(code.substring(0, 12)) : subjects.villages(township);
        List<Res> all = compute(a.countyCode(), villages, p);
        townshipRanks(all, a.countyCode(), township, p);
        String prefix = code;
        List<Res> rows = all.stream().filter(r -> r.village.startsWith(prefix.length() > 12 ? prefix.substring(0, 12) : prefix)
                && (prefix.length() <= 12 || prefix.equals(r.group))).collect(Collectors.toCollection(ArrayList::new));
        boolean villageLevel = code.length() >= 12;
        rows.sort(Comparator.comparing((Res r) -> villageLevel ? r.villageRank : r.townshipRank, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(r -> -r.score).thenComparing(r -> r.label));
        Scheme s = villageLevel ? schemes.applicable(code.substring(0, 12), referenceDay(p)).orElse(null) : null;
        return new Ranking(code, subjects.divisionName(code), p.key(), p.label(), s == null ? 100 : s.settings().baseScore(),
                s == null ? "EXCLUDE" : s.settings().vetoRanking(), rows.stream().map(Res::row).toList());
    }

    /** A household's own score, rank, stars and balances for a period. */
    public Standing standing(long householdId, String period) {
        Actor a = PointsPolicy.participant();
        Subjects.Ref ref = subjects.resolve(a.countyCode(), "HOUSEHOLD", householdId);
        PointsPolicy.requireRead(ref.located());
        Period p = period(period);
        List<Res> all = compute(ref.countyCode(), List.of(ref.villageCode()), p);
        townshipRanks(all, ref.countyCode(), ref.villageCode().substring(0, 9), p);
        Scheme s = schemes.applicable(ref.villageCode(), referenceDay(p)).orElse(null);
        long base = s == null ? 100 : s.settings().baseScore();
        Res mine = all.stream().filter(r -> "HOUSEHOLD".equals(r.type) && r.id == householdId).findFirst().orElse(null);
        int ranked = (int) all.stream().filter(r -> r.village.equals(ref.villageCode()) && r.villageRank != null).count();
        int year = p.year();
        long[] bal = jdbc.sql("select honour, spendable from points_balances where county_code = ? and subject_type = 'HOUSEHOLD' and subject_id = ? and year_no = ?")
                .params(ref.countyCode(), householdId, year).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional()
                .orElse(new long[] {0, 0});
        if (mine == null) {
            return new Standing(householdId, ref.label(), p.key(), p.label(), base, base, 0, null, null, null, ranked, 0, false, year,
                    base + bal[0], bal[1]);
        }
        return new Standing(householdId, ref.label(), p.key(), p.label(), base, mine.score, mine.points, mine.groupRank, mine.villageRank,
                mine.townshipRank, ranked, mine.stars, mine.vetoed, year, base + bal[0], bal[1]);
    }

    /** Group results of a village for a period (奉贤: one failing household fails its group). */
    public List<GroupResult> groups(String villageCode, String period) {
        Actor a = PointsPolicy.participant();
        village(villageCode);
        PointsPolicy.requireVillageRead(a.countyCode(), villageCode);
        Period p = period(period);
        Scheme s = schemes.applicable(villageCode, referenceDay(p)).orElse(null);
        if (s == null) {
            return List.of();
        }
        SchemeSettings st = s.settings();
        Map<String, String> names = subjects.groupNames(villageCode);
        Map<String, List<Res>> byGroup = new LinkedHashMap<>();
        for (Res r : compute(a.countyCode(), List.of(villageCode), p)) {
            if (r.group != null) {
                byGroup.computeIfAbsent(r.group, g -> new ArrayList<>()).add(r);
            }
        }
        List<GroupResult> out = new ArrayList<>();
        long pass = st.passScore();
        byGroup.forEach((g, rs) -> {
            List<Res> failing = rs.stream().filter(r -> r.vetoed || r.score < pass).toList();
            double avg = rs.stream().mapToLong(r -> r.score).average().orElse(0);
            boolean passed = "ALL_PASS".equals(st.groupRule()) ? failing.isEmpty() && rs.stream().noneMatch(r -> r.vetoed) : avg >= pass;
            out.add(new GroupResult(g, names.getOrDefault(g, g), rs.size(), failing.size(), pass, Math.round(avg * 10) / 10.0, passed,
                    failing.stream().map(r -> r.label).toList()));
        });
        out.sort(Comparator.comparing(GroupResult::groupCode));
        return out;
    }

    // ---- the computation -------------------------------------------------------------------------

    /** A subject's result while it is computed. */
    private static final class Res {
        String type;
        long id;
        Long household;
        String village;
        String group;
        String groupName;
        String label;
        long points;
        long score;
        boolean vetoed;
        boolean excluded;
        boolean shareStars;
        SchemeSettings settings;
        Integer groupRank;
        Integer villageRank;
        Integer townshipRank;
        int stars;

        RankingRow row() {
            return new RankingRow(type, id, household, village, group, groupName, label, points, score, groupRank, villageRank, townshipRank,
                    stars, vetoed);
        }
    }

    private List<Res> compute(String county, List<String> villages, Period p) {
        List<Res> out = new ArrayList<>();
        for (String village : villages) {
            Scheme s = schemes.applicable(village, referenceDay(p)).orElse(null);
            if (s == null) {
                continue;
            }
            SchemeSettings st = s.settings();
            Map<String, Long> sums = sums(county, village, p);
            Set<String> vetoed = vetoed(county, village, p);
            Map<String, String> groupNames = subjects.groupNames(village);
            List<Res> rows = new ArrayList<>();
            if ("HOUSEHOLD".equals(st.subjectType())) {
                for (Household h : subjects.households(county, village)) {
                    rows.add(res("HOUSEHOLD", h.id(), h.id(), village, h.groupCode(), Subjects.label(h)));
                }
            } else {
                jdbc.sql("""
                        select subject_type, subject_id, max(household_id), max(group_code), max(subject_label) from score_events
                        where county_code = ? and village_code = ? and subject_type = ? group by subject_type, subject_id""")
                        .params(county, village, st.subjectType())
                        .query((rs, i) -> rows.add(res(rs.getString(1), rs.getLong(2), rs.getObject(3, Long.class), village, rs.getString(4),
                                rs.getString(5))))
                        .list();
            }
            for (Res r : rows) {
                score(r, st, sums, vetoed);
                r.groupName = r.group == null ? null : groupNames.get(r.group);
            }
            rank(rows, r -> r.group, r -> r.group != null, (r, n) -> r.groupRank = n);
            rank(rows, r -> r.village, r -> true, (r, n) -> r.villageRank = n);
            stars(rows, st);
            out.addAll(rows);
        }
        return out;
    }

    /**
     * Township ranks of the given rows among every subject of the township. The other villages are not listed in
     * full: a household with no entries in the period stands at its village's base, so it is counted, not loaded.
     */
    private void townshipRanks(List<Res> rows, String county, String township, Period p) {
        Set<String> done = rows.stream().map(r -> r.village).collect(Collectors.toSet());
        List<Res> all = new ArrayList<>(rows);
        for (String village : subjects.villages(township)) {
            if (done.contains(village)) {
                continue;
            }
            Scheme s = schemes.applicable(village, referenceDay(p)).orElse(null);
            if (s == null) {
                continue;
            }
            SchemeSettings st = s.settings();
            Map<String, Long> sums = sums(county, village, p);
            Set<String> vetoed = vetoed(county, village, p);
            Set<String> keys = new HashSet<>(sums.keySet());
            keys.addAll(vetoed);
            long households = 0;
            for (String key : keys) {
                String[] k = key.split(":");
                if (!k[0].equals(st.subjectType())) {
                    continue;
                }
                Res r = res(k[0], Long.parseLong(k[1]), null, village, null, null);
                score(r, st, sums, vetoed);
                all.add(r);
                households++;
            }
            if ("HOUSEHOLD".equals(st.subjectType())) {
                long silent = subjects.householdCount(county, village) - households;
                for (long i = 0; i < silent; i++) {
                    Res r = res("HOUSEHOLD", -1, null, village, null, null);
                    r.score = st.capped(st.baseScore());
                    all.add(r);
                }
            }
        }
        rank(all, r -> township, r -> true, (r, n) -> r.townshipRank = n);
    }

    /**
     * The points of each subject of a village in the period, from the stored scores (points_scores, kept by LedgerWriter
     * with the ledger): CREDIT and REVERSAL entries, and in a year's results the SETTLEMENT entries too. A subject is
     * present when it has such an entry in the period, as when this was summed from the ledger.
     */
    private Map<String, Long> sums(String county, String village, Period p) {
        boolean year = p.kind() == Period.Kind.YEAR;
        Map<String, Long> sums = new HashMap<>();
        jdbc.sql("select subject_type, subject_id, sum(" + (year ? "points + settled" : "points") + ") from points_scores"
                        + " where county_code = ? and village_code = ? and period_month between ? and ? and "
                        + (year ? "(entries > 0 or settlements > 0)" : "entries > 0") + " group by subject_type, subject_id")
                .params(county, village, p.firstMonthKey(), p.lastMonthKey())
                .query((rs, i) -> sums.put(rs.getString(1) + ":" + rs.getLong(2), rs.getLong(3))).list();
        return sums;
    }

    private Set<String> vetoed(String county, String village, Period p) {
        return new HashSet<>(jdbc.sql("""
                select distinct subject_type, subject_id from score_events where county_code = ? and village_code = ? and veto = true
                and status = 'CREDITED' and period_month between ? and ?""")
                .params(county, village, p.firstMonthKey(), p.lastMonthKey()).query((rs, i) -> rs.getString(1) + ":" + rs.getLong(2)).list());
    }

    private static void score(Res r, SchemeSettings st, Map<String, Long> sums, Set<String> vetoed) {
        String key = r.type + ":" + r.id;
        r.points = sums.getOrDefault(key, 0L);
        r.score = st.capped(st.baseScore() + r.points);
        r.vetoed = vetoed.contains(key);
        r.excluded = r.vetoed && "EXCLUDE".equals(st.vetoRanking());
        r.settings = st;
    }

    private static Res res(String type, long id, Long household, String village, String group, String label) {
        Res r = new Res();
        r.type = type;
        r.id = id;
        r.household = household;
        r.village = village;
        r.group = group;
        r.label = label;
        return r;
    }

    /**
     * Competition ranks within each partition: equal scores share a rank. A vetoed subject is not ranked when its
     * scheme excludes it, else it comes after every subject that is not vetoed.
     */
    private static void rank(List<Res> rows, Function<Res, String> partition, java.util.function.Predicate<Res> include,
            java.util.function.BiConsumer<Res, Integer> set) {
        Map<String, List<Res>> parts = new LinkedHashMap<>();
        for (Res r : rows) {
            if (include.test(r)) {
                parts.computeIfAbsent(partition.apply(r), k -> new ArrayList<>()).add(r);
            }
        }
        for (List<Res> part : parts.values()) {
            List<Res> clean = part.stream().filter(r -> !r.vetoed).sorted(Comparator.comparingLong((Res r) -> -r.score)).toList();
            List<Res> last = part.stream().filter(r -> r.vetoed && !r.excluded).sorted(Comparator.comparingLong((Res r) -> -r.score)).toList();
            assign(clean, 0, set);
            assign(last, clean.size(), set);
            part.stream().filter(r -> r.excluded).forEach(r -> set.accept(r, null));
        }
    }

    private static void assign(List<Res> sorted, int offset, java.util.function.BiConsumer<Res, Integer> set) {
        Integer prev = null;
        for (int i = 0; i < sorted.size(); i++) {
            if (i == 0 || sorted.get(i).score != sorted.get(i - 1).score) {
                prev = offset + i + 1;
            }
            set.accept(sorted.get(i), prev);
        }
    }

    /**
     * Stars (一星/二星/三星): by share, the top star3% of a village's ranked subjects get three, the top star2% two,
     * the top star1% one, counting only subjects with points earned (a score at the base earns no star); by
     * threshold, the score reaching star1/star2/star3. A vetoed subject gets none.
     */
    private static void stars(List<Res> rows, SchemeSettings st) {
        long ranked = rows.stream().filter(r -> r.villageRank != null && !r.vetoed).count();
        for (Res r : rows) {
            if (r.vetoed) {
                r.stars = 0;
            } else if ("THRESHOLD".equals(st.starMode())) {
                r.stars = r.score >= st.star3() ? 3 : r.score >= st.star2() ? 2 : r.score >= st.star1() ? 1 : 0;
            } else if (r.villageRank != null && r.points > 0) {
                int rank = r.villageRank;
                r.stars = rank <= cut(ranked, st.star3()) ? 3 : rank <= cut(ranked, st.star2()) ? 2 : rank <= cut(ranked, st.star1()) ? 1 : 0;
            }
        }
    }

    private static long cut(long n, long percent) {
        return (n * percent + 99) / 100;
    }

    // ---- red and black lists (红黑榜) ------------------------------------------------------------

    /**
     * Draws the red list (the best with points earned) and the black list (vetoed or below the base) of a period.
     * Red entries are published; black entries wait for a cadre's privacy check. Drawing again adds only new ones.
     */
    @Transactional
    public List<ListEntry> drawLists(String villageCode, String period) {
        Located village = village(villageCode);
        PointsPolicy.requireCadre(village);
        Period p = period(period);
        Scheme s = schemes.applicable(villageCode, referenceDay(p))
                .orElseThrow(() -> new ConflictException("villageCode", "本村还没有通过的积分方案 / no scheme adopted"));
        SchemeSettings st = s.settings();
        List<Res> rows = compute(village.countyCode(), List.of(villageCode), p);
        List<Res> red = rows.stream().filter(r -> !r.vetoed && r.points > 0).sorted(Comparator.comparingLong((Res r) -> -r.score)).toList();
        List<Res> black = rows.stream().filter(r -> r.vetoed || r.score < st.baseScore())
                .sorted(Comparator.comparing((Res r) -> !r.vetoed).thenComparingLong(r -> r.score)).toList();
        int redN = size(st.listMode(), st.redSize(), rows.size());
        int blackN = size(st.listMode(), st.blackSize(), rows.size());
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDate probation = LocalDate.now(clock).plusDays(st.blackProbationDays());
        List<Object[]> inserts = new ArrayList<>();
        red.stream().limit(redN).forEach(r -> inserts.add(listRow(village.countyCode(), villageCode, p, "RED", r, "PUBLISHED", null, now)));
        black.stream().limit(blackN).forEach(r -> inserts.add(listRow(village.countyCode(), villageCode, p, "BLACK", r, "PENDING_CHECK", probation, now)));
        if (!inserts.isEmpty()) {
            batch.batchUpdate("""
                    insert into points_list_entries (county_code, id, village_code, period_key, list_type, subject_type, subject_id, household_id,
                        subject_label, score, rank_no, status, probation_until, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", inserts);
        }
        events.publishEvent(new Audited(village.countyCode(), "points.lists.drawn", "village", villageCode, null, null,
                "period=" + p.key() + ", red=" + Math.min(redN, red.size()) + ", black=" + Math.min(blackN, black.size())));
        return lists(villageCode, p.key());
    }

    private static Object[] listRow(String county, String village, Period p, String type, Res r, String status, LocalDate probation,
            LocalDateTime now) {
        return new Object[] {county, Ids.next(), village, p.key(), type, r.type, r.id, r.household, r.label, r.score, r.villageRank, status,
                probation, now};
    }

    private static int size(String mode, int size, int population) {
        return "SHARE".equals(mode) ? (int) ((long) population * size + 99) / 100 : size;
    }

    /** The lists of a village and period. Villagers see only what is published; staff see pending checks too. */
    public List<ListEntry> lists(String villageCode, String period) {
        Actor a = PointsPolicy.participant();
        village(villageCode);
        PointsPolicy.requireVillageRead(a.countyCode(), villageCode);
        Period p = period(period);
        boolean staff = a.territorial() && !"MERCHANT".equals(a.role());
        return jdbc.sql("select * from points_list_entries where county_code = ? and village_code = ? and period_key = ?"
                        + (staff ? "" : " and status = 'PUBLISHED'") + " order by list_type desc, score desc, id")
                .params(a.countyCode(), villageCode, p.key()).query(PointsResults::mapEntry).list();
    }

    /** A cadre's privacy check of a black-list entry: publish it, or withhold it from the public board. */
    @Transactional
    public ListEntry checkPrivacy(long entryId, boolean publish) {
        ListEntry e = entry(entryId);
        Actor a = PointsPolicy.requireCadre(new Located(ScopeGuard.actor().countyCode(), e.villageCode(), null, null));
        int n = jdbc.sql("update points_list_entries set status = ?, checked_by_name = ?, checked_at = ? where county_code = ? and id = ? and status = 'PENDING_CHECK'")
                .params(publish ? "PUBLISHED" : "WITHHELD", a.displayName(), LocalDateTime.now(clock), a.countyCode(), entryId).update();
        if (n == 0) {
            throw new ConflictException("status", "该条目已审查 / this entry has been checked");
        }
        events.publishEvent(new Audited(a.countyCode(), "points.list.checked", "points_list_entry", String.valueOf(entryId), null, null,
                publish ? "PUBLISHED" : "WITHHELD"));
        return entry(entryId);
    }

    /** 申请撤榜: the household (or a cadre for it) applies once the probation has passed; the entry is lifted. */
    @Transactional
    public ListEntry applyLift(long entryId, String reason) {
        ListEntry e = entry(entryId);
        String county = ScopeGuard.actor().countyCode();
        Actor a = PointsPolicy.requireLiftApplicant(new Located(county, e.villageCode(), null, e.householdId()));
        if (!"BLACK".equals(e.listType())) {
            throw new ConflictException("listType", "只有黑榜可以申请撤榜 / only a black-list entry is lifted");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidInputException("reason", "请说明整改转化情况 / say what has changed");
        }
        LocalDate today = LocalDate.now(clock);
        if (e.probationUntil() != null && today.isBefore(e.probationUntil())) {
            throw new ConflictException("probationUntil", "考察期至 " + e.probationUntil() + ",期满后方可申请撤榜 / probation runs until "
                    + e.probationUntil());
        }
        int n = jdbc.sql("update points_list_entries set status = 'LIFTED', lift_reason = ?, lifted_at = ? where county_code = ? and id = ? and status <> 'LIFTED'")
                .params(reason.trim(), LocalDateTime.now(clock), county, entryId).update();
        if (n == 0) {
            throw new ConflictException("status", "已撤榜 / already lifted");
        }
        events.publishEvent(new Audited(county, "points.list.lifted", "points_list_entry", String.valueOf(entryId), null, null,
                "by=" + a.username() + ", reason=" + reason.trim()));
        return entry(entryId);
    }

    private ListEntry entry(long id) {
        ListEntry e = jdbc.sql("select * from points_list_entries where id = ?").param(id).query(PointsResults::mapEntry).optional()
                .orElseThrow(() -> new NotFoundException("榜单条目不存在 / no such list entry"));
        Actor a = PointsPolicy.participant();
        if (!PointsPolicy.villagePublic(a, Level.countyOf(e.villageCode()), e.villageCode())) {
            throw new NotFoundException("榜单条目不存在 / no such list entry");
        }
        return e;
    }

    // ---- nominations and quotas (金寨) -----------------------------------------------------------

    /**
     * Nominates a household for this year's vouchers (积分券) or as a 新时代文明户, under the scheme's quota: vouchers
     * to at most voucherQuotaPct% of the village's households, 文明户 at most honourQuotaPct% of the participants
     * (households with points credited this year). Past the quota the nomination is refused with the reason.
     */
    @Transactional
    public Nomination nominate(String kind, long householdId, String reason) {
        if (kind == null || !NOMINATION_KINDS.contains(kind)) {
            throw new InvalidInputException("kind", "类别应为 VOUCHER(积分券)或 CIVILISED(新时代文明户)");
        }
        Actor actor = PointsPolicy.participant();
        Subjects.Ref ref = subjects.resolve(actor.countyCode(), "HOUSEHOLD", householdId);
        Actor a = PointsPolicy.requireCadre(ref.located());
        if (reason != null && reason.length() > 500) {
            throw new InvalidInputException("reason", "推荐理由最多 500 字 / at most 500 characters");
        }
        LocalDate today = LocalDate.now(clock);
        int year = today.getYear();
        Scheme s = schemes.applicableOrThrow(ref.villageCode(), today);
        long black = jdbc.sql("select count(*) from points_list_entries where county_code = ? and household_id = ? and list_type = 'BLACK' and status <> 'LIFTED'")
                .params(ref.countyCode(), householdId).query(Long.class).single();
        if (black > 0) {
            throw new ConflictException("householdId", "该户在黑榜上,撤榜前不能参评 / on the black list: not eligible until lifted");
        }
        if (jdbc.sql("select count(*) from points_nominations where county_code = ? and kind = ? and year_no = ? and household_id = ?")
                .params(ref.countyCode(), kind, year, householdId).query(Long.class).single() > 0) {
            throw new ConflictException("householdId", "该户今年已获提名 / already nominated this year");
        }
        Integer pct = "VOUCHER".equals(kind) ? s.settings().voucherQuotaPct() : s.settings().honourQuotaPct();
        if (pct != null) {
            long population = "VOUCHER".equals(kind) ? subjects.householdCount(ref.countyCode(), ref.villageCode())
                    : jdbc.sql("""
                            select count(distinct household_id) from score_events where county_code = ? and village_code = ?
                            and status in ('CREDITED', 'REVERSED') and period_month between ? and ?""")
                            .params(ref.countyCode(), ref.villageCode(), year + "-01", year + "-12").query(Long.class).single();
            long limit = population * pct / 100;
            jdbc.sql("insert into points_quotas (county_code, village_code, year_no, kind, used) values (?, ?, ?, ?, 0) on conflict do nothing")
                    .params(ref.countyCode(), ref.villageCode(), year, kind).update();
            // the quota is taken in the update itself, so two cadres cannot both take the last place
            int n = jdbc.sql("update points_quotas set used = used + 1 where county_code = ? and village_code = ? and year_no = ? and kind = ? and used < ?")
                    .params(ref.countyCode(), ref.villageCode(), year, kind, limit).update();
            if (n == 0) {
                String what = "VOUCHER".equals(kind) ? "每年享受积分券的农户不超过全村户数的 " + pct + "%(全村 " + population + " 户,名额 " + limit + " 户)"
                        : "新时代文明户不超过参评户的 " + pct + "%(参评 " + population + " 户,名额 " + limit + " 户)";
                throw new ConflictException("quota", "名额已满:" + what + " / quota reached: at most " + limit + " households this year");
            }
        }
        long id = Ids.next();
        jdbc.sql("""
                insert into points_nominations (county_code, id, village_code, year_no, kind, household_id, subject_label, reason,
                    nominated_by_name, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(ref.countyCode(), id, ref.villageCode(), year, kind, householdId, ref.label(), reason == null ? null : reason.trim(),
                        a.displayName(), LocalDateTime.now(clock))
                .update();
        events.publishEvent(new Audited(ref.countyCode(), "points.nominated", "household", String.valueOf(householdId), null, null,
                kind + " " + year));
        return nomination(id).orElseThrow();
    }

    public List<Nomination> nominations(String villageCode, Integer year) {
        Actor a = PointsPolicy.participant();
        village(villageCode);
        PointsPolicy.requireVillageRead(a.countyCode(), villageCode);
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        return jdbc.sql("select * from points_nominations where county_code = ? and village_code = ? and year_no = ? order by kind, created_at, id")
                .params(a.countyCode(), villageCode, y).query(PointsResults::mapNomination).list();
    }

    private Optional<Nomination> nomination(long id) {
        return jdbc.sql("select * from points_nominations where id = ?").param(id).query(PointsResults::mapNomination).optional();
    }

    // ---- ledger ----------------------------------------------------------------------------------

    /** A household's ledger (its own and its members' entries), newest first, with who recorded and reviewed. */
    public Page<LedgerEntry> ledger(long householdId, Integer year, int page, int size) {
        Page.check(page, size);
        Actor a = PointsPolicy.participant();
        Subjects.Ref ref = subjects.resolve(a.countyCode(), "HOUSEHOLD", householdId);
        PointsPolicy.requireRead(ref.located());
        String where = " where l.county_code = ? and l.household_id = ?" + (year == null ? "" : " and l.year_no = " + year.intValue());
        long total = jdbc.sql("select count(*) from points_ledger l" + where).params(ref.countyCode(), householdId).query(Long.class).single();
        List<LedgerEntry> items = jdbc.sql("""
                select l.*, e.subject_label, e.recorded_by_name, e.reviewed_by_name from points_ledger l
                left join score_events e on e.county_code = l.county_code and e.id = l.event_id""" + where
                        + " order by l.created_at desc, l.id desc limit ? offset ?")
                .params(ref.countyCode(), householdId, size, (long) page * size)
                .query((rs, i) -> new LedgerEntry(rs.getLong("id"), rs.getString("subject_type"), rs.getLong("subject_id"),
                        rs.getString("subject_label") == null ? ref.label() : rs.getString("subject_label"), rs.getInt("year_no"),
                        rs.getString("period_month"), rs.getLong("points"), rs.getString("kind"), rs.getObject("event_id", Long.class),
                        rs.getObject("reverses_id", Long.class), rs.getString("reason"), rs.getString("recorded_by_name"),
                        rs.getString("reviewed_by_name"), rs.getString("created_by_name"), rs.getObject("created_at", LocalDateTime.class)))
                .list();
        return new Page<>(items, page, size, total);
    }

    // ---- annual settlement (一年一核算) ----------------------------------------------------------

    /**
     * Settles a finished year for a village: archives every subject's score, rank and stars; under CARRY_OVER each
     * subject's net points enter the next year as a SETTLEMENT entry, under RESET the next year starts at the base.
     * Settling again returns the first settlement and changes nothing.
     */
    @Transactional
    public Settlement settle(String villageCode, int year) {
        Located village = village(villageCode);
        Actor a = PointsPolicy.requireSettler(village);
        LocalDate today = LocalDate.now(clock);
        if (year >= today.getYear() || year < 2000) {
            throw new ConflictException("year", "年度结束后方可核算 / a year is settled after it ends");
        }
        Optional<Settlement> done = settlement(village.countyCode(), villageCode, year);
        if (done.isPresent()) {
            return done.get();
        }
        Scheme s = schemes.applicableOrThrow(villageCode, LocalDate.of(year, 12, 31));
        Period p = Period.year(year);
        List<Res> rows = compute(village.countyCode(), List.of(villageCode), p);
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("insert into points_settlements (county_code, village_code, year_no, mode, subjects, settled_at, settled_by_name) values (?, ?, ?, ?, ?, ?, ?)")
                .params(village.countyCode(), villageCode, year, s.settings().settlement(), rows.size(), now, a.displayName()).update();
        List<Object[]> archive = rows.stream().map(r -> new Object[] {village.countyCode(), villageCode, year, r.type, r.id, r.label, r.score,
                r.villageRank, r.stars, r.vetoed}).toList();
        if (!archive.isEmpty()) {
            batch.batchUpdate("""
                    insert into points_year_results (county_code, village_code, year_no, subject_type, subject_id, subject_label, score, rank_no,
                        stars, vetoed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", archive);
        }
        if ("CARRY_OVER".equals(s.settings().settlement())) {
            for (Res r : rows) {
                long carry = r.score - s.settings().baseScore();
                if (carry != 0) {
                    ledger.settlement(village.countyCode(), r.type, r.id, r.household, villageCode, r.group, year + 1, carry,
                            year + "年度积分结转 / carried over from " + year, a.displayName(), now);
                }
            }
        }
        events.publishEvent(new Audited(village.countyCode(), "points.settled", "village", villageCode, null, null,
                "year=" + year + ", mode=" + s.settings().settlement() + ", subjects=" + rows.size()));
        return settlement(village.countyCode(), villageCode, year).orElseThrow();
    }

    private Optional<Settlement> settlement(String county, String village, int year) {
        return jdbc.sql("select * from points_settlements where county_code = ? and village_code = ? and year_no = ?")
                .params(county, village, year)
                .query((rs, i) -> new Settlement(rs.getString("village_code"), rs.getInt("year_no"), rs.getString("mode"), rs.getInt("subjects"),
                        rs.getObject("settled_at", LocalDateTime.class), rs.getString("settled_by_name")))
                .optional();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private Period period(String period) {
        return period == null || period.isBlank() ? Period.current(clock, Period.Kind.MONTH) : Period.parse(period, "period");
    }

    /** The day whose scheme a period is judged by: its last day, or today while it runs. */
    private LocalDate referenceDay(Period p) {
        LocalDate today = LocalDate.now(clock);
        return p.lastDay().isBefore(today) ? p.lastDay() : today.isBefore(p.firstDay()) ? p.firstDay() : today;
    }

    private static Located village(String villageCode) {
        if (villageCode == null || Level.ofCode(villageCode).orElse(null) != Level.VILLAGE) {
            throw new InvalidInputException("villageCode", "请给出行政村代码 / a village code is required");
        }
        return new Located(Level.countyOf(villageCode), villageCode, null, null);
    }

    private static ListEntry mapEntry(ResultSet rs, int i) throws SQLException {
        return new ListEntry(rs.getLong("id"), rs.getString("village_code"), rs.getString("period_key"), rs.getString("list_type"),
                rs.getString("subject_type"), rs.getLong("subject_id"), rs.getObject("household_id", Long.class), rs.getString("subject_label"),
                rs.getLong("score"), rs.getObject("rank_no", Integer.class), rs.getString("status"),
                rs.getObject("probation_until", LocalDate.class), rs.getString("checked_by_name"),
                rs.getObject("checked_at", LocalDateTime.class), rs.getString("lift_reason"), rs.getObject("lifted_at", LocalDateTime.class));
    }

    private static Nomination mapNomination(ResultSet rs, int i) throws SQLException {
        return new Nomination(rs.getLong("id"), rs.getString("village_code"), rs.getInt("year_no"), rs.getString("kind"),
                rs.getLong("household_id"), rs.getString("subject_label"), rs.getString("reason"), rs.getString("nominated_by_name"),
                rs.getObject("created_at", LocalDateTime.class));
    }
}
