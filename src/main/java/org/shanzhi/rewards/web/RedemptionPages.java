package org.shanzhi.rewards.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.XlsxExport;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.common.console.Fmt;
import org.shanzhi.rewards.Merchant;
import org.shanzhi.rewards.Redemptions;
import org.shanzhi.territory.Territory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** 积分兑换记录: the redemptions of the villages in scope, filtered and paged, and the same filters as .xlsx. */
@ConsoleController
class RedemptionPages {

    static final int PAGE_SIZE = 50;

    private final Redemptions redemptions;
    private final Territory territory;
    private final Fmt fmt;

    RedemptionPages(Redemptions redemptions, Territory territory, Fmt fmt) {
        this.redemptions = redemptions;
        this.territory = territory;
        this.fmt = fmt;
    }

    private static Long id(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("merchant", "请选择柜台 / choose a counter");
        }
    }

    @GetMapping("/rewards/redemptions")
    String list(@RequestParam(required = false) String village, @RequestParam(required = false) String month,
            @RequestParam(required = false) String merchant, @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            Model model, HttpServletResponse res) {
        String division = village == null || village.isBlank() ? ScopeGuard.actor().scopeCode() : village.trim();
        List<Merchant> counters = redemptions.counters(division);
        model.addAttribute("village", division);
        model.addAttribute("month", month == null ? "" : month);
        model.addAttribute("merchant", merchant == null ? "" : merchant);
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("statuses", Redemptions.STATUSES);
        model.addAttribute("counters", counters);
        List<String> codes = new ArrayList<>();
        counters.forEach(m -> codes.add(m.villageCode()));
        try {
            Page<Redemptions.Row> rows = redemptions.search(new Redemptions.Filter(division, month, id(merchant), status), Math.max(0, page), PAGE_SIZE);
            rows.items().forEach(r -> codes.add(r.villageCode()));
            model.addAttribute("rows", rows);
            model.addAttribute("errors", Map.of());
        } catch (InvalidInputException e) {
            model.addAttribute("rows", new Page<Redemptions.Row>(List.of(), 0, PAGE_SIZE, 0));
            model.addAttribute("errors", fmt.errors(e));
            res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        model.addAttribute("villageNames", territory.names(codes));
        return "rewards/redemptions";
    }

    /** The list as .xlsx with the page's filters; households as the page shows them (number and masked head). */
    @GetMapping("/rewards/redemptions/export.xlsx")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String village, @RequestParam(required = false) String month,
            @RequestParam(required = false) String merchant, @RequestParam(required = false) String status) {
        String division = village == null || village.isBlank() ? ScopeGuard.actor().scopeCode() : village.trim();
        Redemptions.Filter f = new Redemptions.Filter(division, month, id(merchant), status);
        try (XlsxExport x = new XlsxExport("积分兑换记录", List.of("兑换时间", "村", "户", "柜台", "商品", "数量", "积分", "金额(元)", "状态",
                "核销时间", "核销人"))) {
            x.pages(p -> redemptions.search(f, p, Page.MAX_SIZE), items -> {
                Map<String, String> names = territory.names(items.stream().map(Redemptions.Row::villageCode).distinct().toList());
                for (Redemptions.Row r : items) {
                    x.row(r.issuedAt(), names.getOrDefault(r.villageCode(), r.villageCode()), r.householdLabel(), r.merchantName(), r.goodsName(),
                            r.quantity(), r.points(), r.valueYuan(), STATUS.get(r.status()), r.usedAt(), r.confirmedByName());
                }
            });
            return x.download("积分兑换记录.xlsx");
        }
    }

    static final Map<String, String> STATUS = Map.of("ISSUED", "待核销", "USED", "已核销", "EXPIRED", "已过期");
}
