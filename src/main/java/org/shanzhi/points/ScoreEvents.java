package org.shanzhi.points;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.Located;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.disclosure.NewNotice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.disclosure.NoticeItem;
import org.shanzhi.points.internal.LedgerWriter;
import org.shanzhi.points.internal.PointsPolicy;
import org.shanzhi.points.internal.Subjects;
import org.shanzhi.territory.Level;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life of a score event: declare or record it, verify, review the month in a batch, put the period on
 * public notice (credited when the notice closes, see {@code NoticeOutcome}), reverse a credited one; and the
 * rectification notice a deduction opens.
 */
@Service
public class ScoreEvents {

    public static final String NOTICE_SOURCE = "points.period";
    public static final Set<String> STATUSES = Set.of(ScoreEvent.DECLARED, ScoreEvent.VERIFIED, ScoreEvent.REVIEWED, ScoreEvent.IN_NOTICE,
            ScoreEvent.CREDITED, ScoreEvent.REJECTED, ScoreEvent.OBJECTION_UPHELD, ScoreEvent.WAIVED, ScoreEvent.REVERSED);
    private static final Map<String, String> RECORDER_LABELS = Map.of("SELF", "本户自荐", "OTHERS", "群众评荐", "ORGANISATION", "组织推荐",
            "GROUP_LEADER", "组长或党员中心户", "GRID_WORKER", "网格员", "CADRE", "村干部");
    private static final int MAX_BATCH = 500;

    private final JdbcClient jdbc;
    private final PointsSchemes schemes;
    private final Subjects subjects;
    private final NoticeBoard notices;
    private final LedgerWriter ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;

    ScoreEvents(JdbcClient jdbc, PointsSchemes schemes, Subjects subjects, NoticeBoard notices, LedgerWriter ledger,
            ApplicationEventPublisher events, Clock clock, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.schemes = schemes;
        this.subjects = subjects;
        this.notices = notices;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.tx = tx;
    }

    // ---- declaring -------------------------------------------------------------------------------

    /** The event and whether it is the replay of an earlier request with the same Idempotency-Key. */
    public record Declared(ScoreEvent event, boolean replayed) {
    }

    /**
     * Declares (villager) or records (staff) an event. With an Idempotency-Key, a repeat of the same request
     * returns the first event; the same key with a different request is refused ({@link IdempotencyMismatch}).
     */
    public Declared declare(Declaration d, String idempotencyKey) {
        return declare(d, List.of(), idempotencyKey);
    }

    /**
     * Declares with photos (at most {@link EvidencePhoto#MAX_PHOTOS}, each JPEG, PNG or WebP by its bytes and at most
     * {@link EvidencePhoto#MAX_BYTES}); they are stored with the event in one transaction. A photo that is refused
     * refuses the declaration (field {@code photos}) and nothing is saved. The Idempotency-Key covers the photos too.
     */
    public Declared declare(Declaration d, List<EvidencePhoto> photos, String idempotencyKey) {
        Actor a = PointsPolicy.participant();
        List<EvidencePhoto> pics = photos == null ? List.of() : photos.stream().filter(p -> p != null && p.data() != null && p.data().length > 0).toList();
        List<FieldError> photoErrors = new ArrayList<>();
        if (pics.size() > EvidencePhoto.MAX_PHOTOS) {
            photoErrors.add(new FieldError("photos", "最多 " + EvidencePhoto.MAX_PHOTOS + " 张照片 / at most " + EvidencePhoto.MAX_PHOTOS + " photos"));
        }
        for (EvidencePhoto p : pics) {
            if (p.data().length > EvidencePhoto.MAX_BYTES) {
                photoErrors.add(new FieldError("photos", "每张照片最大 " + EvidencePhoto.MAX_BYTES / 1024 / 1024 + " MB / each photo at most "
                        + EvidencePhoto.MAX_BYTES / 1024 / 1024 + " MB"));
            } else if (EvidencePhoto.sniff(p.data()) == null) {
                photoErrors.add(new FieldError("photos", "照片应为 JPEG、PNG 或 WebP 图片 / a photo must be a JPEG, PNG or WebP image"));
            }
        }
        if (!photoErrors.isEmpty()) {
            throw new InvalidInputException(photoErrors.subList(0, 1));
        }
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
        if (key != null && key.length() > 100) {
            throw new InvalidInputException("Idempotency-Key", "幂等键最多 100 字符 / at most 100 characters");
        }
        String hash = pics.isEmpty() ? requestHash(d) : requestHash(d) + ":" + sha256(pics.stream().map(p -> sha256(p.data())).toList().toString()
                .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        if (hash.length() > 64) {
            hash = sha256(hash.getBytes(StandardCharsets.UTF_8));
        }
        String finalHash = hash;
        if (key != null) {
            Optional<Declared> prior = replay(a, key, hash);
            if (prior.isPresent()) {
                return prior.get();
            }
        }
        try {
            return tx.execute(s -> new Declared(record(a, d, pics, key, finalHash), false));
        } catch (DuplicateKeyException raced) {
            // the same key committed by a concurrent request between our look-up and insert
            return replay(a, key, finalHash).orElseThrow(() -> raced);
        }
    }

    private Optional<Declared> replay(Actor a, String key, String hash) {
        if (key == null) {
            return Optional.empty();
        }
        return jdbc.sql("select id, request_hash from score_events where county_code = ? and recorded_by = ? and idempotency_key = ?")
                .params(a.countyCode(), a.accountId(), key).query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional()
                .map(row -> {
                    if (!hash.equals(row[1])) {
                        throw new IdempotencyMismatch();
                    }
                    return new Declared(load((long) row[0]).orElseThrow(), true);
                });
    }

    private ScoreEvent record(Actor a, Declaration d, List<EvidencePhoto> photos, String key, String hash) {
        String type = d.subjectType() == null || d.subjectType().isBlank() ? "HOUSEHOLD" : d.subjectType().trim().toUpperCase();
        if (!SchemeSettings.SUBJECT_TYPES.contains(type)) {
            throw new InvalidInputException("subjectType", "对象类型应为 HOUSEHOLD/PERSON/GROUP/OTHER");
        }
        Long subjectId = "HOUSEHOLD".equals(type) && d.householdId() != null ? d.householdId() : d.subjectId();
        if (subjectId == null) {
            throw new InvalidInputException("HOUSEHOLD".equals(type) ? "householdId" : "subjectId", "请选择积分对象 / choose whom it is about");
        }
        String source = d.source() == null || d.source().isBlank() ? null : d.source().trim().toUpperCase();
        if (source != null && !Set.of("SELF", "NOMINATED", "ORGANISATION", "RECORDED").contains(source)) {
            throw new InvalidInputException("source", "来源应为 SELF/NOMINATED/ORGANISATION/RECORDED");
        }
        Subjects.Ref ref = subjects.resolve(a.countyCode(), type, subjectId);
        String recorder = PointsPolicy.recorderKind(ref.located(), ref.villageCode(), "NOMINATED".equals(source),
                "ORGANISATION".equals(source));
        String finalSource = switch (recorder) {
            case "SELF" -> "SELF";
            case "OTHERS" -> "NOMINATED";
            case "ORGANISATION" -> "ORGANISATION";
            default -> "RECORDED";
        };
        LocalDate today = LocalDate.now(clock);
        List<FieldError> errors = new ArrayList<>();
        if ("ORGANISATION".equals(source) && !"ORGANISATION".equals(recorder)) {
            errors.add(new FieldError("source", "组织推荐由村干部登记 / a cadre records an organisation's recommendation"));
        }
        if ("ORGANISATION".equals(recorder) && (d.organisation() == null || d.organisation().isBlank() || d.organisation().length() > 100)) {
            errors.add(new FieldError("organisation", "请填写推荐组织 / name the recommending organisation"));
        }
        if (d.itemId() == null) {
            errors.add(new FieldError("itemId", "请选择积分事项 / choose an item"));
        }
        if (d.occurredOn() == null || d.occurredOn().isAfter(today) || d.occurredOn().isBefore(LocalDate.of(today.getYear() - 1, 1, 1))) {
            errors.add(new FieldError("occurredOn", "请填写发生日期,不能晚于今天、不早于去年 / the date it happened: not in the future, not before last year"));
        }
        if (d.description() == null || d.description().isBlank() || d.description().length() > 500) {
            errors.add(new FieldError("description", "请说明时间、地点和事由,最多 500 字 / say when, where and what, at most 500 characters"));
        }
        if (d.evidenceText() != null && d.evidenceText().length() > 1000) {
            errors.add(new FieldError("evidenceText", "证明材料说明最多 1000 字 / at most 1000 characters"));
        }
        List<String> refs = d.evidenceRefs() == null ? List.of() : d.evidenceRefs().stream().filter(r -> r != null && !r.isBlank()).map(String::trim).toList();
        if (refs.size() > 9 || refs.stream().anyMatch(r -> r.length() > 100 || r.contains(","))) {
            errors.add(new FieldError("evidenceRefs", "最多 9 张照片 / at most 9 photos"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Scheme scheme = schemes.applicableOrThrow(ref.villageCode(), d.occurredOn());
        SchemeItem item = scheme.items().stream().filter(i -> i.id() == d.itemId()).findFirst()
                .orElseThrow(() -> new InvalidInputException("itemId", "该事项不在本村现行积分方案中 / not an item of the village's scheme"));
        if (!scheme.settings().subjectType().equals(type)) {
            throw new InvalidInputException("subjectType", "本村方案的积分对象是 " + scheme.settings().subjectType() + " / the scheme scores "
                    + scheme.settings().subjectType());
        }
        if (!item.recorders().contains(recorder)) {
            throw new InvalidInputException("itemId", "该事项不能由" + RECORDER_LABELS.get(recorder) + "记录 / this item cannot be recorded by " + recorder);
        }
        boolean hasEvidence = (d.evidenceText() != null && !d.evidenceText().isBlank()) || !refs.isEmpty() || !photos.isEmpty();
        if (item.evidenceRequired() && !hasEvidence) {
            throw new InvalidInputException(photos.isEmpty() ? "photos" : "evidenceText",
                    "该事项需要提供证明(照片或文字) / this item needs evidence: a photo or a text");
        }
        String month = YearMonth.from(d.occurredOn()).toString();
        if (item.capPerPeriod() != null) {
            long used = jdbc.sql("""
                    select coalesce(sum(abs(points)), 0) from score_events where county_code = ? and subject_type = ? and subject_id = ?
                    and item_id = ? and period_month = ? and status not in ('REJECTED', 'OBJECTION_UPHELD', 'WAIVED', 'REVERSED')""")
                    .params(ref.countyCode(), type, subjectId, item.id(), month).query(Long.class).single();
            if (used + item.points() > item.capPerPeriod()) {
                throw new InvalidInputException("itemId", "本月该事项已达上限 " + item.capPerPeriod() + " 分 / this item's monthly cap is reached");
            }
        }
        long id = Ids.next();
        List<Long> photoIds = photos.stream().map(p -> Ids.next()).toList();
        List<String> allRefs = new ArrayList<>(refs);
        photoIds.forEach(p -> allRefs.add("photo:" + p));
        refs = allRefs;
        jdbc.sql("""
                insert into score_events (county_code, id, village_code, group_code, grid_id, household_id, subject_type, subject_id,
                    subject_label, scheme_id, item_id, category, item_name, points, veto, occurred_on, period_month, source, organisation,
                    description, evidence_text, evidence_refs, status, recorded_by, recorded_by_name, recorded_at, idempotency_key,
                    request_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DECLARED', ?, ?, ?, ?, ?)""")
                .params(ref.countyCode(), id, ref.villageCode(), ref.groupCode(), ref.gridId(), ref.householdId(), type, subjectId, ref.label(),
                        scheme.id(), item.id(), item.category(), item.name(), item.signedPoints(), item.veto(), d.occurredOn(), month,
                        finalSource, "ORGANISATION".equals(recorder) ? d.organisation().trim() : null, d.description().trim(),
                        blank(d.evidenceText()), refs.isEmpty() ? null : String.join(",", refs), a.accountId(), a.displayName(),
                        LocalDateTime.now(clock), key, hash)
                .update();
        for (int i = 0; i < photos.size(); i++) {
            EvidencePhoto p = photos.get(i);
            jdbc.sql("insert into points_event_photos (county_code, id, event_id, \"position\", content_type, size_bytes, data, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(ref.countyCode(), photoIds.get(i), id, i, EvidencePhoto.sniff(p.data()), p.data().length, p.data(), LocalDateTime.now(clock))
                    .update();
        }
        events.publishEvent(new Audited(ref.countyCode(), "points.declared", "score_event", String.valueOf(id), null, null,
                ref.label() + " " + item.category() + "/" + item.name() + " " + item.signedPoints() + ", source=" + finalSource));
        // the recorder sees what they recorded, even a nomination of a household they may not otherwise read
        return load(id).orElseThrow();
    }

    // ---- reading ---------------------------------------------------------------------------------

    public ScoreEvent event(long id) {
        ScoreEvent e = load(id).orElseThrow(() -> new NotFoundException("积分事件不存在 / no such score event"));
        PointsPolicy.requireRead(e.located());
        return e;
    }

    /** A photo of an event, for whoever may read the event (the declaring household, cadres in scope). */
    public EvidencePhoto photo(long eventId, long photoId) {
        ScoreEvent e = event(eventId);
        return jdbc.sql("select content_type, data from points_event_photos where county_code = ? and event_id = ? and id = ?")
                .params(e.countyCode(), eventId, photoId).query((rs, i) -> new EvidencePhoto(rs.getString(1), rs.getBytes(2))).optional()
                .orElseThrow(() -> new NotFoundException("照片不存在 / no such photo"));
    }

    /** The photo ids of events the caller already read (ledger entries, the inbox): event id → photo ids in order. */
    public Map<Long, List<Long>> photoIds(java.util.Collection<Long> eventIds) {
        Map<Long, List<Long>> out = new LinkedHashMap<>();
        if (eventIds.isEmpty()) {
            return out;
        }
        String county = ScopeGuard.actor().countyCode();
        List<Long> ids = eventIds.stream().distinct().limit(MAX_BATCH).toList();
        jdbc.sql("select event_id, id from points_event_photos where county_code = :county and event_id in (:ids) order by event_id, \"position\"")
                .param("county", county).param("ids", ids)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list()
                .forEach(r -> out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
        return out;
    }

    /** Events of a village (or the villages under a node), filtered; a grid worker, party-member or villager sees their own. */
    public Page<ScoreEvent> list(String division, String status, String period, Long householdId, int page, int size) {
        Page.check(page, size);
        Actor a = PointsPolicy.participant();
        String code = ScopeGuard.narrow(division);
        StringBuilder where = new StringBuilder(" where county_code = :county and village_code like :prefix");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("county", a.countyCode());
        p.put("prefix", (code.length() > 12 ? code.substring(0, 12) : code) + "%");
        if (code.length() == 15) {
            where.append(" and group_code = :group");
            p.put("group", code);
        }
        if (a.gridId() != null) {
            where.append(" and grid_id = :grid");
            p.put("grid", a.gridId());
        } else if (!a.householdIds().isEmpty()) {
            where.append(" and household_id in (:households)");
            p.put("households", a.householdIds());
        }
        if (status != null && !status.isBlank()) {
            if (!STATUSES.contains(status)) {
                throw new InvalidInputException("status", "未知状态 / unknown status");
            }
            where.append(" and status = :status");
            p.put("status", status);
        }
        if (period != null && !period.isBlank()) {
            Period per = Period.parse(period, "period");
            where.append(" and period_month between :from and :to");
            p.put("from", per.firstMonthKey());
            p.put("to", per.lastMonthKey());
        }
        if (householdId != null) {
            where.append(" and household_id = :household");
            p.put("household", householdId);
        }
        long total = jdbc.sql("select count(*) from score_events" + where).params(p).query(Long.class).single();
        List<ScoreEvent> items = jdbc.sql("select * from score_events" + where + " order by occurred_on desc, id desc limit :limit offset :offset")
                .params(p).param("limit", size).param("offset", (long) page * size).query(ScoreEvents::map).list();
        return new Page<>(items, page, size, total);
    }

    // ---- verifying and rejecting -----------------------------------------------------------------

    /**
     * Verifies declared events (核实). A deduction that is not a veto opens a rectification notice with the
     * scheme's deadline (平湖: 14 days): rectified in time, it is waived.
     */
    @Transactional
    public List<ScoreEvent> verify(List<Long> ids) {
        List<ScoreEvent> list = batch(ids);
        list.forEach(e -> PointsPolicy.requireVerifier(e.located()));
        Actor a = ScopeGuard.actor();
        LocalDateTime now = LocalDateTime.now(clock);
        for (ScoreEvent e : list) {
            int n = jdbc.sql("""
                    update score_events set status = 'VERIFIED', verified_by = ?, verified_by_name = ?, verified_at = ?
                    where county_code = ? and id = ? and status = 'DECLARED'""")
                    .params(a.accountId(), a.displayName(), now, e.countyCode(), e.id()).update();
            if (n == 0) {
                throw new ConflictException("eventIds", "积分事件 " + e.id() + " 不是待核实状态 / event is not waiting for verification");
            }
            if (e.points() < 0 && !e.veto()) {
                int days = schemes.load(e.schemeId()).map(s -> s.settings().rectificationDays()).orElse(0);
                if (days > 0) {
                    // the deadline is the end of the last day: rectified on day 14 is still in time
                    LocalDateTime deadline = now.toLocalDate().plusDays(days + 1L).atStartOfDay();
                    jdbc.sql("""
                            insert into points_rectifications (county_code, id, event_id, village_code, household_id, issued_at, deadline, status)
                            values (?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                            .params(e.countyCode(), Ids.next(), e.id(), e.villageCode(), e.householdId(), now, deadline).update();
                }
            }
            events.publishEvent(new Audited(e.countyCode(), "points.verified", "score_event", String.valueOf(e.id()), null, e.status(),
                    ScoreEvent.VERIFIED));
        }
        return list.stream().map(e -> load(e.id()).orElseThrow()).toList();
    }

    @Transactional
    public List<ScoreEvent> reject(List<Long> ids, String reason) {
        List<ScoreEvent> list = batch(ids);
        list.forEach(e -> PointsPolicy.requireVerifier(e.located()));
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidInputException("reason", "请填写不予认定的理由 / give the reason");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        for (ScoreEvent e : list) {
            int n = jdbc.sql("""
                    update score_events set status = 'REJECTED', rejected_reason = ?
                    where county_code = ? and id = ? and status in ('DECLARED', 'VERIFIED')""")
                    .params(reason.trim(), e.countyCode(), e.id()).update();
            if (n == 0) {
                throw new ConflictException("eventIds", "积分事件 " + e.id() + " 已审核,不能退回 / event is past verification");
            }
            jdbc.sql("update points_rectifications set status = 'CANCELLED', closed_at = ? where county_code = ? and event_id = ? and status = 'OPEN'")
                    .params(now, e.countyCode(), e.id()).update();
            events.publishEvent(new Audited(e.countyCode(), "points.rejected", "score_event", String.valueOf(e.id()), null, e.status(),
                    "REJECTED: " + reason.trim()));
        }
        return list.stream().map(e -> load(e.id()).orElseThrow()).toList();
    }

    // ---- reviewing and publishing ----------------------------------------------------------------

    /**
     * Reviews the verified events of a period in a batch (油溪桥: certified on the 28th), from the scheme's review
     * day of the period's last month. Named events must all qualify; without names, the whole period is reviewed
     * except events the reviewer recorded or verified, which are left for another reviewer.
     */
    @Transactional
    public ReviewResult review(String villageCode, String period, List<Long> eventIds) {
        Period p = Period.parse(period, "period");
        Located village = village(villageCode);
        Actor a = PointsPolicy.requireReviewer(village);
        LocalDate today = LocalDate.now(clock);
        Scheme scheme = schemes.applicableOrThrow(villageCode, p.lastDay().isBefore(today) ? p.lastDay() : today);
        YearMonth last = YearMonth.parse(p.lastMonthKey());
        LocalDate reviewDay = last.atDay(Math.min(scheme.settings().reviewDay(), last.lengthOfMonth()));
        if (today.isBefore(reviewDay)) {
            throw new ConflictException("period", "未到审核日(" + reviewDay + ")/ not before the review day " + reviewDay);
        }
        LocalDateTime now = LocalDateTime.now(clock);
        // deductions whose rectification deadline has passed now stand
        jdbc.sql("update points_rectifications set status = 'APPLIED', closed_at = ? where county_code = ? and village_code = ? and status = 'OPEN' and deadline <= ?")
                .params(now, village.countyCode(), villageCode, now).update();
        List<ScoreEvent> candidates = jdbc.sql("""
                select * from score_events e where county_code = ? and village_code = ? and status = 'VERIFIED'
                and period_month between ? and ?
                and not exists (select 1 from points_rectifications r where r.county_code = e.county_code and r.event_id = e.id and r.status = 'OPEN')
                order by id""")
                .params(village.countyCode(), villageCode, p.firstMonthKey(), p.lastMonthKey()).query(ScoreEvents::map).list();
        List<ScoreEvent> chosen = new ArrayList<>();
        List<ReviewResult.Skipped> skipped = new ArrayList<>();
        if (eventIds != null && !eventIds.isEmpty()) {
            Map<Long, ScoreEvent> byId = new LinkedHashMap<>();
            candidates.forEach(e -> byId.put(e.id(), e));
            for (ScoreEvent e : batch(eventIds)) {
                ScoreEvent c = byId.get(e.id());
                if (c == null) {
                    PointsPolicy.requireRead(e.located());
                    throw new ConflictException("eventIds", "积分事件 " + e.id() + " 不在本期待审核之列(未核实、整改中或不属本期) / not waiting for review in this period");
                }
                PointsPolicy.requireNotMaker(a, recordedBy(c.id()), verifiedBy(c.id()), c.id());
                chosen.add(c);
            }
        } else {
            for (ScoreEvent c : candidates) {
                if (PointsPolicy.isMaker(a, recordedBy(c.id()), verifiedBy(c.id()))) {
                    skipped.add(new ReviewResult.Skipped(c.id(), "本人记录或核实,须由其他干部审核 / recorded or verified by you"));
                } else {
                    chosen.add(c);
                }
            }
        }
        List<Long> reviewed = new ArrayList<>();
        for (ScoreEvent e : chosen) {
            int n = jdbc.sql("""
                    update score_events set status = 'REVIEWED', reviewed_by = ?, reviewed_by_name = ?, reviewed_at = ?
                    where county_code = ? and id = ? and status = 'VERIFIED'""")
                    .params(a.accountId(), a.displayName(), now, e.countyCode(), e.id()).update();
            if (n == 1) {
                reviewed.add(e.id());
            }
        }
        long unverified = jdbc.sql("select count(*) from score_events where county_code = ? and village_code = ? and status = 'DECLARED' and period_month between ? and ?")
                .params(village.countyCode(), villageCode, p.firstMonthKey(), p.lastMonthKey()).query(Long.class).single();
        long rectifying = jdbc.sql("""
                select count(*) from points_rectifications r join score_events e on e.county_code = r.county_code and e.id = r.event_id
                where r.county_code = ? and r.village_code = ? and r.status = 'OPEN' and e.period_month between ? and ?""")
                .params(village.countyCode(), villageCode, p.firstMonthKey(), p.lastMonthKey()).query(Long.class).single();
        if (!reviewed.isEmpty()) {
            events.publishEvent(new Audited(village.countyCode(), "points.reviewed", "village", villageCode, null, null,
                    "period=" + p.key() + ", events=" + reviewed));
        }
        return new ReviewResult(p.key(), reviewed, skipped, unverified, rectifying);
    }

    /**
     * Puts the reviewed events of a period on public notice (公示) for the scheme's number of days; they are
     * credited when the notice closes with no objection upheld against them.
     */
    @Transactional
    public PeriodNotice publishNotice(String villageCode, String period) {
        Period p = Period.parse(period, "period");
        Located village = village(villageCode);
        PointsPolicy.requireReviewer(village);
        LocalDate today = LocalDate.now(clock);
        Scheme scheme = schemes.applicableOrThrow(villageCode, p.lastDay().isBefore(today) ? p.lastDay() : today);
        List<ScoreEvent> list = jdbc.sql("""
                select * from score_events where county_code = ? and village_code = ? and status = 'REVIEWED' and period_month between ? and ?
                order by group_code, subject_label, occurred_on, id""")
                .params(village.countyCode(), villageCode, p.firstMonthKey(), p.lastMonthKey()).query(ScoreEvents::map).list();
        if (list.isEmpty()) {
            throw new ConflictException("period", "该期间没有已审核待公示的积分 / nothing reviewed to put on notice for " + p.key());
        }
        List<NoticeItem> items = list.stream().map(e -> new NoticeItem(String.valueOf(e.id()), e.subjectLabel(),
                e.category() + "·" + e.itemName() + " " + (e.points() > 0 ? "+" : "") + e.points() + "分(" + e.occurredOn() + ")"
                        + (e.veto() ? " 一票否决" : ""))).toList();
        String villageName = subjects.divisionName(villageCode).replaceAll("(村委会|居委会)$", "村");
        int days = scheme.settings().noticeDays();
        long noticeId = notices.publish(new NewNotice(villageCode, "POINTS", NOTICE_SOURCE, villageCode + ":" + p.key(),
                villageName + p.label() + "积分公示",
                "以下积分经村积分评定小组审核,现予公示,公示期 " + days + " 天。对公示内容有异议的,请在公示期内向村两委提出,经调查核实后答复。"
                        + "公示期满无异议的积分记入积分台账。",
                days, items));
        List<Long> ids = list.stream().map(ScoreEvent::id).toList();
        int changed = 0;
        for (int i = 0; i < ids.size(); i += MAX_BATCH) {
            changed += jdbc.sql("update score_events set status = 'IN_NOTICE', notice_id = :notice where county_code = :county and id in (:ids) and status = 'REVIEWED'")
                    .param("notice", noticeId).param("county", village.countyCode()).param("ids", ids.subList(i, Math.min(ids.size(), i + MAX_BATCH)))
                    .update();
        }
        if (changed != ids.size()) {
            throw new ConflictException("period", "有积分正被他人处理,请重试 / events changed meanwhile, try again");
        }
        return new PeriodNotice(noticeId, villageCode, p.key(), ids.size(), days);
    }

    // ---- correcting ------------------------------------------------------------------------------

    /** Reverses a credited event with a reason: a reversing entry; history is never edited. */
    @Transactional
    public ScoreEvent reverse(long id, String reason) {
        ScoreEvent e = event(id);
        Actor a = PointsPolicy.requireCorrector(e.located());
        if (reason == null || reason.isBlank() || reason.length() > 400) {
            throw new InvalidInputException("reason", "请填写冲正理由,最多 400 字 / a reason is required");
        }
        if (!ledger.reverse(e.countyCode(), id, reason.trim(), LocalDateTime.now(clock), a.displayName())) {
            throw new ConflictException("status", "只有已入账的积分可以冲正 / only a credited event can be reversed");
        }
        return load(id).orElseThrow();
    }

    // ---- rectification notices (整改告知书) --------------------------------------------------------

    public Page<Rectification> rectifications(String division, String status, int page, int size) {
        Page.check(page, size);
        Actor a = PointsPolicy.participant();
        String code = ScopeGuard.narrow(division);
        StringBuilder where = new StringBuilder(" where r.county_code = :county and r.village_code like :prefix");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("county", a.countyCode());
        p.put("prefix", (code.length() > 12 ? code.substring(0, 12) : code) + "%");
        if (a.gridId() != null) {
            where.append(" and e.grid_id = :grid");
            p.put("grid", a.gridId());
        } else if (!a.householdIds().isEmpty()) {
            where.append(" and r.household_id in (:households)");
            p.put("households", a.householdIds());
        }
        if (status != null && !status.isBlank()) {
            where.append(" and r.status = :status");
            p.put("status", status);
        }
        String from = " from points_rectifications r join score_events e on e.county_code = r.county_code and e.id = r.event_id";
        long total = jdbc.sql("select count(*)" + from + where).params(p).query(Long.class).single();
        List<Rectification> items = jdbc.sql("select r.*, e.subject_label, e.item_name, e.points" + from + where
                        + " order by r.deadline, r.id limit :limit offset :offset")
                .params(p).param("limit", size).param("offset", (long) page * size).query(ScoreEvents::mapRectification).list();
        return new Page<>(items, page, size, total);
    }

    /**
     * Records that the household rectified. Before the deadline the deduction is waived (the event never reaches
     * the ledger); after it, the rectification is noted but the deduction applies.
     */
    @Transactional
    public Rectification rectify(long rectificationId, String note) {
        Rectification r = rectification(rectificationId);
        ScoreEvent e = load(r.eventId()).orElseThrow();
        Actor a = PointsPolicy.requireRectifier(e.located());
        if (note != null && note.length() > 500) {
            throw new InvalidInputException("note", "说明最多 500 字 / at most 500 characters");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        boolean inTime = now.isBefore(r.deadline());
        int n = jdbc.sql("update points_rectifications set status = ?, closed_at = ?, closed_by_name = ?, note = ? where county_code = ? and id = ? and status = 'OPEN'")
                .params(inTime ? "WAIVED" : "APPLIED", now, a.displayName(), blank(note), e.countyCode(), rectificationId).update();
        if (n == 0) {
            throw new ConflictException("status", "该整改告知已处理 / this rectification notice is closed");
        }
        if (inTime) {
            jdbc.sql("update score_events set status = 'WAIVED' where county_code = ? and id = ? and status = 'VERIFIED'")
                    .params(e.countyCode(), e.id()).update();
        }
        events.publishEvent(new Audited(e.countyCode(), "points.rectified", "score_event", String.valueOf(e.id()), null, null,
                inTime ? "WAIVED" : "APPLIED (late)"));
        return rectification(rectificationId);
    }

    /** Deductions whose rectification deadline has passed stand; idempotent, safe on several nodes. */
    @Transactional
    public int lapseDue(LocalDateTime now) {
        return jdbc.sql("update points_rectifications set status = 'APPLIED', closed_at = ? where status = 'OPEN' and deadline <= ?")
                .params(now, now).update();
    }

    public Rectification rectification(long id) {
        Rectification r = jdbc.sql("""
                select r.*, e.subject_label, e.item_name, e.points from points_rectifications r
                join score_events e on e.county_code = r.county_code and e.id = r.event_id where r.id = ?""")
                .param(id).query(ScoreEvents::mapRectification).optional()
                .orElseThrow(() -> new NotFoundException("整改告知不存在 / no such rectification notice"));
        ScoreEvent e = load(r.eventId()).orElseThrow();
        PointsPolicy.requireRead(e.located());
        return r;
    }

    // ---- other subjects --------------------------------------------------------------------------

    /** Registers a subject that is neither a household, a person nor a group (enterprise, family farm: 001 安吉). */
    @Transactional
    public long newSubject(String villageCode, String kind, String name) {
        Located village = village(villageCode);
        PointsPolicy.requireReviewer(village);
        if (kind == null || kind.isBlank() || kind.length() > 20 || name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "请填写对象类别和名称 / kind and name are required");
        }
        long id = Ids.next();
        jdbc.sql("insert into points_subjects (county_code, id, village_code, kind, name, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(village.countyCode(), id, villageCode, kind.trim(), name.trim(), LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(village.countyCode(), "points.subject.created", "points_subject", String.valueOf(id), null, null,
                kind.trim() + " " + name.trim()));
        return id;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private Located village(String villageCode) {
        if (villageCode == null || Level.ofCode(villageCode).orElse(null) != Level.VILLAGE) {
            throw new InvalidInputException("villageCode", "请给出行政村代码 / a village code is required");
        }
        return new Located(Level.countyOf(villageCode), villageCode, null, null);
    }

    private List<ScoreEvent> batch(List<Long> ids) {
        if (ids == null || ids.isEmpty() || ids.size() > MAX_BATCH || ids.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException("eventIds", "请选择 1 到 " + MAX_BATCH + " 条积分 / choose 1.." + MAX_BATCH + " events");
        }
        return ids.stream().distinct().map(id -> load(id).orElseThrow(() -> new NotFoundException("积分事件不存在 / no such score event")))
                .toList();
    }

    private long recordedBy(long id) {
        return jdbc.sql("select recorded_by from score_events where id = ?").param(id).query(Long.class).single();
    }

    private Long verifiedBy(long id) {
        List<Long> v = jdbc.sql("select verified_by from score_events where id = ?").param(id).query((rs, i) -> rs.getObject(1, Long.class)).list();
        return v.isEmpty() ? null : v.get(0);
    }

    Optional<ScoreEvent> load(long id) {
        return jdbc.sql("select * from score_events where id = ?").param(id).query(ScoreEvents::map).optional();
    }

    static String requestHash(Declaration d) {
        String text = String.join("\u001f", String.valueOf(d.householdId()), String.valueOf(d.subjectType()), String.valueOf(d.subjectId()),
                String.valueOf(d.itemId()), String.valueOf(d.occurredOn()), String.valueOf(d.source()), String.valueOf(d.organisation()),
                String.valueOf(d.description()), String.valueOf(d.evidenceText()), String.valueOf(d.evidenceRefs()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static ScoreEvent map(ResultSet rs, int i) throws SQLException {
        String refs = rs.getString("evidence_refs");
        return new ScoreEvent(rs.getLong("id"), rs.getString("county_code"), rs.getString("village_code"), rs.getString("group_code"),
                rs.getObject("grid_id", Long.class), rs.getObject("household_id", Long.class), rs.getString("subject_type"),
                rs.getLong("subject_id"), rs.getString("subject_label"), rs.getLong("scheme_id"), rs.getLong("item_id"),
                rs.getString("category"), rs.getString("item_name"), rs.getLong("points"), rs.getBoolean("veto"),
                rs.getObject("occurred_on", LocalDate.class), rs.getString("period_month"), rs.getString("source"),
                rs.getString("organisation"), rs.getString("description"), rs.getString("evidence_text"),
                refs == null ? List.of() : Arrays.asList(refs.split(",")), rs.getString("status"), rs.getString("recorded_by_name"),
                rs.getObject("recorded_at", LocalDateTime.class), rs.getString("verified_by_name"),
                rs.getObject("verified_at", LocalDateTime.class), rs.getString("reviewed_by_name"),
                rs.getObject("reviewed_at", LocalDateTime.class), rs.getString("rejected_reason"), rs.getObject("notice_id", Long.class),
                rs.getObject("credited_at", LocalDateTime.class), rs.getObject("reversed_at", LocalDateTime.class),
                rs.getString("reversal_reason"));
    }

    private static Rectification mapRectification(ResultSet rs, int i) throws SQLException {
        return new Rectification(rs.getLong("id"), rs.getLong("event_id"), rs.getString("village_code"), rs.getObject("household_id", Long.class),
                rs.getString("subject_label"), rs.getString("item_name"), rs.getLong("points"), rs.getObject("issued_at", LocalDateTime.class),
                rs.getObject("deadline", LocalDateTime.class), rs.getString("status"), rs.getObject("closed_at", LocalDateTime.class),
                rs.getString("closed_by_name"), rs.getString("note"));
    }
}
