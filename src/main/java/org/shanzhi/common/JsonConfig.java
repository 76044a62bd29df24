package org.shanzhi.common;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Text never carries NUL: PostgreSQL refuses it in text columns, so a body with one is the caller's mistake, a
 * 400 naming the field (not a 500 from the database, and not a value H2 would store and PostgreSQL would not).
 * <p>
 * Ids are 64-bit and exceed JavaScript's exact integers (2^53), so such numbers travel as JSON strings;
 * small numbers (counts, points) stay numbers. Jackson reads either form back into a long.
 */
@Configuration
@OpenAPIDefinition(info = @Info(title = "Shanzhi 善治 API", version = "v1",
        description = "数字乡村治理平台 / digital village governance. Errors are RFC 9457 problem+json naming the field."))
public class JsonConfig {

    private static final long MAX_SAFE = (1L << 53) - 1;

    @Bean
    SimpleModule bigNumbersAsStrings() {
        StdSerializer<Long> s = new StdSerializer<>(Long.class) {
            @Override
            public void serialize(Long value, JsonGenerator gen, SerializationContext ctx) {
                if (value > MAX_SAFE || value < -MAX_SAFE) {
                    gen.writeString(value.toString());
                } else {
                    gen.writeNumber(value);
                }
            }
        };
        SimpleModule module = new SimpleModule("big-numbers-as-strings");
        module.addSerializer(Long.class, s);
        module.addSerializer(Long.TYPE, s);
        module.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctx) {
                String value = super.deserialize(p, ctx);
                if (value != null && value.indexOf('\u0000') >= 0) {
                    return (String) ctx.handleWeirdStringValue(String.class, value, "含有空字符 / contains a NUL character");
                }
                return value;
            }
        });
        return module;
    }
}
