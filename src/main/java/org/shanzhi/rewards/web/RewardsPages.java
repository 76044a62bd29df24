package org.shanzhi.rewards.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Supplier;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.rewards.DividendRuns;
import org.shanzhi.rewards.Merchant;
import org.shanzhi.rewards.NewGoods;
import org.shanzhi.rewards.Supermarket;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages of the points supermarket: goods and stock of the village's counters, the budget with its funding,
 * the settlement of a counter (page and .xlsx), dividend runs; and the merchant's counter page (type or scan a code,
 * confirm). A refused action comes back to its page with the reason.
 */
@ConsoleController
class RewardsPages {

    private final Supermarket market;
    private final DividendRuns dividends;
    private final Clock clock;

    RewardsPages(Supermarket market, DividendRuns dividends, Clock clock) {
        this.market = market;
        this.dividends = dividends;
        this.clock = clock;
    }

    /** The village the page is about: the one asked for, or the caller's own when it is a village. */
    private String village(String asked) {
        String v = asked == null || asked.isBlank() ? ScopeGuard.actor().scopeCode() : asked.trim();
        if (v.length() < 12 && (asked == null || asked.isBlank())) {
            // staff above a village: the first village that has a counter
            v = market.villagesWithCounters().stream().findFirst().orElse(v);
        }
        if (v.length() != 12) {
            throw new NotFoundException("请选择行政村 / choose a village");
        }
        return v;
    }

    @GetMapping("/rewards")
    String goods(@RequestParam(required = false) String village, Model model) {
        Actor a = ScopeGuard.actor();
        if ("MERCHANT".equals(a.role())) {
            return "redirect:/rewards/counter";
        }
        String v = village(village);
        int year = LocalDate.now(clock).getYear();
        model.addAttribute("village", v);
        model.addAttribute("year", year);
        model.addAttribute("merchants", market.merchants(v));
        model.addAttribute("goods", market.catalogue(v));
        model.addAttribute("forbidden", market.forbidden());
        model.addAttribute("budget", market.budget(v, year));
        model.addAttribute("month", YearMonth.now(clock).toString());
        return "rewards/goods";
    }

    @PostMapping("/rewards/goods")
    String addGoods(@RequestParam String village, @RequestParam(required = false) Long merchantId, @RequestParam(required = false) String name,
            @RequestParam(required = false) String category, @RequestParam(required = false) String kind,
            @RequestParam(required = false) Long pricePoints, @RequestParam(required = false) Integer stock, RedirectAttributes ra) {
        return act(ra, "/rewards?village=" + village(village), () -> {
            market.addGoods(new NewGoods(merchantId, name, category, kind, pricePoints, stock));
            return "已上架 / added";
        });
    }

    @PostMapping("/rewards/goods/{id}/stock")
    String restock(@PathVariable long id, @RequestParam String village, @RequestParam(required = false) Integer delta, RedirectAttributes ra) {
        return act(ra, "/rewards?village=" + village(village), () -> "库存现为 " + market.restock(id, delta).stock() + " / stock updated");
    }

    @PostMapping("/rewards/budget")
    String budget(@RequestParam String village, @RequestParam int year, @RequestParam(required = false) BigDecimal amountYuan,
            @RequestParam(required = false) BigDecimal yuanPerPoint, RedirectAttributes ra) {
        return act(ra, "/rewards?village=" + village(village), () -> {
            market.setBudget(village, year, amountYuan, yuanPerPoint);
            return "预算已保存 / budget saved";
        });
    }

    @PostMapping("/rewards/funding")
    String funding(@RequestParam String village, @RequestParam int year, @RequestParam(required = false) String source,
            @RequestParam(required = false) BigDecimal amountYuan, @RequestParam(required = false) String note, RedirectAttributes ra) {
        return act(ra, "/rewards?village=" + village(village), () -> {
            market.addFunding(village, year, source, amountYuan, note);
            return "资金来源已登记 / funding recorded";
        });
    }

    @GetMapping("/rewards/settlement")
    String settlement(@RequestParam long merchant, @RequestParam(required = false) String period, Model model) {
        model.addAttribute("s", market.settlement(merchant, period));
        return "rewards/settlement";
    }

    @GetMapping("/rewards/settlement.xlsx")
    ResponseEntity<byte[]> settlementXlsx(@RequestParam long merchant, @RequestParam(required = false) String period) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("settlement-" + merchant + ".xlsx").build().toString())
                .body(market.settlementXlsx(merchant, period));
    }

    @GetMapping("/rewards/dividends")
    String dividends(@RequestParam(required = false) String village, @RequestParam(required = false) Long run, Model model) {
        String v = village(village);
        model.addAttribute("village", v);
        model.addAttribute("year", LocalDate.now(clock).getYear() - 1);
        model.addAttribute("runs", dividends.runs(v));
        model.addAttribute("run", run == null ? null : dividends.run(run));
        return "rewards/dividends";
    }

    @PostMapping("/rewards/dividends")
    String createRun(@RequestParam String village, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) BigDecimal poolYuan, RedirectAttributes ra) {
        String v = village(village);
        String[] back = {"/rewards/dividends?village=" + v};
        return act(ra, back, () -> {
            back[0] = back[0] + "&run=" + dividends.create(v, year, poolYuan).id();
            return "已计算分红 / run computed";
        });
    }

    @PostMapping("/rewards/dividends/{id}/{action}")
    String runAction(@PathVariable long id, @PathVariable String action, RedirectAttributes ra) {
        String v = dividends.run(id).villageCode();
        return act(ra, "/rewards/dividends?village=" + v + "&run=" + id, () -> switch (action) {
            case "publish" -> {
                dividends.publish(id);
                yield "已公示 / published";
            }
            case "paid" -> {
                dividends.markPaid(id);
                yield "已标记发放 / marked paid";
            }
            default -> throw new NotFoundException("未找到 / not found");
        });
    }

    // ---- the merchant's counter --------------------------------------------------------------------

    @GetMapping("/rewards/counter")
    String counter(@RequestParam(required = false) String code, Model model) {
        List<Merchant> mine = market.myCounters();
        model.addAttribute("counters", mine);
        model.addAttribute("month", YearMonth.now(clock).toString());
        // the merchant's own shelf: what is left after each hand-over
        model.addAttribute("stock", mine.stream().flatMap(m -> market.catalogue(m.villageCode()).stream()
                .filter(g -> g.merchantId() == m.id())).toList());
        if (code != null && !code.isBlank()) {
            try {
                model.addAttribute("found", market.byCode(code));
            } catch (InvalidInputException | NotFoundException e) {
                model.addAttribute("error", e instanceof InvalidInputException iie ? iie.errors().get(0).message() : e.getMessage());
            }
        }
        return "rewards/counter";
    }

    @PostMapping("/rewards/counter/confirm")
    String confirm(@RequestParam(required = false) String code, RedirectAttributes ra) {
        return act(ra, "/rewards/counter", () -> {
            var r = market.confirm(code);
            return "核销成功:" + r.goodsName() + "×" + r.quantity() + ",扣 " + r.points() + " 分 / confirmed, hand over the goods";
        });
    }

    static String act(RedirectAttributes ra, String back, Supplier<String> action) {
        return act(ra, new String[] {back}, action);
    }

    static String act(RedirectAttributes ra, String[] back, Supplier<String> action) {
        try {
            ra.addFlashAttribute("message", action.get());
        } catch (InvalidInputException e) {
            ra.addFlashAttribute("error", String.join(";", e.errors().stream().map(InvalidInputException.FieldError::message).toList()));
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            ra.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + back[0];
    }
}
