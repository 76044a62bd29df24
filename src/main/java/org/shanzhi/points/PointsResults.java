package org.shanzhi.points;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
import org.shanzhi.registry.Registry;
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

    /** Results of a township, village or villager group for a period (default: this month), best first: every row. */
    public Ranking ranking(String division, String period) {
        return ranking(division, period, 0, Integer.MAX_VALUE);
    }

    /**
     * One page of the results, best first, and how many rows there are in all. Ranks, scores and stars are those of
     * the whole village and township; only the page's rows are labelled (a village has thousands of households).
     */
    public Ranking ranking(String division, String period, int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "页码不能为负 / page must not be negative");
        }
        if (size < 1) {
            throw new InvalidInputException("size", "每页至少 1 条 / size must be at least 1");
        }
        Actor a = PointsPolicy.participant();
        String code = division == null || division.isBlank() ? a.scopeCode() : division.trim();
        PointsPolicy.requireVillageRead(a.countyCode(), code);
        if (code.length() < 9) {
            throw new InvalidInputException("division", "请选择一个乡镇或村 / choose a township or a village");
        }
        Period p = period(period);
        String township = code.substring(0, 9);
        List<String> villages = code.length() >= 12 ? List.of(code.substring(0, 12)) : subjects.villages(township);
        Map<String, VillageScores> scores = scores(a.countyCode(), subjects.villages(township), villages, p);
        List<Res> all = compute(a.countyCode(), villages, scores);
        townshipRanks(all, scores);
        String prefix = code;
        List<Res> rows = all.stream().filter(r -> r.village.startsWith(prefix.length() > 12 ? prefix.substring(0, 12) : prefix)
                && (prefix.length() <= 12 || prefix.equals(r.group))).collect(Collectors.toCollection(ArrayList::new));
        boolean villageLevel = code.length() >= 12;
        rows.sort(Comparator.comparing((Res r) -> villageLevel ? r.villageRank : r.townshipRank, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(r -> -r.score).thenComparing(r -> r.sortKey));
        int from = (int) Math.min(rows.size(), (long) page * size);
        List<Res> shown = rows.subList(from, (int) Math.min(rows.size(), (long) from + size));
        label(a.countyCode(), shown);
        VillageScores v = villageLevel ? scores.get(code.substring(0, 12)) : null;
        return new Ranking(code, subjects.divisionName(code), p.key(), p.label(), v == null ? 100 : v.settings().baseScore(),
                v == null ? "EXCLUDE" : v.settings().vetoRanking(), shown.stream().map(Res::row).toList(), rows.size(), page,
                Math.min(size, Math.max(1, rows.size())));
    }

    /** A household's own score, rank, stars and balances for a period. */
    public Standing standing(long householdId, String period) {
        Actor a = PointsPolicy.participant();
        Subjects.Ref ref = subjects.resolve(a.countyCode(), "HOUSEHOLD", householdId);
        PointsPolicy.requireRead(ref.located());
        Period p = period(period);
        String township = ref.villageCode().substring(0, 9);
        Map<String, VillageScores> scores = scores(ref.countyCode(), subjects.villages(township), List.of(ref.villageCode()), p);
        List<Res> all = compute(ref.countyCode(), List.of(ref.villageCode()), scores);
        townshipRanks(all, scores);
        VillageScores v = scores.get(ref.villageCode());
        long base = v == null ? 100 : v.settings().baseScore();
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
        List<Res> village = villageResults(a.countyCode(), villageCode, p);
        label(a.countyCode(), village.stream().filter(r -> r.vetoed || r.score < st.passScore()).toList());
        for (Res r : village) {
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
        String sortKey; // ties of score are listed by label; a household's label starts with its number
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

    /**
     * A village's scheme for the period and its subjects' points. A listed village has each subject's sum; a village
     * that is only counted (the rest of a township) has how many subjects reached each sum ({@code counts}) and the
     * sums of its vetoed subjects. {@code vetoed}: the vetoed subject ids; {@code households}: its household count.
     */
    private record VillageScores(SchemeSettings settings, Map<Long, Long> sums, Map<Long, Long> counts, Set<Long> vetoed, long households) {
    }

    /**
     * The period's points of the subjects of some villages, in four indexed reads for all of them (a fifth when other
     * villages have vetoed subjects): the stored scores (points_scores, kept by LedgerWriter with the ledger) of the
     * listed villages subject by subject, those of the other villages as counts per sum, the vetoed subjects and the household counts. Only villages with a scheme for
     * the period are present, and only subjects of its scheme's type. A subject has a sum when it has a CREDIT or
     * REVERSAL entry in the period (in a year's results a SETTLEMENT entry too), as when this was summed from the ledger.
     */
    private Map<String, VillageScores> scores(String county, List<String> villages, Collection<String> listed, Period p) {
        Map<String, VillageScores> out = new LinkedHashMap<>();
        for (String village : villages) {
            schemes.applicable(village, referenceDay(p)).ifPresent(s -> out.put(village,
                    new VillageScores(s.settings(), new HashMap<>(), new HashMap<>(), new HashSet<>(), 0)));
        }
        if (out.isEmpty()) {
            return out;
        }
        Map<String, Long> households = subjects.householdCounts(county, out.keySet());
        out.replaceAll((v, vs) -> new VillageScores(vs.settings(), vs.sums(), vs.counts(), vs.vetoed(), households.getOrDefault(v, 0L)));
        List<String> full = out.keySet().stream().filter(listed::contains).toList();
        List<String> counted = out.keySet().stream().filter(v -> !listed.contains(v)).toList();
        boolean year = p.kind() == Period.Kind.YEAR;
        String points = year ? "points + settled" : "points";
        String present = year ? "(entries > 0 or settlements > 0)" : "entries > 0";
        String where = " where county_code = :county and village_code in (:villages) and period_month between :first and :last and " + present;
        read("""
                select distinct village_code, subject_type, subject_id from score_events where county_code = :county and veto = true
                and village_code in (:villages) and status = 'CREDITED' and period_month between :first and :last""", county, out.keySet(), p)
                .query((ResultSet rs) -> {
                    VillageScores v = out.get(rs.getString(1));
                    if (v.settings().subjectType().equals(rs.getString(2))) {
                        v.vetoed().add(rs.getLong(3));
                    }
                });
        if (!full.isEmpty()) {
            read(p.kind() == Period.Kind.MONTH ? "select village_code, subject_type, subject_id, points from points_scores" + where
                            : "select village_code, subject_type, subject_id, sum(" + points + ") from points_scores" + where
                                    + " group by village_code, subject_type, subject_id", county, full, p)
                    .query((ResultSet rs) -> {
                        VillageScores v = out.get(rs.getString(1));
                        if (v.settings().subjectType().equals(rs.getString(2))) {
                            v.sums().put(rs.getLong(3), rs.getLong(4));
                        }
                    });
        }
        if (!counted.isEmpty()) {
            // a township's other villages only count: the database counts subjects per sum (a few hundred rows, not
            // thousands). A month has one stored row per subject (the key), so its sums need no GROUP BY.
            String perSubject = p.kind() == Period.Kind.MONTH ? "select village_code, subject_type, points as total from points_scores" + where
                    : "select village_code, subject_type, sum(" + points + ") as total from points_scores" + where
                            + " group by village_code, subject_type, subject_id";
            read("select village_code, subject_type, total, count(*) from (" + perSubject + ") t group by village_code, subject_type, total",
                    county, counted, p)
                    .query((ResultSet rs) -> {
                        VillageScores v = out.get(rs.getString(1));
                        if (v.settings().subjectType().equals(rs.getString(2))) {
                            v.counts().put(rs.getLong(3), rs.getLong(4));
                        }
                    });
            // the sums of their vetoed subjects (a handful), which rank after everyone instead
            List<Long> vetoed = counted.stream().flatMap(v -> out.get(v).vetoed().stream()).toList();
            for (int from = 0; from < vetoed.size(); from += 1_000) {
                read("select village_code, subject_type, subject_id, sum(" + points + ") from points_scores" + where
                                + " and subject_id in (:vetoed) group by village_code, subject_type, subject_id", county, counted, p)
                        .param("vetoed", vetoed.subList(from, Math.min(vetoed.size(), from + 1_000)))
                        .query((ResultSet rs) -> {
                            VillageScores v = out.get(rs.getString(1));
                            if (v.settings().subjectType().equals(rs.getString(2)) && v.vetoed().contains(rs.getLong(3))) {
                                v.sums().put(rs.getLong(3), rs.getLong(4));
                            }
                        });
            }
        }
        return out;
    }

    /** A read of some villages' rows of a period: binds :county, :villages, :first and :last. */
    private JdbcClient.StatementSpec read(String sql, String county, Collection<String> villages, Period p) {
        return jdbc.sql(sql).param("county", county).param("villages", villages).param("first", p.firstMonthKey())
                .param("last", p.lastMonthKey());
    }

    /** Every subject of the villages with its score, group and village ranks and stars; labels only for other subjects. */
    private List<Res> compute(String county, List<String> villages, Map<String, VillageScores> scores) {
        List<Res> out = new ArrayList<>();
        for (String village : villages) {
            VillageScores vs = scores.get(village);
            if (vs == null) {
                continue; // no scheme for the period
            }
            SchemeSettings st = vs.settings();
            Map<String, String> groupNames = subjects.groupNames(village);
            List<Res> rows = new ArrayList<>();
            if ("HOUSEHOLD".equals(st.subjectType())) {
                for (Registry.HouseholdSlot h : subjects.householdSlots(county, village)) {
                    Res r = res("HOUSEHOLD", h.id(), h.id(), village, h.groupCode(), null);
                    r.sortKey = h.number(); // the label starts with the number, unique in the village
                    rows.add(r);
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
                score(r, vs);
                r.groupName = r.group == null ? null : groupNames.get(r.group);
            }
            rank(rows, r -> r.group, r -> r.group != null, (r, n) -> r.groupRank = n);
            rank(rows, r -> r.village, r -> true, (r, n) -> r.villageRank = n);
            stars(rows, st);
            out.addAll(rows);
        }
        return out;
    }

    /** One village's results (no township ranks), unlabelled. */
    private List<Res> villageResults(String county, String village, Period p) {
        return compute(county, List.of(village), scores(county, List.of(village), List.of(village), p));
    }

    /** Labels the household rows that have none ("H0012 王*户"), reading the registry once per 1,000. */
    private void label(String county, List<Res> rows) {
        List<Res> bare = rows.stream().filter(r -> r.label == null && "HOUSEHOLD".equals(r.type)).toList();
        for (int from = 0; from < bare.size(); from += 1_000) {
            List<Res> chunk = bare.subList(from, Math.min(bare.size(), from + 1_000));
            Map<Long, String> labels = subjects.householdLabels(county, chunk.stream().map(r -> r.id).toList());
            chunk.forEach(r -> r.label = labels.getOrDefault(r.id, r.sortKey));
        }
    }

    /**
     * Township ranks of the given rows among every subject of the township (competition ranks, as {@link #rank}: one
     * more than the number of better scores; a vetoed subject after every subject that is not). The other villages'
     * subjects are only counted: their scores go into two sorted arrays, and a household with no entries in the
     * period stands at its village's base.
     */
    private static void townshipRanks(List<Res> rows, Map<String, VillageScores> township) {
        Set<String> listed = rows.stream().map(r -> r.village).collect(Collectors.toSet());
        Scores clean = new Scores();
        Scores late = new Scores(); // vetoed, ranked after everyone else (not excluded by the scheme)
        for (Res r : rows) {
            if (!r.vetoed) {
                clean.add(r.score, 1);
            } else if (!r.excluded) {
                late.add(r.score, 1);
            }
        }
        township.forEach((village, vs) -> {
            if (listed.contains(village)) {
                return;
            }
            SchemeSettings st = vs.settings();
            boolean excludeVetoed = "EXCLUDE".equals(st.vetoRanking());
            long base = st.capped(st.baseScore());
            Map<Long, Long> counts = new HashMap<>(vs.counts());
            long withPoints = counts.values().stream().mapToLong(Long::longValue).sum();
            for (Long id : vs.vetoed()) {
                Long points = vs.sums().get(id);
                if (points != null) {
                    counts.merge(points, -1L, Long::sum); // counted with its sum: it ranks after everyone instead
                }
                if (!excludeVetoed) {
                    late.add(points == null ? base : st.capped(st.baseScore() + points), 1);
                }
            }
            counts.forEach((points, n) -> clean.add(st.capped(st.baseScore() + points), n));
            if ("HOUSEHOLD".equals(st.subjectType())) {
                long vetoedSilent = vs.vetoed().stream().filter(id -> !vs.sums().containsKey(id)).count();
                clean.add(base, vs.households() - withPoints - vetoedSilent);
            }
        });
        clean.sort();
        late.sort();
        for (Res r : rows) {
            r.townshipRank = r.excluded ? null : (int) (!r.vetoed ? 1 + clean.above(r.score) : clean.size + 1 + late.above(r.score));
        }
    }

    /** Scores with how many subjects have each; once sorted, how many subjects are above a score. */
    private static final class Scores {
        long[] values = new long[256];
        long[] counts = new long[256];
        int distinct;
        long size;

        void add(long score, long n) {
            if (n <= 0) {
                return;
            }
            if (distinct == values.length) {
                values = Arrays.copyOf(values, distinct * 2);
                counts = Arrays.copyOf(counts, distinct * 2);
            }
            values[distinct] = score;
            counts[distinct++] = n;
            size += n;
        }

        /** Sorts by score; {@code counts[i]} becomes how many subjects sit at index i or after (a suffix sum). */
        void sort() {
            Integer[] order = new Integer[distinct];
            for (int i = 0; i < distinct; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(values[x], values[y]));
            long[] v = new long[distinct];
            long[] suffix = new long[distinct];
            long seen = 0;
            for (int i = distinct - 1; i >= 0; i--) {
                v[i] = values[order[i]];
                seen += counts[order[i]];
                suffix[i] = seen;
            }
            values = v;
            counts = suffix;
        }

        /** How many subjects have a score above this one (after {@link #sort}). */
        long above(long score) {
            int lo = 0;
            int hi = distinct; // the first index whose score is greater
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (values[mid] <= score) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo == distinct ? 0 : counts[lo];
        }
    }

    private static void score(Res r, VillageScores vs) {
        SchemeSettings st = vs.settings();
        r.points = vs.sums().getOrDefault(r.id, 0L);
        r.score = st.capped(st.baseScore() + r.points);
        r.vetoed = vs.vetoed().contains(r.id);
        r.excluded = r.vetoed && "EXCLUDE".equals(st.vetoRanking());
        r.settings = st;
    }

    private static Res res(String type, long id, Long household, String village, String group, String label) {
        Res r = new Res();
        r.sortKey = label;
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
        List<Res> rows = villageResults(village.countyCode(), villageCode, p);
        List<Res> red = rows.stream().filter(r -> !r.vetoed && r.points > 0).sorted(Comparator.comparingLong((Res r) -> -r.score)).toList();
        List<Res> black = rows.stream().filter(r -> r.vetoed || r.score < st.baseScore())
                .sorted(Comparator.comparing((Res r) -> !r.vetoed).thenComparingLong(r -> r.score)).toList();
        int redN = size(st.listMode(), st.redSize(), rows.size());
        int blackN = size(st.listMode(), st.blackSize(), rows.size());
        label(village.countyCode(), red.subList(0, Math.min(redN, red.size())));
        label(village.countyCode(), black.subList(0, Math.min(blackN, black.size())));
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
        List<Res> rows = villageResults(village.countyCode(), villageCode, p);
        label(village.countyCode(), rows);
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
