package org.shanzhi.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import org.shanzhi.common.TimeConfig;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on the test database (H2 in memory, or PostgreSQL when SHANZHI_DB_URL is set),
 * with the demo county loaded and a clock tests can move. One context is shared by all such tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles(resolver = TestProfiles.class)
@Import(IntegrationTest.ClockConfig.class)
public @interface IntegrationTest {

    @TestConfiguration
    class ClockConfig {
        @Bean
        @Primary
        MutableClock testClock() {
            // a fixed start: 2026-03-03 09:00 in Asia/Shanghai (a Tuesday)
            return new MutableClock(Instant.parse("2026-03-03T01:00:00Z"), TimeConfig.ZONE);
        }

        @Bean
        Clock clock(MutableClock c) {
            return c;
        }
    }
}
