package org.shanzhi.activities.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.shanzhi.activities.CollectiveAssets;
import org.shanzhi.activities.CollectiveContracts;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.console.ConsoleController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages of 三资 (文登): the register with the contracts and the leases due, a contract with its tender, trial
 * and 四议两公开 state, the monthly ledger and its disclosure. A refused action comes back to its page with the reason.
 */
@ConsoleController
class AssetsPages {

    private final CollectiveAssets assets;
    private final CollectiveContracts contracts;
    private final java.time.Clock clock;

    AssetsPages(CollectiveAssets assets, CollectiveContracts contracts, java.time.Clock clock) {
        this.assets = assets;
        this.contracts = contracts;
        this.clock = clock;
    }

    /** The village the page is about: the one asked for, else the caller's own village. */
    static String village(String asked) {
        String v = asked == null || asked.isBlank() ? ScopeGuard.actor().scopeCode() : asked.trim();
        if (v == null || !v.matches("\\d{12}")) {
            throw new NotFoundException("请选择行政村(?village=村代码)/ choose a village");
        }
        return v;
    }

    @GetMapping("/assets")
    String register(@RequestParam(required = false) String village, @RequestParam(required = false) Integer days, Model model) {
        String v = village(village);
        int d = days == null ? CollectiveAssets.DEFAULT_DUE_DAYS : Math.max(0, Math.min(days, 3660));
        model.addAttribute("village", v);
        model.addAttribute("assets", assets.assets(v));
        model.addAttribute("values", assets.bookValues(v));
        model.addAttribute("contracts", contracts.list(v));
        model.addAttribute("due", assets.dueLeases(v, d));
        model.addAttribute("days", d);
        model.addAttribute("categories", CollectiveAssets.CATEGORIES);
        model.addAttribute("kinds", CollectiveAssets.KINDS);
        model.addAttribute("contractKinds", KINDS);
        return "activities/assets";
    }

    static final java.util.Map<String, String> KINDS = java.util.Map.of("PROJECT", "工程项目", "LEASE", "租赁", "TRANSFER", "转让", "PURCHASE", "采购");

    @PostMapping("/assets")
    String addAsset(@RequestParam String village, @RequestParam(required = false) String category, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String name, @RequestParam(required = false) BigDecimal quantity, @RequestParam(required = false) String unit,
            @RequestParam(required = false) String location, @RequestParam(required = false) BigDecimal bookValueYuan, RedirectAttributes ra) {
        String v = village(village);
        return act(ra, "/assets?village=" + v, () -> {
            assets.register(new CollectiveAssets.NewAsset(v, category, kind, name, quantity, unit, location, bookValueYuan));
            return "已登记 / registered";
        });
    }

    @PostMapping("/assets/contracts")
    String addContract(@RequestParam String village, @RequestParam(required = false) String kind, @RequestParam(required = false) String title,
            @RequestParam(required = false) String party, @RequestParam(required = false) BigDecimal amountYuan,
            @RequestParam(required = false) String tenderRef, @RequestParam(required = false) Long matterId, @RequestParam(required = false) Long assetId,
            @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate startsOn, @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate endsOn, RedirectAttributes ra) {
        String v = village(village);
        String[] back = {"/assets?village=" + v};
        return act(ra, back, () -> {
            long id = contracts.register(new CollectiveContracts.NewContract(v, kind, title, party, amountYuan, tenderRef, matterId, assetId, startsOn,
                    endsOn)).id();
            back[0] = "/assets/contracts/" + id;
            return "合同已登记 / contract registered";
        });
    }

    @GetMapping("/assets/contracts/{id}")
    String contract(@PathVariable long id, Model model) {
        CollectiveContracts.Contract c = contracts.contract(id);
        BigDecimal threshold = contracts.tenderThreshold(c.kind());
        model.addAttribute("c", c);
        model.addAttribute("kindLabel", KINDS.getOrDefault(c.kind(), c.kind()));
        model.addAttribute("threshold", threshold);
        model.addAttribute("tenderRequired", threshold != null && c.amountYuan().compareTo(threshold) >= 0);
        model.addAttribute("procedureRequired", contracts.needsProcedure(c.countyCode(), c.amountYuan()));
        model.addAttribute("procedureAbove", contracts.procedureAbove());
        model.addAttribute("payments", contracts.payments(id));
        model.addAttribute("paid", contracts.payments(id).stream().map(CollectiveContracts.Payment::amountYuan).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute("asset", c.assetId() == null ? null : assets.asset(c.assetId()));
        model.addAttribute("today", LocalDate.now(clock.withZone(org.shanzhi.common.TimeConfig.ZONE)));
        return "activities/assets-contract";
    }

    @PostMapping("/assets/contracts/{id}/sign")
    String sign(@PathVariable long id, @RequestParam(required = false) Long matterId, RedirectAttributes ra) {
        return act(ra, "/assets/contracts/" + id, () -> {
            contracts.sign(id, matterId);
            return "已签订,试用期开始 / signed; the trial period starts";
        });
    }

    @PostMapping("/assets/contracts/{id}/pay")
    String pay(@PathVariable long id, @RequestParam(required = false) BigDecimal amountYuan, RedirectAttributes ra) {
        return act(ra, "/assets/contracts/" + id, () -> {
            contracts.pay(id, amountYuan);
            return "已付款 / paid";
        });
    }

    @GetMapping("/assets/ledger")
    String ledger(@RequestParam(required = false) String village, @RequestParam(required = false) String period, Model model) {
        String v = village(village);
        CollectiveAssets.Ledger l = assets.ledger(v, period);
        model.addAttribute("village", v);
        model.addAttribute("l", l);
        java.time.YearMonth m = java.time.YearMonth.parse(l.period());
        model.addAttribute("previous", m.minusMonths(1).toString());
        model.addAttribute("next", m.plusMonths(1).toString());
        model.addAttribute("income", CollectiveAssets.INCOME);
        model.addAttribute("spending", CollectiveAssets.SPENDING);
        return "activities/assets-ledger";
    }

    @PostMapping("/assets/entries")
    String addEntry(@RequestParam String village, @RequestParam(required = false) String direction, @RequestParam(required = false) String category,
            @RequestParam(required = false) BigDecimal amountYuan, @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate entryDate,
            @RequestParam(required = false) String note, RedirectAttributes ra) {
        String v = village(village);
        String[] back = {"/assets/ledger?village=" + v};
        return act(ra, back, () -> {
            CollectiveAssets.Entry e = assets.record(new CollectiveAssets.NewEntry(v, direction, category, amountYuan, entryDate, null, note));
            back[0] = back[0] + "&period=" + java.time.YearMonth.from(e.entryDate());
            return "已记账 / recorded";
        });
    }

    @PostMapping("/assets/entries/{id}/reverse")
    String reverse(@PathVariable long id, @RequestParam String village, @RequestParam(required = false) String reason, RedirectAttributes ra) {
        String v = village(village);
        return act(ra, "/assets/ledger?village=" + v, () -> {
            assets.reverse(id, reason);
            return "已冲销 / reversed";
        });
    }

    @PostMapping("/assets/disclosures")
    String disclose(@RequestParam String village, @RequestParam(required = false) String period, RedirectAttributes ra) {
        String v = village(village);
        String back = "/assets/ledger?village=" + v + (period == null ? "" : "&period=" + period.replaceAll("[^0-9-]", ""));
        return act(ra, back, () -> {
            assets.disclose(v, period);
            return "已发布到公示栏 / published on the notice board";
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
