package org.shanzhi.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.shanzhi.cases.Case;
import org.shanzhi.cases.CaseKind;
import org.shanzhi.cases.CaseLevel;
import org.shanzhi.cases.CaseLogEntry;
import org.shanzhi.cases.CaseStatus;
import org.shanzhi.cases.Channel;
import org.shanzhi.cases.Light;
import org.shanzhi.cases.Rating;
import org.shanzhi.common.Ids;
import org.shanzhi.common.Masking;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the cases table and its append-only log. Column names come from code only, never from input. */
@Repository
public class CaseStore {

    public static final String SELECT = """
            select c.*, k.name as category_name from cases c
            left join case_categories k on k.county_code = c.county_code and k.code = c.category_code
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final CaseSettings settings;

    CaseStore(JdbcClient jdbc, JdbcTemplate batch, CaseSettings settings) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.settings = settings;
    }

    /** The county's cases of {@code ids} (those that exist), in no particular order. */
    public List<Case> findAll(String county, Collection<Long> ids, LocalDateTime now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where c.county_code = :county and c.id in (:ids)").param("county", county).param("ids", ids)
                .query((rs, i) -> map(rs, now)).list();
    }

    /**
     * The same step for many cases in one JDBC batch: each row sets {@code columns} and claims its case by version as
     * {@link #update} does. {@code rows} hold per case the column values, then the id and the expected version.
     * Returns per row the number of cases changed: 0 means someone else got there first.
     */
    public int[] updateAll(String county, List<String> columns, List<Object[]> rows, LocalDateTime now) {
        StringBuilder sql = new StringBuilder("update cases set ");
        columns.forEach(c -> sql.append(c).append(" = ?, "));
        sql.append("version = version + 1, updated_at = ? where county_code = ? and id = ? and version = ?");
        List<Object[]> args = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Object[] a = new Object[r.length + 2];
            System.arraycopy(r, 0, a, 0, columns.size());
            a[columns.size()] = now;
            a[columns.size() + 1] = county;
            a[columns.size() + 2] = r[columns.size()];
            a[columns.size() + 3] = r[columns.size() + 1];
            args.add(a);
        }
        return batch.batchUpdate(sql.toString(), args);
    }

    /** Log rows in one JDBC batch; each row as {@link #log(String, long, int, LocalDateTime, Long, String, String, CaseStatus, CaseStatus, CaseLevel, String)}. */
    public void logAll(String county, List<CaseLogRow> rows) {
        List<Object[]> args = new ArrayList<>(rows.size());
        for (CaseLogRow r : rows) {
            args.add(new Object[] {county, Ids.next(), r.caseId(), r.seq(), r.at(), r.actorId(), r.actorName(), r.action(),
                    r.from() == null ? null : r.from().name(), r.to().name(), r.level().name(), r.note()});
        }
        batch.batchUpdate("""
                insert into case_log (county_code, id, case_id, seq, at, actor_id, actor_name, action, from_status, to_status, level, note)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", args);
    }

    public record CaseLogRow(long caseId, int seq, LocalDateTime at, Long actorId, String actorName, String action,
            CaseStatus from, CaseStatus to, CaseLevel level, String note) {
    }

    public Optional<Case> find(String county, long id, LocalDateTime now) {
        return jdbc.sql(SELECT + " where c.county_code = ? and c.id = ?").params(county, id)
                .query((rs, i) -> map(rs, now)).optional();
    }

    public void insert(Map<String, Object> columns) {
        String names = String.join(", ", columns.keySet());
        String marks = columns.keySet().stream().map(k -> ":" + k).collect(Collectors.joining(", "));
        jdbc.sql("insert into cases (" + names + ") values (" + marks + ")").params(columns).update();
    }

    /**
     * Applies a step: the conditional UPDATE claims the case only if nobody changed it since it was read
     * (same version). Returns the number of rows changed: 0 means someone else got there first.
     */
    public int update(String county, long id, int expectedVersion, Map<String, Object> sets, LocalDateTime now) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("update cases set ");
        sets.forEach((column, value) -> {
            sql.append(column).append(" = :").append(column).append(", ");
            params.put(column, value);
        });
        sql.append("version = version + 1, updated_at = :updatedAt where county_code = :county and id = :id and version = :version");
        params.put("updatedAt", now);
        params.put("county", county);
        params.put("id", id);
        params.put("version", expectedVersion);
        return jdbc.sql(sql.toString()).params(params).update();
    }

    public void log(String county, long caseId, int seq, LocalDateTime at, Long actorId, String actorName, String action,
            CaseStatus from, CaseStatus to, CaseLevel level, String note) {
        jdbc.sql("""
                insert into case_log (county_code, id, case_id, seq, at, actor_id, actor_name, action, from_status, to_status, level, note)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(county, Ids.next(), caseId, seq, at, actorId, actorName, action, from == null ? null : from.name(),
                        to.name(), level.name(), note)
                .update();
    }

    public List<CaseLogEntry> log(String county, long caseId) {
        return jdbc.sql("select * from case_log where county_code = ? and case_id = ? order by seq").params(county, caseId)
                .query((rs, i) -> new CaseLogEntry(rs.getLong("id"), rs.getLong("case_id"), rs.getInt("seq"),
                        rs.getObject("at", LocalDateTime.class), rs.getObject("actor_id", Long.class), rs.getString("actor_name"),
                        rs.getString("action"), rs.getString("from_status") == null ? null : CaseStatus.valueOf(rs.getString("from_status")),
                        CaseStatus.valueOf(rs.getString("to_status")), CaseLevel.valueOf(rs.getString("level")), rs.getString("note")))
                .list();
    }

    /** The light of a case at {@code now}: live while the level's clock runs, else whether it ever ran over. */
    public static Light light(CaseStatus status, boolean overdue, LocalDateTime levelStartedAt, LocalDateTime dueAt,
            LocalDateTime now, double yellowShare) {
        if (status.timed() && dueAt != null) {
            if (!now.isBefore(dueAt)) {
                return Light.RED;
            }
            long limit = Duration.between(levelStartedAt, dueAt).toSeconds();
            long used = Duration.between(levelStartedAt, now).toSeconds();
            return limit > 0 && used >= yellowShare * limit ? Light.YELLOW : Light.GREEN;
        }
        return overdue ? Light.RED : Light.GREEN;
    }

    public Case map(ResultSet rs, LocalDateTime now) throws SQLException {
        CaseStatus status = CaseStatus.valueOf(rs.getString("status"));
        boolean overdue = rs.getBoolean("overdue");
        LocalDateTime started = rs.getObject("level_started_at", LocalDateTime.class);
        LocalDateTime due = rs.getObject("due_at", LocalDateTime.class);
        String rating = rs.getString("rating");
        return new Case(rs.getLong("id"), rs.getString("county_code"), CaseKind.valueOf(rs.getString("kind")),
                rs.getString("category_code"), rs.getString("category_name"), rs.getString("title"), rs.getString("description"),
                Channel.valueOf(rs.getString("channel")), status, CaseLevel.valueOf(rs.getString("level")),
                rs.getString("village_code"), rs.getString("group_code"), rs.getObject("grid_id", Long.class),
                rs.getObject("household_id", Long.class), rs.getString("address"), rs.getBigDecimal("lat"), rs.getBigDecimal("lon"),
                rs.getString("media_url"), rs.getBoolean("urgent"), rs.getObject("reporter_account_id", Long.class),
                rs.getString("reporter_name"), Masking.phone(rs.getString("reporter_phone")),
                rs.getObject("handler_account_id", Long.class), rs.getString("handler_name"), rs.getString("handler_department"),
                rs.getObject("volunteer_household_id", Long.class), rs.getObject("reported_at", LocalDateTime.class),
                rs.getObject("response_due_at", LocalDateTime.class), rs.getObject("responded_at", LocalDateTime.class),
                rs.getObject("accepted_at", LocalDateTime.class), started, due, rs.getObject("handled_at", LocalDateTime.class),
                rs.getObject("feedback_at", LocalDateTime.class), rating == null ? null : Rating.valueOf(rating),
                rs.getObject("rated_at", LocalDateTime.class), rs.getObject("closed_at", LocalDateTime.class), overdue,
                rs.getInt("escalations"), rs.getInt("reopen_count"), rs.getInt("version"),
                rs.getObject("updated_at", LocalDateTime.class),
                light(status, overdue, started, due, now, settings.yellowShare()));
    }
}
