package org.shanzhi.common.console;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Formatting helpers for templates ({@code ${@fmt.date(d)}}): dates in the user's language, the half of a
 * bilingual "中文 / English" message that fits it, and links that keep the current query.
 */
@Component("fmt")
public class Fmt {

    private final MessageSource messages;

    Fmt(MessageSource messages) {
        this.messages = messages;
    }

    public boolean english() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage());
    }

    /** yyyy年M月d日 in Chinese, yyyy-MM-dd in English (patterns live in the messages). */
    public String date(LocalDate d) {
        return d == null ? "" : d.format(pattern("format.date"));
    }

    public String dateTime(LocalDateTime t) {
        return t == null ? "" : t.format(pattern("format.dateTime"));
    }

    /** Service messages are "中文 / English": show the user's half. */
    public String text(String bilingual) {
        if (bilingual == null) {
            return "";
        }
        int cut = bilingual.indexOf(" / ");
        if (cut < 0) {
            return bilingual;
        }
        return english() ? bilingual.substring(cut + 3) : bilingual.substring(0, cut);
    }

    /**
     * A refused form's messages by field, in the user's language, to show beside each field; "_" holds what
     * belongs to no field (a forbidden action, a conflict without a field).
     */
    public Map<String, String> errors(RuntimeException e) {
        Map<String, String> m = new LinkedHashMap<>();
        if (e instanceof InvalidInputException invalid) {
            invalid.errors().forEach(f -> m.merge(f.field(), text(f.message()), (a, b) -> a + "; " + b));
        } else if (e instanceof ConflictException c && c.field() != null) {
            m.put(c.field(), text(c.getMessage()));
        } else {
            m.put("_", text(e.getMessage()));
        }
        return m;
    }

    /** The current list with another page number, every other filter kept. */
    public String pageUrl(int page) {
        return current(true).replaceQueryParam("page", page).build().toUriString();
    }

    /** The current page in another language (a POST answer switches on its path). */
    public String langUrl(String lang) {
        return current("GET".equals(request().getMethod())).replaceQueryParam("lang", lang).build().toUriString();
    }

    /** Whether the current path is this navigation item's (for highlighting it). */
    public boolean active(String prefix) {
        String path = request().getRequestURI().substring(request().getContextPath().length());
        return "/".equals(prefix) ? "/".equals(path) : path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** A relative link to the current path (and query): no host, so it works behind a proxy. */
    private static UriComponentsBuilder current(boolean withQuery) {
        HttpServletRequest req = request();
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(req.getRequestURI());
        return withQuery && req.getQueryString() != null ? b.query(req.getQueryString()) : b;
    }

    private DateTimeFormatter pattern(String key) {
        Locale locale = LocaleContextHolder.getLocale();
        return DateTimeFormatter.ofPattern(messages.getMessage(key, null, "yyyy-MM-dd", locale), locale);
    }

    private static HttpServletRequest request() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }
}
