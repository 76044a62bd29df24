package org.shanzhi.disclosure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.InvalidInputException.FieldError;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.disclosure.internal.DisclosurePolicy;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The disclosure module's API: publish a notice, object to it, answer an objection, close notices whose window
 * has passed. Any module publishes through {@link #publish} and learns the outcome from {@link NoticeClosed}.
 */
@Service
public class NoticeBoard {

    public static final int DEFAULT_WINDOW_DAYS = 7;
    public static final int MAX_WINDOW_DAYS = 90;
    private static final Logger log = LoggerFactory.getLogger(NoticeBoard.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;

    NoticeBoard(JdbcClient jdbc, JdbcTemplate batch, Territory territory, ApplicationEventPublisher events, Clock clock,
            TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.territory = territory;
        this.events = events;
        this.clock = clock;
        this.tx = tx;
    }

    // ---- publishing ------------------------------------------------------------------------------

    /** Publishes a notice; returns its id. The window runs from publication for {@code windowDays} (default 7). */
    @Transactional
    public long publish(NewNotice cmd) {
        List<FieldError> errors = new ArrayList<>();
        Division village = cmd.villageCode() == null ? null : territory.find(cmd.villageCode()).orElse(null);
        if (village == null || village.level() != Level.VILLAGE) {
            errors.add(new FieldError("villageCode", "行政村不存在 / no such village"));
        }
        if (cmd.kind() == null || !cmd.kind().matches("[A-Z_]{1,30}")) {
            errors.add(new FieldError("kind", "类别应为大写英文字母 / kind must be A-Z or _, at most 30"));
        }
        if (cmd.title() == null || cmd.title().isBlank() || cmd.title().length() > 200) {
            errors.add(new FieldError("title", "标题必填,最多 200 字 / title is required, at most 200 characters"));
        }
        if (cmd.body() != null && cmd.body().length() > 4000) {
            errors.add(new FieldError("body", "正文最多 4000 字 / body is at most 4000 characters"));
        }
        int days = cmd.windowDays() == null ? DEFAULT_WINDOW_DAYS : cmd.windowDays();
        if (days < 1 || days > MAX_WINDOW_DAYS) {
            errors.add(new FieldError("windowDays", "公示期应为 1 到 " + MAX_WINDOW_DAYS + " 天 / window must be 1.." + MAX_WINDOW_DAYS + " days"));
        }
        List<NoticeItem> items = cmd.items() == null ? List.of() : cmd.items();
        Set<String> refs = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            NoticeItem it = items.get(i);
            if (it == null || it.ref() == null || it.ref().isBlank() || it.ref().length() > 60 || !refs.add(it.ref())) {
                errors.add(new FieldError("items[" + i + "].ref", "条目编号必填且不能重复 / item ref is required and unique"));
            } else if (it.subject() == null || it.subject().isBlank() || it.subject().length() > 200
                    || it.content() == null || it.content().isBlank() || it.content().length() > 500) {
                errors.add(new FieldError("items[" + i + "]", "条目对象和内容必填 / item subject and content are required"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String county = Level.countyOf(cmd.villageCode());
        Actor a = DisclosurePolicy.requirePublisher(county, cmd.villageCode());
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime published = now;
        if (cmd.publishedAt() != null) {
            if (!"SYSTEM".equals(a.role())) {
                throw new ForbiddenException("只有系统可以补登历史公示 / only the system dates a notice back");
            }
            published = cmd.publishedAt().truncatedTo(ChronoUnit.SECONDS);
        }
        long id = Ids.next();
        jdbc.sql("""
                insert into notices (county_code, id, village_code, kind, source_type, source_id, title, body, window_days,
                                     published_at, window_end, status, published_by, published_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)""")
                .params(county, id, cmd.villageCode(), cmd.kind(), cmd.sourceType(), cmd.sourceId(), cmd.title().trim(),
                        cmd.body(), days, published, published.plusDays(days), a.accountId(), a.displayName(), now)
                .update();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            NoticeItem it = items.get(i);
            rows.add(new Object[] {county, id, i, it.ref(), it.subject().trim(), it.content().trim()});
        }
        if (!rows.isEmpty()) {
            batch.batchUpdate("insert into notice_items (county_code, notice_id, \"position\", item_ref, subject, content) values (?, ?, ?, ?, ?, ?)", rows);
        }
        events.publishEvent(new Audited(county, "notice.published", "notice", String.valueOf(id), null, null,
                "title=" + cmd.title().trim() + ", items=" + items.size() + ", days=" + days));
        return id;
    }

    // ---- reading ---------------------------------------------------------------------------------

    public Notice notice(long id) {
        Row r = row(ScopeGuard.actor().countyCode(), id).orElseThrow(() -> new NotFoundException("公示不存在 / no such notice"));
        DisclosurePolicy.requireRead(r.county, r.village);
        List<NoticeItem> items = jdbc.sql("select item_ref, subject, content from notice_items where county_code = ? and notice_id = ? order by \"position\"")
                .params(r.county, id).query((rs, i) -> new NoticeItem(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        List<Objection> objections = jdbc.sql("select * from notice_objections where county_code = ? and notice_id = ? order by created_at, id")
                .params(r.county, id).query(NoticeBoard::mapObjection).list();
        String villageName = territory.find(r.village).map(Division::name).orElse(r.village);
        return new Notice(id, r.county, r.village, villageName, r.kind, r.sourceType, r.sourceId, r.title, r.body, r.days,
                r.publishedAt, r.windowEnd, r.status, r.closedAt, r.publishedBy, items, objections);
    }

    /** Notices of a village or of every village under a node, newest first. */
    public Page<NoticeSummary> list(String division, String status, int page, int size) {
        Page.check(page, size);
        Actor a = ScopeGuard.actor();
        String code = ScopeGuard.narrow(division);
        if (!DisclosurePolicy.mayRead(a, Level.countyOf(code), code.length() > 12 ? code.substring(0, 12) : code)) {
            throw new NotFoundException("未找到 / not found");
        }
        StringBuilder where = new StringBuilder(" where n.county_code = :county and n.village_code like :prefix");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("county", a.countyCode());
        p.put("prefix", (code.length() > 12 ? code.substring(0, 12) : code) + "%");
        if (status != null && !status.isBlank()) {
            if (!Set.of(Notice.OPEN, Notice.CLOSED).contains(status)) {
                throw new InvalidInputException("status", "状态应为 OPEN 或 CLOSED / status must be OPEN or CLOSED");
            }
            where.append(" and n.status = :status");
            p.put("status", status);
        }
        long total = jdbc.sql("select count(*) from notices n" + where).params(p).query(Long.class).single();
        List<NoticeSummary> items = jdbc.sql("""
                select n.id, n.village_code, n.kind, n.title, n.published_at, n.window_end, n.status,
                       (select count(*) from notice_items i where i.county_code = n.county_code and i.notice_id = n.id) as item_count,
                       (select count(*) from notice_objections o where o.county_code = n.county_code and o.notice_id = n.id
                           and o.status = 'PENDING') as pending
                from notices n""" + where + " order by n.published_at desc, n.id desc limit :limit offset :offset")
                .params(p).param("limit", size).param("offset", (long) page * size)
                .query((rs, i) -> new NoticeSummary(rs.getLong("id"), rs.getString("village_code"), rs.getString("kind"),
                        rs.getString("title"), rs.getObject("published_at", LocalDateTime.class),
                        rs.getObject("window_end", LocalDateTime.class), rs.getString("status"), rs.getInt("item_count"),
                        rs.getInt("pending")))
                .list();
        return new Page<>(items, page, size, total);
    }

    // ---- objections ------------------------------------------------------------------------------

    /** A villager of the village objects to one item (or to the whole notice when it has no items). */
    @Transactional
    public Objection object(long noticeId, String itemRef, String reason) {
        Row r = row(ScopeGuard.actor().countyCode(), noticeId).orElseThrow(() -> new NotFoundException("公示不存在 / no such notice"));
        Actor a = DisclosurePolicy.requireObjector(r.county, r.village);
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidInputException("reason", "请填写异议理由,最多 1000 字 / a reason is required, at most 1000 characters");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        if (!Notice.OPEN.equals(r.status) || !now.isBefore(r.windowEnd)) {
            throw new ConflictException("noticeId", "公示期已过,不能再提出异议 / the notice window has passed");
        }
        long items = jdbc.sql("select count(*) from notice_items where county_code = ? and notice_id = ?").params(r.county, noticeId)
                .query(Long.class).single();
        String ref = itemRef == null || itemRef.isBlank() ? null : itemRef.trim();
        if (items > 0) {
            if (ref == null || jdbc.sql("select count(*) from notice_items where county_code = ? and notice_id = ? and item_ref = ?")
                    .params(r.county, noticeId, ref).query(Long.class).single() == 0) {
                throw new InvalidInputException("itemRef", "请选择要提出异议的条目 / choose the item you object to");
            }
        } else if (ref != null) {
            throw new InvalidInputException("itemRef", "该公示没有条目 / this notice has no items");
        }
        long same = jdbc.sql("""
                select count(*) from notice_objections where county_code = ? and notice_id = ? and objector_id = ?
                and status = 'PENDING' and coalesce(item_ref, '') = ?""")
                .params(r.county, noticeId, a.accountId(), ref == null ? "" : ref).query(Long.class).single();
        if (same > 0) {
            throw new ConflictException("itemRef", "您对该条目的异议正在处理 / your objection to this item is pending");
        }
        long id = Ids.next();
        jdbc.sql("""
                insert into notice_objections (county_code, id, notice_id, item_ref, objector_id, objector_name, reason, created_at, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')""")
                .params(r.county, id, noticeId, ref, a.accountId(), a.displayName(), reason.trim(), now).update();
        events.publishEvent(new Audited(r.county, "notice.objected", "notice", String.valueOf(noticeId), null, null,
                "objection=" + id + ", item=" + ref));
        return objection(r.county, id);
    }

    /**
     * A cadre answers an objection: upheld (the item does not stand) or dismissed. When the window has already
     * passed and this was the last pending objection, the notice closes now.
     */
    @Transactional
    public Objection answer(long noticeId, long objectionId, boolean upheld, String answer) {
        Row r = row(ScopeGuard.actor().countyCode(), noticeId).orElseThrow(() -> new NotFoundException("公示不存在 / no such notice"));
        Actor a = DisclosurePolicy.requireAnswerer(r.county, r.village);
        if (answer == null || answer.isBlank() || answer.length() > 1000) {
            throw new InvalidInputException("answer", "请填写答复内容,最多 1000 字 / an answer is required, at most 1000 characters");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        int n = jdbc.sql("""
                update notice_objections set status = ?, answer = ?, answered_by = ?, answered_by_name = ?, answered_at = ?
                where county_code = ? and id = ? and notice_id = ? and status = 'PENDING'""")
                .params(upheld ? Objection.UPHELD : Objection.DISMISSED, answer.trim(), a.accountId(), a.displayName(), now,
                        r.county, objectionId, noticeId)
                .update();
        if (n == 0) {
            objection(r.county, objectionId); // 404 when it does not exist
            throw new ConflictException("objectionId", "该异议已答复 / this objection is already answered");
        }
        events.publishEvent(new Audited(r.county, "notice.answered", "notice", String.valueOf(noticeId), null, null,
                "objection=" + objectionId + ", " + (upheld ? Objection.UPHELD : Objection.DISMISSED)));
        if (!now.isBefore(r.windowEnd)) {
            closeOne(r.county, noticeId, now);
        }
        return objection(r.county, objectionId);
    }

    // ---- closing ---------------------------------------------------------------------------------

    /**
     * Closes every notice whose window has passed and which has no pending objection. Safe to run on several
     * nodes at once: each notice is closed by a conditional update in its own transaction, and only the
     * transaction that changed the row publishes {@link NoticeClosed}. Returns how many this call closed.
     */
    public int closeDue(LocalDateTime now) {
        List<Object[]> due = jdbc.sql("select county_code, id from notices where status = 'OPEN' and window_end <= ? order by window_end")
                .param(now).query((rs, i) -> new Object[] {rs.getString(1), rs.getLong(2)}).list();
        int closed = 0;
        for (Object[] d : due) {
            String county = (String) d[0];
            long id = (long) d[1];
            try {
                Boolean done = ScopeGuard.asSystem(county, () -> tx.execute(s -> closeOne(county, id, now)));
                if (Boolean.TRUE.equals(done)) {
                    closed++;
                }
            } catch (RuntimeException e) {
                // one notice whose listener fails must not hold up the others; it is retried on the next run
                log.error("closing notice {} failed", id, e);
            }
        }
        return closed;
    }

    private boolean closeOne(String county, long id, LocalDateTime now) {
        int n = jdbc.sql("""
                update notices set status = 'CLOSED', closed_at = ?
                where county_code = ? and id = ? and status = 'OPEN' and window_end <= ?
                and not exists (select 1 from notice_objections o where o.county_code = ? and o.notice_id = ? and o.status = 'PENDING')""")
                .params(now, county, id, now, county, id).update();
        if (n == 0) {
            return false;
        }
        Row r = row(county, id).orElseThrow();
        List<String> refs = jdbc.sql("select item_ref from notice_items where county_code = ? and notice_id = ? order by \"position\"")
                .params(county, id).query(String.class).list();
        List<String> upheldRefs = jdbc.sql("select coalesce(item_ref, '*') from notice_objections where county_code = ? and notice_id = ? and status = 'UPHELD'")
                .params(county, id).query(String.class).list();
        Set<String> upheld = upheldRefs.contains("*") ? new HashSet<>(refs) : new HashSet<>(upheldRefs);
        events.publishEvent(new NoticeClosed(county, id, r.village, r.kind, r.sourceType, r.sourceId, List.copyOf(refs),
                Set.copyOf(upheld), now));
        events.publishEvent(new Audited(county, "notice.closed", "notice", String.valueOf(id), null, null,
                "items=" + refs.size() + ", upheld=" + upheld.size()));
        return true;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private record Row(String county, String village, String kind, String sourceType, String sourceId, String title, String body,
            int days, LocalDateTime publishedAt, LocalDateTime windowEnd, String status, LocalDateTime closedAt, String publishedBy) {
    }

    /** A notice of the caller's county (by the county, so that a sharded database reads one shard); another county's is absent. */
    private java.util.Optional<Row> row(String county, long id) {
        if (county == null) {
            return java.util.Optional.empty();
        }
        return jdbc.sql("select * from notices where county_code = ? and id = ?").params(county, id)
                .query((rs, i) -> new Row(rs.getString("county_code"), rs.getString("village_code"), rs.getString("kind"),
                        rs.getString("source_type"), rs.getString("source_id"), rs.getString("title"), rs.getString("body"),
                        rs.getInt("window_days"), rs.getObject("published_at", LocalDateTime.class),
                        rs.getObject("window_end", LocalDateTime.class), rs.getString("status"),
                        rs.getObject("closed_at", LocalDateTime.class), rs.getString("published_by_name")))
                .optional();
    }

    private Objection objection(String county, long id) {
        return jdbc.sql("select * from notice_objections where county_code = ? and id = ?").params(county, id)
                .query(NoticeBoard::mapObjection).optional()
                .orElseThrow(() -> new NotFoundException("异议不存在 / no such objection"));
    }

    private static Objection mapObjection(ResultSet rs, int i) throws SQLException {
        return new Objection(rs.getLong("id"), rs.getLong("notice_id"), rs.getString("item_ref"),
                DisclosurePolicy.maskName(rs.getString("objector_name")), rs.getString("reason"),
                rs.getObject("created_at", LocalDateTime.class), rs.getString("status"), rs.getString("answer"),
                rs.getString("answered_by_name"), rs.getObject("answered_at", LocalDateTime.class));
    }
}
