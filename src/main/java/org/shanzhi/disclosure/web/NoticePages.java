package org.shanzhi.disclosure.web;

import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.disclosure.Notice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.common.console.ConsoleController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages of public notices: the list, a notice with its objections (villagers object, a cadre answers), and
 * a printable A4 board to pin up (村务公开栏).
 */
@ConsoleController
@RequestMapping("/notices")
class NoticePages {

    private final NoticeBoard board;
    private final org.shanzhi.common.PrintBoard printBoard;

    NoticePages(NoticeBoard board, org.shanzhi.common.PrintBoard printBoard) {
        this.printBoard = printBoard;
        this.board = board;
    }

    @ModelAttribute("me")
    Actor me(jakarta.servlet.http.HttpServletRequest request) {
        // load the (deferred) CSRF token now: a long page may commit the response before its first form asks for it
        if (request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName())
                instanceof org.springframework.security.web.csrf.CsrfToken token) {
            token.getToken();
        }
        return ScopeGuard.actor();
    }

    @GetMapping
    String list(@RequestParam(required = false) String division, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("notices", board.list(division, status, page, 20));
        model.addAttribute("division", division == null ? ScopeGuard.actor().scopeCode() : division);
        return "disclosure/notices";
    }

    /** The notices as .xlsx with the page's filters (division, status): every page of them. */
    @GetMapping("/export.xlsx")
    org.springframework.http.ResponseEntity<byte[]> export(@RequestParam(required = false) String division,
            @RequestParam(required = false) String status) {
        try (org.shanzhi.common.XlsxExport x = new org.shanzhi.common.XlsxExport("公示", java.util.List.of("标题", "村", "发布", "公示期至", "条目",
                "待答复异议", "状态"))) {
            x.pages(n -> board.list(division, status, n, org.shanzhi.common.Page.MAX_SIZE), items -> items.forEach(n -> x.row(n.title(),
                    n.villageCode(), n.publishedAt().toLocalDate(), n.windowEnd(), n.items(), n.pendingObjections(),
                    "OPEN".equals(n.status()) ? "公示中" : "已结束")));
            return x.download("公示.xlsx");
        }
    }

    @GetMapping("/{id}")
    String notice(@PathVariable long id, Model model) {
        Notice n = board.notice(id);
        Actor a = ScopeGuard.actor();
        model.addAttribute("notice", n);
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        n.objections().forEach(o -> counts.merge(String.valueOf(o.itemRef()), 1L, Long::sum));
        model.addAttribute("counts", counts);
        java.util.Map<String, String> subjects = new java.util.HashMap<>();
        n.items().forEach(i -> subjects.put(i.ref(), i.subject()));
        model.addAttribute("subjects", subjects);
        model.addAttribute("mayObject", n.open() && ("VILLAGER".equals(a.role()) || "PARTY_CENTER".equals(a.role()))
                && n.villageCode().equals(a.scopeCode()));
        model.addAttribute("mayAnswer", n.open() && "VILLAGE_CADRE".equals(a.role()));
        return "disclosure/notice";
    }

    /** The board to pin on the village's 公开栏: A4 by default, A3 for the large board. */
    @GetMapping("/{id}/print")
    String print(@PathVariable long id, @RequestParam(defaultValue = "A4") String size, Model model) {
        if (!size.equals("A4") && !size.equals("A3")) {
            throw new org.shanzhi.common.InvalidInputException("size", "纸张应为 A4 或 A3 / paper must be A4 or A3");
        }
        model.addAttribute("notice", board.notice(id));
        model.addAttribute("paper", size);
        return "disclosure/print";
    }

    /** The board as a PDF to print and pin (A4 or A3), with an embedded CJK font. */
    @GetMapping("/{id}/print.pdf")
    org.springframework.http.ResponseEntity<byte[]> printPdf(@PathVariable long id, @RequestParam(defaultValue = "A4") String size) {
        org.shanzhi.common.PrintBoard.Paper paper = org.shanzhi.common.PrintBoard.Paper.of(size);
        Notice n = board.notice(id);
        java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日");
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n.items().size(); i++) {
            rows.add(java.util.List.of(String.valueOf(i + 1), n.items().get(i).subject(), n.items().get(i).content()));
        }
        java.util.List<org.shanzhi.common.PrintBoard.Table> tables = rows.isEmpty() ? java.util.List.of()
                : java.util.List.of(new org.shanzhi.common.PrintBoard.Table(java.util.List.of("序号", "对象", "内容"), new float[] {1.2f, 4.5f, 11f}, rows));
        var b = new org.shanzhi.common.PrintBoard.Board(n.title(), java.util.List.of(n.body() == null ? "" : n.body(),
                "公示期:" + n.publishedAt().format(day) + "至" + n.windowEnd().format(day) + "。如有异议,请在公示期内向村两委或村务监督委员会反映。"),
                tables, java.util.List.of(n.villageName(), n.publishedAt().format(day)));
        return printBoard.response(b, paper, "公示-" + id + "-" + paper + ".pdf");
    }

    @PostMapping("/{id}/objections")
    String object(@PathVariable long id, @RequestParam(required = false) String itemRef, @RequestParam(required = false) String reason,
            RedirectAttributes ra) {
        return act(ra, id, () -> {
            board.object(id, itemRef, reason);
            return "异议已提交,村两委将调查核实后答复 / objection filed";
        });
    }

    @PostMapping("/{id}/objections/{objectionId}/answer")
    String answer(@PathVariable long id, @PathVariable long objectionId, @RequestParam boolean upheld,
            @RequestParam(required = false) String answer, RedirectAttributes ra) {
        return act(ra, id, () -> {
            board.answer(id, objectionId, upheld, answer);
            return upheld ? "已答复:异议成立 / upheld" : "已答复:异议不成立 / dismissed";
        });
    }

    private static String act(RedirectAttributes ra, long id, java.util.function.Supplier<String> action) {
        try {
            ra.addFlashAttribute("message", action.get());
        } catch (InvalidInputException e) {
            ra.addFlashAttribute("error", e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message());
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            ra.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/notices/" + id;
    }
}
