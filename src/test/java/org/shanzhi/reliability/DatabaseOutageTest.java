package org.shanzhi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.DatabaseOutageFilter;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The outage path in one process; the real stop-the-database run is reliability/outage.sh. */
class DatabaseOutageTest {

    @Test
    void aLostDatabaseAnywhereInTheChainAnswers503ProblemJson() throws Exception {
        MockHttpServletRequest req = new MockHttpServletRequest("POST", "/api/v1/households");
        MockHttpServletResponse res = new MockHttpServletResponse();
        new DatabaseOutageFilter().doFilter(req, res, (rq, rs) -> {
            throw new ServletException(new CannotGetJdbcConnectionException("Connection is not available",
                    new java.sql.SQLTransientConnectionException("timeout")));
        });
        assertThat(res.getStatus()).isEqualTo(503);
        assertThat(res.getHeader("Retry-After")).isEqualTo("5");
        assertThat(res.getContentType()).contains("problem+json");
        assertThat(res.getContentAsString()).contains("数据库暂时不可用");
    }

    @Test
    void otherFailuresAreNotDisguisedAsOutages() {
        MockHttpServletResponse res = new MockHttpServletResponse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DatabaseOutageFilter().doFilter(
                new MockHttpServletRequest("GET", "/x"), res, (rq, rs) -> {
                    throw new IllegalStateException("bug");
                })).isInstanceOf(IllegalStateException.class);
    }
}
