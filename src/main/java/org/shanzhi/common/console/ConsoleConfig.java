package org.shanzhi.common.console;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Console language: zh-CN unless the user picked English with {@code ?lang=en} (kept in a cookie). */
@Configuration
public class ConsoleConfig implements WebMvcConfigurer {

    public static final Locale DEFAULT = Locale.SIMPLIFIED_CHINESE;

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver r = new CookieLocaleResolver("shanzhi-lang");
        r.setDefaultLocale(DEFAULT);
        r.setCookieMaxAge(Duration.ofDays(365));
        // a browser's Accept-Language must not turn the console English: Chinese first
        r.setDefaultLocaleFunction(request -> DEFAULT);
        return r;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        lang.setIgnoreInvalidLocale(true);
        registry.addInterceptor(lang).excludePathPatterns("/api/**", "/open311/**");
    }
}
