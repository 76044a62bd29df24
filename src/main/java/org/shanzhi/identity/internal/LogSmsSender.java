package org.shanzhi.identity.internal;

import org.shanzhi.common.Masking;
import org.shanzhi.identity.SmsSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.stereotype.Component;

/** Default {@link SmsSender}: writes the code to the log (phone masked). Replace with a gateway bean. */
@Component
@ConditionalOnMissingBean(value = SmsSender.class, ignored = LogSmsSender.class)
class LogSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(LogSmsSender.class);

    @Override
    public void send(String phone, String code) {
        log.info("SMS login code for {}: {}", Masking.phone(phone), code);
    }
}
