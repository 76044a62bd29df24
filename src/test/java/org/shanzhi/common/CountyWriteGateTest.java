package org.shanzhi.common;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** While move-county switches a county, its writes answer 503 with Retry-After; reads and other counties go on. */
class CountyWriteGateTest {

    final AtomicInteger passed = new AtomicInteger();
    final FilterChain chain = (req, res) -> passed.incrementAndGet();

    private MockHttpServletResponse call(CountyWriteGate gate, String county, String method) {
        MockHttpServletRequest req = new MockHttpServletRequest(method, "/api/v1/points/declarations");
        MockHttpServletResponse res = new MockHttpServletResponse();
        ScopeGuard.asSystem(county, () -> {
            try {
                gate.doFilter(req, res, chain);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        return res;
    }

    @Test
    void aMovingCountysWritesWaitWhileItsReadsAndOtherCountiesGoOn() throws Exception {
        ReadOnlyCounties moving = county -> county.equals("469027");
        CountyWriteGate gate = new CountyWriteGate(new StaticListableBeanFactory(Map.of("moving", moving)).getBeanProvider(ReadOnlyCounties.class));

        MockHttpServletResponse refused = call(gate, "469027", "POST");
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("迁移").contains("read-only");
        assertThat(passed).hasValue(0);

        assertThat(call(gate, "469027", "GET").getStatus()).isEqualTo(200);
        assertThat(call(gate, "469030", "POST").getStatus()).isEqualTo(200);
        assertThat(call(gate, "469030", "DELETE").getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(3);
    }

    @Test
    void theSingleDatabaseModeHasNoGate() {
        CountyWriteGate gate = new CountyWriteGate(new StaticListableBeanFactory().getBeanProvider(ReadOnlyCounties.class));
        assertThat(call(gate, "469027", "POST").getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(1);
    }
}
