package org.shanzhi.activities.web;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shanzhi.activities.CreditFunds;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.TimeConfig;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.common.console.Fmt;
import org.shanzhi.registry.Person;
import org.shanzhi.registry.Registry;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The 荣成 credit fund's console page: a cadre posts the month's credit points per person of the village, sees the
 * postings by month and by quarter, runs the quarterly payout (refused before the quarter ended: 422 with the reason
 * beside the form) and sees the past payouts, each person's share to the fen, and the overdue quarters.
 */
@ConsoleController
class FundPages {

    private static final Pattern LINE = Pattern.compile("lines\\[(\\d+)]\\.(\\w+)");

    private final CreditFunds funds;
    private final Registry registry;
    private final Fmt fmt;
    private final Clock clock;

    FundPages(CreditFunds funds, Registry registry, Fmt fmt, Clock clock) {
        this.funds = funds;
        this.registry = registry;
        this.fmt = fmt;
        this.clock = clock;
    }

    @GetMapping("/activities/fund")
    String page(@RequestParam(required = false) String village, @RequestParam(required = false) String month,
            @RequestParam(required = false) String quarter, @RequestParam(defaultValue = "0") int page, Model model) {
        return fill(model, village, month, quarter, page);
    }

    @PostMapping("/activities/fund/postings")
    String post(@RequestParam(required = false) String village, @RequestParam(required = false) String month,
            @RequestParam(name = "personId", required = false) List<Long> personIds, @RequestParam(name = "points", required = false) List<String> points,
            @RequestParam(name = "reason", required = false) List<String> reasons, @RequestParam(defaultValue = "0") int page, Model model,
            HttpServletResponse res) {
        List<CreditFunds.Line> lines = new ArrayList<>();
        List<Long> order = new ArrayList<>();
        Map<Long, String> typed = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        int n = personIds == null ? 0 : personIds.size();
        for (int i = 0; i < n; i++) {
            String p = points == null || i >= points.size() ? null : points.get(i);
            if (p == null || p.isBlank()) {
                continue;
            }
            Long id = personIds.get(i);
            typed.put(id, p.trim());
            Long value;
            try {
                value = Long.valueOf(p.trim());
            } catch (NumberFormatException e) {
                errors.put("person." + id, fmt.text("积分应为整数 / a whole number"));
                continue;
            }
            String reason = reasons == null || i >= reasons.size() ? null : reasons.get(i);
            lines.add(new CreditFunds.Line(id, value, reason));
            order.add(id);
        }
        if (errors.isEmpty()) {
            try {
                funds.post(new CreditFunds.NewPosting(village, month, lines));
                return "redirect:/activities/fund?village=" + village + "&month=" + month.trim();
            } catch (InvalidInputException | ConflictException e) {
                // a line's field names the person beside whose row the message shows
                fmt.errors(e).forEach((field, text) -> {
                    Matcher m = LINE.matcher(field);
                    errors.merge(m.matches() && Integer.parseInt(m.group(1)) < order.size() ? "person." + order.get(Integer.parseInt(m.group(1))) : field,
                            text, (a, b) -> a + "; " + b);
                });
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("failed", "post");
        model.addAttribute("typed", typed);
        res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return fill(model, village, month, null, page);
    }

    @PostMapping("/activities/fund/payouts")
    String pay(@RequestParam(required = false) String village, @RequestParam(required = false) String quarter,
            @RequestParam(required = false) String poolYuan, Model model, HttpServletResponse res) {
        BigDecimal pool;
        try {
            pool = poolYuan == null || poolYuan.isBlank() ? null : new BigDecimal(poolYuan.trim());
        } catch (NumberFormatException e) {
            pool = null;
        }
        try {
            funds.pay(village, quarter, pool);
            return "redirect:/activities/fund?village=" + village + "&quarter=" + quarter.trim();
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("errors", fmt.errors(e));
            model.addAttribute("failed", "pay");
            model.addAttribute("typedQuarter", quarter);
            model.addAttribute("typedPool", poolYuan);
            res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return fill(model, village, null, quarter, 0);
        }
    }

    static final int PERSONS_PER_PAGE = 100;

    private String fill(Model model, String village, String month, String quarter, int personPage) {
        Actor a = ScopeGuard.actor();
        String v = village != null && !village.isBlank() ? village.trim() : a.scopeCode().length() == 12 ? a.scopeCode() : null;
        YearMonth now = YearMonth.from(LocalDate.now(clock.withZone(TimeConfig.ZONE)));
        YearMonth m = parseMonth(month, now);
        String q = quarter != null && quarter.trim().matches("\\d{4}-Q[1-4]") ? quarter.trim() : quarterOf(m);
        model.addAttribute("village", v);
        model.addAttribute("month", m.toString());
        model.addAttribute("quarter", q);
        model.addAttribute("lastQuarter", quarterOf(now.minusMonths(3)));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", Map.of());
        }
        if (v == null) {
            return "activities/fund";
        }
        // the reads check the village against the caller's scope (another village: 404)
        model.addAttribute("postings", funds.postings(v, m.toString()));
        List<String> months = months(q);
        Map<Long, long[]> byPerson = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            for (CreditFunds.Posting p : funds.postings(v, months.get(i))) {
                byPerson.computeIfAbsent(p.personId(), k -> new long[4])[i] = p.points();
                byPerson.get(p.personId())[3] += p.points();
                names.put(p.personId(), p.personName());
            }
        }
        List<QuarterRow> rows = new ArrayList<>();
        byPerson.forEach((id, pts) -> rows.add(new QuarterRow(id, names.get(id), pts[0], pts[1], pts[2], pts[3])));
        rows.sort((x, y) -> Long.compare(y.total(), x.total()));
        model.addAttribute("quarterMonths", months);
        model.addAttribute("quarterRows", rows);
        model.addAttribute("quarterTotal", rows.stream().mapToLong(QuarterRow::total).sum());
        model.addAttribute("payouts", funds.payouts(v));
        model.addAttribute("overdue", funds.overdue(v));
        if (!a.readOnly()) {
            // the posting form a page of persons at a time (a form of a whole village would pass the server's parameter limit)
            Page<Person> persons = registry.searchPersons(v, null, Math.max(0, personPage), PERSONS_PER_PAGE);
            model.addAttribute("persons", persons.items());
            model.addAttribute("personPage", persons);
        }
        return "activities/fund";
    }

    public record QuarterRow(long personId, String personName, long m1, long m2, long m3, long total) {
    }

    private static YearMonth parseMonth(String month, YearMonth fallback) {
        try {
            return month == null || month.isBlank() ? fallback : YearMonth.parse(month.trim());
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    static String quarterOf(YearMonth m) {
        return m.getYear() + "-Q" + ((m.getMonthValue() + 2) / 3);
    }

    private static List<String> months(String quarter) {
        int year = Integer.parseInt(quarter.substring(0, 4));
        int q = quarter.charAt(6) - '0';
        List<String> out = new ArrayList<>();
        for (int m = 3 * q - 2; m <= 3 * q; m++) {
            out.add(YearMonth.of(year, m).toString());
        }
        return out;
    }
}
