package org.shanzhi.points.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.points.Decision;
import org.shanzhi.points.NewItem;
import org.shanzhi.points.NewScheme;
import org.shanzhi.points.Period;
import org.shanzhi.points.PointsResults;
import org.shanzhi.points.PointsSchemes;
import org.shanzhi.points.Scheme;
import org.shanzhi.points.SchemeSettings;
import org.shanzhi.points.ScoreEvents;
import org.springframework.format.annotation.DateTimeFormat;
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
 * Console pages of the points system: the scheme editor, the event inbox (verify, review and publish in batches),
 * rankings with stars and group results, and the red/black lists. A refused action comes back to the page with its
 * reason; only masked personal data is shown.
 */
@ConsoleController
@RequestMapping("/points")
class PointsPages {

    private final PointsSchemes schemes;
    private final ScoreEvents events;
    private final PointsResults results;
    private final Clock clock;
    private final org.shanzhi.common.PrintBoard printBoard;

    PointsPages(PointsSchemes schemes, ScoreEvents events, PointsResults results, Clock clock, org.shanzhi.common.PrintBoard printBoard) {
        this.printBoard = printBoard;
        this.schemes = schemes;
        this.events = events;
        this.results = results;
        this.clock = clock;
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
    String home() {
        return "redirect:/points/inbox";
    }

    // ---- schemes ---------------------------------------------------------------------------------

    @GetMapping("/schemes")
    String schemes(@RequestParam(required = false) String division, Model model) {
        model.addAttribute("schemes", schemes.list(division));
        model.addAttribute("division", division == null ? ScopeGuard.actor().scopeCode() : division);
        return "points/schemes";
    }

    @PostMapping("/schemes")
    String create(@RequestParam String ownerCode, @RequestParam String name, @RequestParam(defaultValue = "false") boolean template,
            @RequestParam(required = false) Long parentId, @RequestParam(required = false) String mandatoryCategories, RedirectAttributes ra) {
        List<String> mandatory = mandatoryCategories == null ? List.of() : Arrays.stream(mandatoryCategories.split("[,,、\\s]+"))
                .filter(c -> !c.isBlank()).toList();
        Long[] id = new Long[1];
        String back = act(ra, "/points/schemes", () -> {
            id[0] = schemes.create(new NewScheme(ownerCode, name, template, parentId, mandatory, null)).id();
            return "方案草稿已创建 / draft created";
        });
        return id[0] != null ? "redirect:/points/schemes/" + id[0] : back;
    }

    @GetMapping("/schemes/{id}")
    String scheme(@PathVariable long id, Model model) {
        Scheme s = schemes.scheme(id);
        model.addAttribute("scheme", s);
        model.addAttribute("s", s.settings());
        model.addAttribute("recorderKinds", List.of("SELF", "OTHERS", "ORGANISATION", "GROUP_LEADER", "GRID_WORKER", "CADRE"));
        return "points/scheme";
    }

    @PostMapping("/schemes/{id}")
    String update(@PathVariable long id, @RequestParam String name, @RequestParam(required = false) String mandatoryCategories,
            @ModelAttribute SchemeSettings settings, RedirectAttributes ra) {
        List<String> mandatory = mandatoryCategories == null ? null : Arrays.stream(mandatoryCategories.split("[,,、\\s]+"))
                .filter(c -> !c.isBlank()).toList();
        return act(ra, "/points/schemes/" + id, () -> {
            schemes.update(id, name, mandatory, blanksToNull(settings));
            return "已保存 / saved";
        });
    }

    @PostMapping("/schemes/{id}/items")
    String addItem(@PathVariable long id, @RequestParam String category, @RequestParam String name, @RequestParam String sign,
            @RequestParam(required = false) Long points, @RequestParam(defaultValue = "false") boolean evidenceRequired,
            @RequestParam(required = false) List<String> recorders, @RequestParam(required = false) Long capPerPeriod,
            @RequestParam(defaultValue = "false") boolean veto, @RequestParam(defaultValue = "false") boolean affectsSubsidy,
            RedirectAttributes ra) {
        return act(ra, "/points/schemes/" + id, () -> {
            schemes.addItem(id, new NewItem(category, name, sign, points, evidenceRequired, recorders, capPerPeriod, veto, affectsSubsidy));
            return "已添加事项 / item added";
        });
    }

    @PostMapping("/schemes/{id}/items/{itemId}/delete")
    String removeItem(@PathVariable long id, @PathVariable long itemId, RedirectAttributes ra) {
        return act(ra, "/points/schemes/" + id, () -> {
            schemes.removeItem(id, itemId);
            return "已删除事项 / item removed";
        });
    }

    @PostMapping("/schemes/{id}/adopt")
    String adopt(@PathVariable long id, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate decisionDate,
            @RequestParam(required = false) String meeting, @RequestParam(required = false) Integer votesFor,
            @RequestParam(required = false) Integer votesAgainst,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate effectiveFrom, RedirectAttributes ra) {
        return act(ra, "/points/schemes/" + id, () -> {
            schemes.adopt(id, new Decision(decisionDate, meeting, votesFor, votesAgainst, effectiveFrom));
            return "方案已通过 / adopted";
        });
    }

    @PostMapping("/schemes/{id}/versions")
    String newVersion(@PathVariable long id, RedirectAttributes ra) {
        Long[] nid = new Long[1];
        String back = act(ra, "/points/schemes/" + id, () -> {
            nid[0] = schemes.newVersion(id).id();
            return "已新建版本 / new version drafted";
        });
        return nid[0] != null ? "redirect:/points/schemes/" + nid[0] : back;
    }

    // ---- the inbox -------------------------------------------------------------------------------

    @GetMapping("/inbox")
    String inbox(@RequestParam(required = false) String division, @RequestParam(required = false) String status,
            @RequestParam(required = false) String period, @RequestParam(defaultValue = "0") int page, Model model) {
        String p = period == null || period.isBlank() ? Period.current(clock, Period.Kind.MONTH).key() : period;
        String st = status == null ? "DECLARED" : status;
        model.addAttribute("events", events.list(division, st.isBlank() ? null : st, p, null, page, 50));
        model.addAttribute("division", division == null || division.isBlank() ? ScopeGuard.actor().scopeCode() : division);
        model.addAttribute("status", st);
        model.addAttribute("period", p);
        model.addAttribute("statuses", List.of("DECLARED", "VERIFIED", "REVIEWED", "IN_NOTICE", "CREDITED", "REJECTED", "OBJECTION_UPHELD",
                "WAIVED", "REVERSED"));
        model.addAttribute("rectifications", events.rectifications(division, "OPEN", 0, 50));
        return "points/inbox";
    }

    /** The inbox list as .xlsx with the page's filters (division, status, period), every page of it. */
    @GetMapping("/inbox/export.xlsx")
    org.springframework.http.ResponseEntity<byte[]> inboxExport(@RequestParam(required = false) String division,
            @RequestParam(required = false) String status, @RequestParam(required = false) String period) {
        String p = period == null || period.isBlank() ? Period.current(clock, Period.Kind.MONTH).key() : period;
        String st = status == null ? "DECLARED" : status;
        try (org.shanzhi.common.XlsxExport x = new org.shanzhi.common.XlsxExport("积分事项", List.of("日期", "对象", "类别", "事项", "事由", "分值",
                "来源", "状态", "记录人", "核实人"))) {
            x.pages(n -> events.list(division, st.isBlank() ? null : st, p, null, n, org.shanzhi.common.Page.MAX_SIZE),
                    items -> items.forEach(e -> x.row(e.occurredOn(), e.subjectLabel(), e.category(), e.itemName(), e.description(), e.points(),
                            e.source(), e.status(), e.recordedByName(), e.verifiedByName())));
            return x.download("积分事项-" + p + ".xlsx");
        }
    }

    @PostMapping("/inbox/verify")
    String verify(@RequestParam(required = false) List<Long> ids, @RequestParam(required = false) String back, RedirectAttributes ra) {
        return act(ra, back(back), () -> "已核实 " + events.verify(ids == null ? List.of() : ids).size() + " 条 / verified");
    }

    @PostMapping("/inbox/reject")
    String reject(@RequestParam(required = false) List<Long> ids, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String back, RedirectAttributes ra) {
        return act(ra, back(back), () -> "已退回 " + events.reject(ids == null ? List.of() : ids, reason).size() + " 条 / rejected");
    }

    @PostMapping("/inbox/review")
    String review(@RequestParam String villageCode, @RequestParam String period, @RequestParam(required = false) List<Long> ids,
            @RequestParam(required = false) String back, RedirectAttributes ra) {
        return act(ra, back(back), () -> {
            var r = events.review(villageCode, period, ids);
            return "已审核 " + r.reviewed().size() + " 条" + (r.skipped().isEmpty() ? "" : "," + r.skipped().size() + " 条须由其他干部审核")
                    + (r.unverified() > 0 ? ",尚有 " + r.unverified() + " 条未核实" : "") + " / reviewed";
        });
    }

    @PostMapping("/inbox/publish")
    String publish(@RequestParam String villageCode, @RequestParam String period, RedirectAttributes ra) {
        Long[] notice = new Long[1];
        String back = act(ra, "/points/inbox?status=REVIEWED&period=" + period, () -> {
            var n = events.publishNotice(villageCode, period);
            notice[0] = n.noticeId();
            return "已发布公示,共 " + n.events() + " 条,公示 " + n.windowDays() + " 天 / notice published";
        });
        return notice[0] != null ? "redirect:/notices/" + notice[0] : back;
    }

    @PostMapping("/rectifications/{id}/rectify")
    String rectify(@PathVariable long id, @RequestParam(required = false) String note, @RequestParam(required = false) String back,
            RedirectAttributes ra) {
        return act(ra, back(back), () -> "WAIVED".equals(events.rectify(id, note).status()) ? "期限内整改,免除扣分 / waived"
                : "已逾期,扣分照常 / late: the deduction applies");
    }

    // ---- results ---------------------------------------------------------------------------------

    /** Rows per ranking page: a township lists tens of thousands of households; print and export take them all. */
    static final int RANKING_PAGE = 100;

    @GetMapping("/rankings")
    String rankings(@RequestParam(required = false) String division, @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "0") int page, Model model) {
        String code = division == null || division.isBlank() ? ScopeGuard.actor().scopeCode() : division;
        if (code.length() < 9) {
            // a county-wide ranking is not made: ask for a township or village first
            Period p = period == null || period.isBlank() ? Period.current(clock, Period.Kind.MONTH) : Period.parse(period, "period");
            model.addAttribute("ranking", new org.shanzhi.points.Ranking(code, "请选择乡镇或村 / choose a township or village", p.key(),
                    p.label(), 100, "EXCLUDE", List.of(), 0, 0, RANKING_PAGE));
            model.addAttribute("groups", List.of());
            return "points/rankings";
        }
        model.addAttribute("ranking", results.ranking(code, period, Math.max(0, page), RANKING_PAGE));
        model.addAttribute("groups", code.length() == 12 && page <= 0 ? results.groups(code, period) : List.of());
        return "points/rankings";
    }

    /** The ranking as .xlsx (same division and period as the page), stars as ★. */
    @GetMapping("/rankings/export.xlsx")
    org.springframework.http.ResponseEntity<byte[]> rankingsExport(@RequestParam(required = false) String division,
            @RequestParam(required = false) String period) {
        String code = division == null || division.isBlank() ? ScopeGuard.actor().scopeCode() : division;
        org.shanzhi.points.Ranking r = results.ranking(code, period);
        try (org.shanzhi.common.XlsxExport x = new org.shanzhi.common.XlsxExport("积分排名", List.of("村排名", "组排名", "乡镇排名", "对象", "小组",
                "得分", "本期积分", "星级", "一票否决"))) {
            r.rows().forEach(w -> x.row(w.villageRank(), w.groupRank(), w.townshipRank(), w.label(), w.groupName(), w.score(), w.points(),
                    "★".repeat(w.stars()), w.vetoed() ? "是" : ""));
            return x.download("积分排名-" + r.period() + ".xlsx");
        }
    }

    @GetMapping("/lists")
    String lists(@RequestParam(required = false) String village, @RequestParam(required = false) String period, Model model) {
        String v = village == null || village.isBlank() ? ScopeGuard.actor().scopeCode() : village;
        String p = period == null || period.isBlank() ? Period.current(clock, Period.Kind.MONTH).previous().key() : period;
        model.addAttribute("village", v);
        model.addAttribute("period", p);
        model.addAttribute("entries", v.length() == 12 ? results.lists(v, p) : List.of());
        model.addAttribute("nominations", v.length() == 12 ? results.nominations(v, null) : List.of());
        return "points/lists";
    }

    /** The month's ranking with stars as a board to pin (A4 or A3 PDF). */
    @GetMapping("/rankings/print.pdf")
    org.springframework.http.ResponseEntity<byte[]> rankingBoard(@RequestParam(required = false) String division,
            @RequestParam(required = false) String period, @RequestParam(defaultValue = "A4") String size) {
        org.shanzhi.common.PrintBoard.Paper paper = org.shanzhi.common.PrintBoard.Paper.of(size);
        String code = division == null || division.isBlank() ? ScopeGuard.actor().scopeCode() : division;
        org.shanzhi.points.Ranking r = results.ranking(code, period);
        boolean village = code.length() >= 12;
        List<List<String>> rows = new java.util.ArrayList<>();
        for (org.shanzhi.points.RankingRow w : r.rows()) {
            Integer rank = village ? w.villageRank() : w.townshipRank();
            rows.add(List.of(rank == null ? "—" : String.valueOf(rank), w.label(), w.groupName() == null ? "" : w.groupName(),
                    String.valueOf(w.score()), (w.points() > 0 ? "+" : "") + w.points(), w.vetoed() ? "一票否决" : "★".repeat(w.stars())));
        }
        var b = new org.shanzhi.common.PrintBoard.Board(r.divisionName() + r.periodLabel() + "积分排名", List.of(
                "基础分 " + r.baseScore() + " 分,得分 = 基础分 + 本期积分。星级按本期得分评定。"),
                List.of(new org.shanzhi.common.PrintBoard.Table(List.of("名次", "户", "小组", "得分", "本期积分", "星级"),
                        new float[] {1.2f, 6f, 3f, 1.5f, 1.9f, 2.2f}, rows)),
                List.of(r.divisionName(), java.time.LocalDate.now(clock).format(java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日"))));
        return printBoard.response(b, paper, "积分排名-" + r.period() + "-" + paper + ".pdf");
    }

    /** The month's red and black lists as a board to pin: published entries only (a black entry after its privacy check). */
    @GetMapping("/lists/print.pdf")
    org.springframework.http.ResponseEntity<byte[]> listsBoard(@RequestParam(required = false) String village,
            @RequestParam(required = false) String period, @RequestParam(defaultValue = "A4") String size) {
        org.shanzhi.common.PrintBoard.Paper paper = org.shanzhi.common.PrintBoard.Paper.of(size);
        String v = village == null || village.isBlank() ? ScopeGuard.actor().scopeCode() : village;
        if (v.length() != 12) {
            throw new org.shanzhi.common.InvalidInputException("village", "请选择一个村 / choose a village");
        }
        String p = period == null || period.isBlank() ? Period.current(clock, Period.Kind.MONTH).previous().key() : period;
        Period per = Period.parse(p, "period");
        List<org.shanzhi.points.ListEntry> entries = results.lists(v, p).stream().filter(e -> "PUBLISHED".equals(e.status())).toList();
        String name = results.ranking(v, p).divisionName();
        List<org.shanzhi.common.PrintBoard.Table> tables = new java.util.ArrayList<>();
        for (String type : List.of("RED", "BLACK")) {
            List<List<String>> rows = new java.util.ArrayList<>();
            entries.stream().filter(e -> type.equals(e.listType())).forEach(e -> rows.add(List.of(type.equals("RED") ? "红榜" : "黑榜",
                    e.rank() == null ? "" : String.valueOf(e.rank()), e.label(), String.valueOf(e.score()))));
            if (rows.isEmpty()) {
                rows.add(List.of(type.equals("RED") ? "红榜" : "黑榜", "", "(本期无)", ""));
            }
            tables.add(new org.shanzhi.common.PrintBoard.Table(List.of("榜", "名次", "户", "得分"), new float[] {1.5f, 1.5f, 6f, 2f}, rows));
        }
        var b = new org.shanzhi.common.PrintBoard.Board(name + per.label() + "红黑榜", List.of(
                "红榜表彰本期得分靠前的农户;黑榜经村两委隐私审查后公布,整改期满可申请撤榜。"), tables,
                List.of(name, java.time.LocalDate.now(clock).format(java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日"))));
        return printBoard.response(b, paper, "红黑榜-" + p + "-" + paper + ".pdf");
    }

    @PostMapping("/lists/draw")
    String draw(@RequestParam String villageCode, @RequestParam String period, RedirectAttributes ra) {
        return act(ra, "/points/lists?village=" + villageCode + "&period=" + period, () -> {
            results.drawLists(villageCode, period);
            return "已生成红黑榜,黑榜待隐私审查 / lists drawn";
        });
    }

    @PostMapping("/lists/{id}/check")
    String check(@PathVariable long id, @RequestParam boolean publish, @RequestParam(required = false) String back, RedirectAttributes ra) {
        return act(ra, back(back), () -> {
            results.checkPrivacy(id, publish);
            return publish ? "已公开 / published" : "不予公开 / withheld";
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Runs a change; a refused one comes back to the page with its reason instead of an error page. */
    static String act(RedirectAttributes ra, String back, Supplier<String> action) {
        try {
            ra.addFlashAttribute("message", action.get());
        } catch (InvalidInputException e) {
            List<String> msgs = new ArrayList<>();
            e.errors().forEach(f -> msgs.add(f.message()));
            ra.addFlashAttribute("error", String.join(";", msgs));
        } catch (ConflictException | ForbiddenException | NotFoundException | org.shanzhi.points.IdempotencyMismatch e) {
            ra.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + back;
    }

    /** Only a local path is followed back (no open redirect). */
    static String back(String back) {
        return back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/points/inbox";
    }

    private static SchemeSettings blanksToNull(SchemeSettings s) {
        return new SchemeSettings(blank(s.subjectType()), s.baseScore(), s.maxScore(), s.minScore(), s.reviewDay(), blank(s.noticeCycle()),
                s.noticeDays(), blank(s.settlement()), blank(s.redemption()), blank(s.vetoRanking()), blank(s.starMode()), s.star1(), s.star2(),
                s.star3(), blank(s.listMode()), s.redSize(), s.blackSize(), s.blackProbationDays(), blank(s.groupRule()), s.groupPassScore(),
                s.voucherQuotaPct(), s.honourQuotaPct(), s.rectificationDays());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
