package org.shanzhi.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * Bulk writes through PostgreSQL's {@code COPY ... FROM STDIN} (text format) on the connection of the current
 * transaction, so a file refused later still changes nothing. Only in the single-database PostgreSQL mode: H2 and
 * the sharded engine (its connection is not a pgjdbc connection; it cannot route COPY) keep batched INSERTs, as does
 * {@code shanzhi.bulk-copy=false}. Callers check {@link #available()} inside their transaction and fall back.
 */
@Component
public class BulkCopy {

    private static final int FLUSH_CHARS = 1 << 16;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final DataSource dataSource;
    private final boolean enabled;
    private final SQLExceptionTranslator translator;
    private volatile Boolean direct;

    BulkCopy(DataSource dataSource, @Value("${shanzhi.bulk-copy:true}") boolean enabled) {
        this.dataSource = dataSource;
        this.enabled = enabled;
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }

    /** Whether COPY can be used (single-database PostgreSQL, not switched off); write inside a transaction. */
    public boolean available() {
        return enabled && directPostgres();
    }

    /**
     * Whether the pooled connection is pgjdbc's own: single-database PostgreSQL, not H2 and not the sharded engine,
     * whose parsers take only the common SQL. Asked once; the data source does not change.
     */
    public boolean directPostgres() {
        Boolean known = direct;
        if (known == null) {
            Connection c = DataSourceUtils.getConnection(dataSource);
            try {
                known = c.isWrapperFor(PGConnection.class);
            } catch (SQLException e) {
                known = false;
            } finally {
                DataSourceUtils.releaseConnection(c, dataSource);
            }
            direct = known;
        }
        return known;
    }

    /** Starts {@code COPY table (columns) FROM STDIN} in the current transaction; add rows, then {@link Rows#finish()}. */
    public Rows open(String table, String... columns) {
        String sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            return new Rows(sql, c, in, columns.length);
        } catch (SQLException e) {
            DataSourceUtils.releaseConnection(c, dataSource);
            throw translate(sql, e);
        }
    }

    /** Copies rows already encoded in COPY's text format (as {@link Rows#encode} writes them) from a stream. */
    public long copy(InputStream encoded, String table, String... columns) {
        String sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, encoded, FLUSH_CHARS);
        } catch (SQLException e) {
            throw translate(sql, e);
        } catch (IOException e) {
            throw new IllegalStateException("COPY input unreadable", e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    private DataAccessException translate(String sql, SQLException e) {
        DataAccessException d = translator.translate("COPY", sql, e);
        return d != null ? d : new org.springframework.jdbc.UncategorizedSQLException("COPY", sql, e);
    }

    /** Appends one row in COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    public static void encode(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
            } else if (v instanceof String s) {
                escape(out, s);
            } else if (v instanceof Long || v instanceof Integer) {
                out.append(v);
            } else if (v instanceof LocalDateTime t) {
                out.append(TIMESTAMP.format(t));
            } else if (v instanceof LocalDate d) {
                out.append(d);
            } else if (v instanceof Boolean b) {
                out.append(b ? 't' : 'f');
            } else {
                escape(out, v.toString());
            }
        }
        out.append('\n');
    }

    private static void escape(StringBuilder out, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0x0B -> out.append("\\v");
                default -> out.append(ch);
            }
        }
    }

    /** An open COPY: rows are encoded into a buffer and sent 64 K characters at a time. */
    public final class Rows implements AutoCloseable {

        private final String sql;
        private final Connection connection;
        private final CopyIn in;
        private final int columns;
        private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4096);
        private long rows;
        private boolean done;

        private Rows(String sql, Connection connection, CopyIn in, int columns) {
            this.sql = sql;
            this.connection = connection;
            this.in = in;
            this.columns = columns;
        }

        public void add(Object... values) {
            if (values.length != columns) {
                throw new IllegalArgumentException("COPY row has " + values.length + " values, expected " + columns);
            }
            encode(buffer, values);
            rows++;
            if (buffer.length() >= FLUSH_CHARS) {
                flush();
            }
        }

        private void flush() {
            if (buffer.isEmpty()) {
                return;
            }
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            try {
                in.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw fail(e);
            }
        }

        /** Sends what is left and ends the COPY; returns the rows the database took. */
        public long finish() {
            flush();
            long n;
            try {
                n = in.endCopy();
            } catch (SQLException e) {
                throw fail(e);
            }
            done = true;
            DataSourceUtils.releaseConnection(connection, dataSource);
            return n;
        }

        public long rows() {
            return rows;
        }

        private DataAccessException fail(SQLException e) {
            close();
            return translate(sql, e);
        }

        /** Cancels an unfinished COPY (the transaction then rolls back). */
        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            try {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            } catch (SQLException e) {
                // the transaction is rolled back by the caller's failure anyway
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }
}
