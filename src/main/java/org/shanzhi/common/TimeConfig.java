package org.shanzhi.common;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Periods and deadlines follow Asia/Shanghai; tests replace the clock. */
@Configuration
public class TimeConfig {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(ZONE);
    }
}
