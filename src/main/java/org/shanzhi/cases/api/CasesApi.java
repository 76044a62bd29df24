package org.shanzhi.cases.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.shanzhi.cases.BlowWhistle;
import org.shanzhi.cases.Case;
import org.shanzhi.cases.CaseCatalog;
import org.shanzhi.cases.CaseDesk;
import org.shanzhi.cases.CaseKind;
import org.shanzhi.cases.CaseLevel;
import org.shanzhi.cases.CaseLogEntry;
import org.shanzhi.cases.CaseMeasures;
import org.shanzhi.cases.CasePhoto;
import org.shanzhi.cases.CaseStatus;
import org.shanzhi.cases.DispatchCase;
import org.shanzhi.cases.Disputes;
import org.shanzhi.cases.HandleCase;
import org.shanzhi.cases.NewPhoto;
import org.shanzhi.cases.Rating;
import org.shanzhi.cases.ReportCase;
import org.shanzhi.cases.Visits;
import org.shanzhi.cases.WhistleCall;
import org.shanzhi.cases.internal.Idempotency;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Page;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The case loop over HTTP. Every write accepts an {@code Idempotency-Key} header: a replay answers the first
 * answer again and changes nothing. A step the case's state refuses answers 409 naming the state.
 */
@Tag(name = "cases", description = "网格事件、吹哨报到、矛盾纠纷与服务诉求 / grid events, whistles, disputes, requests")
@RestController
@RequestMapping("/api/v1/cases")
class CasesApi {

    private final CaseDesk desk;
    private final CaseCatalog catalog;
    private final Disputes disputes;
    private final Visits visits;
    private final CaseMeasures measures;
    private final Idempotency idempotency;

    CasesApi(CaseDesk desk, CaseCatalog catalog, Disputes disputes, Visits visits, CaseMeasures measures, Idempotency idempotency) {
        this.desk = desk;
        this.catalog = catalog;
        this.disputes = disputes;
        this.visits = visits;
        this.measures = measures;
        this.idempotency = idempotency;
    }

    record Note(String note) {
    }

    record Reason(String reason) {
    }

    record RateRequest(Rating rating, String note) {
    }

    record MediatorChoice(Long mediatorId, Boolean chosenByParties) {
    }

    record SessionRequest(LocalDate heldOn, Disputes.Outcome outcome, String note) {
    }

    record AgreementRequest(String agreement, LocalDate followUpOn) {
    }

    record CategoryRequest(String code, String name, CaseKind kind, CaseLevel startLevel, String department, Integer position,
            Boolean active) {
    }

    record DepartmentRequest(String name) {
    }

    record LimitRequest(Integer hours) {
    }

    record PhotoRef(long id, long caseId) {
    }

    private ResponseEntity<?> once(String key, HttpStatus status, HttpServletRequest req, Object body, Supplier<?> work) {
        return idempotency.run(key, status, idempotency.describe(req.getMethod(), req.getRequestURI(), body), work);
    }

    // ---- the loop --------------------------------------------------------------------------------

    @Operation(summary = "案件列表(本人范围内)/ cases in your scope")
    @GetMapping
    Page<Case> list(@RequestParam(required = false) String division, @RequestParam(required = false) CaseLevel level,
            @RequestParam(required = false) CaseStatus status, @RequestParam(required = false) CaseKind kind,
            @RequestParam(defaultValue = "false") boolean mine, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return desk.list(division, level, status, kind, mine, page, size);
    }

    @Operation(summary = "分级待办(未结案件,临期在前)/ inbox of one level, most urgent first")
    @GetMapping("/inbox")
    Page<Case> inbox(@RequestParam(required = false) CaseLevel level, @RequestParam(required = false) String division,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return desk.inbox(level, division, page, size);
    }

    @Operation(summary = "上报问题 / report a problem")
    @PostMapping
    ResponseEntity<?> report(@RequestBody ReportCase body, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
            HttpServletRequest req) {
        return once(key, HttpStatus.CREATED, req, body, () -> desk.report(body));
    }

    @GetMapping("/{id}")
    Case get(@PathVariable long id) {
        return desk.get(id);
    }

    @Operation(summary = "案件流转记录 / the case log")
    @GetMapping("/{id}/log")
    List<CaseLogEntry> log(@PathVariable long id) {
        return desk.log(id);
    }

    @Operation(summary = "立案 / accept")
    @PostMapping("/{id}/accept")
    ResponseEntity<?> accept(@PathVariable long id, @RequestBody(required = false) Note body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> desk.accept(id, body == null ? null : body.note()));
    }

    @Operation(summary = "不予立案 / refuse, with a reason")
    @PostMapping("/{id}/refuse")
    ResponseEntity<?> refuse(@PathVariable long id, @RequestBody(required = false) Reason body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> desk.refuse(id, body == null ? null : body.reason()));
    }

    @Operation(summary = "派遣(人员、层级或部门)/ dispatch to a person, a level or a department")
    @PostMapping("/{id}/dispatch")
    ResponseEntity<?> dispatch(@PathVariable long id, @RequestBody(required = false) DispatchCase body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> desk.dispatch(id, body));
    }

    @Operation(summary = "办结 / record the handling")
    @PostMapping("/{id}/handle")
    ResponseEntity<?> handle(@PathVariable long id, @RequestBody(required = false) HandleCase body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> desk.handle(id, body));
    }

    @Operation(summary = "反馈报告人 / feed back to the reporter")
    @PostMapping("/{id}/feedback")
    ResponseEntity<?> feedback(@PathVariable long id, @RequestBody(required = false) Note body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> desk.feedback(id, body == null ? null : body.note()));
    }

    @Operation(summary = "评价(满意/基本满意/不满意)/ rate")
    @PostMapping("/{id}/rate")
    ResponseEntity<?> rate(@PathVariable long id, @RequestBody(required = false) RateRequest body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body,
                () -> desk.rate(id, body == null ? null : body.rating(), body == null ? null : body.note()));
    }

    @Operation(summary = "重办(不满意,仅一次)/ reopen once after not satisfied")
    @PostMapping("/{id}/reopen")
    ResponseEntity<?> reopen(@PathVariable long id, @RequestBody(required = false) Reason body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> desk.reopen(id, body == null ? null : body.reason()));
    }

    @Operation(summary = "结案 / close after a rating")
    @PostMapping("/{id}/close")
    ResponseEntity<?> close(@PathVariable long id, @RequestBody(required = false) Note body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> desk.close(id, body == null ? null : body.note()));
    }

    // ---- whistle ---------------------------------------------------------------------------------

    @Operation(summary = "吹哨:召集县直部门限时报到 / blow the whistle on county departments")
    @PostMapping("/{id}/whistle")
    ResponseEntity<?> whistle(@PathVariable long id, @RequestBody(required = false) BlowWhistle body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> desk.whistle(id, body));
    }

    @Operation(summary = "部门报到 / a whistled department responds")
    @PostMapping("/{id}/respond")
    ResponseEntity<?> respond(@PathVariable long id, @RequestBody(required = false) Note body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> desk.respond(id, body == null ? null : body.note()));
    }

    @Operation(summary = "本案的吹哨与报到 / the whistle calls of a case")
    @GetMapping("/{id}/whistles")
    List<WhistleCall> calls(@PathVariable long id) {
        return desk.calls(id);
    }

    @Operation(summary = "吹哨报到清单(部门人员看本部门)/ whistle calls in scope (department staff: theirs)")
    @GetMapping("/whistles")
    Page<WhistleCall> whistles(@RequestParam(required = false) WhistleCall.State state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return desk.whistleCalls(state, page, size);
    }

    // ---- photos ----------------------------------------------------------------------------------

    @Operation(summary = "补充照片 / add a photo (multipart field file)")
    @PostMapping("/{id}/photos")
    ResponseEntity<?> addPhoto(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) throws IOException {
        NewPhoto photo = file == null || file.isEmpty() ? null : new NewPhoto(file.getContentType(), file.getBytes());
        if (photo == null) {
            desk.addPhoto(id, null); // scope and role first (404, 403), then the missing file (400)
        }
        return once(key, HttpStatus.CREATED, req, Map.of("size", photo.data().length),
                () -> new PhotoRef(desk.addPhoto(id, photo), id));
    }

    @GetMapping("/{id}/photos/{photoId}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        CasePhoto p = desk.photo(id, photoId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(p.contentType()))
                .header("Cache-Control", "private, max-age=86400").body(p.data());
    }

    // ---- disputes --------------------------------------------------------------------------------

    @Operation(summary = "纠纷详情:当事人、调解员、调解记录、协议 / a dispute")
    @GetMapping("/{id}/dispute")
    Disputes.Dispute dispute(@PathVariable long id) {
        return disputes.dispute(id);
    }

    @Operation(summary = "选择调解员(当事人可选)/ choose the mediator (the parties may)")
    @PutMapping("/{id}/dispute/mediator")
    ResponseEntity<?> mediator(@PathVariable long id, @RequestBody(required = false) MediatorChoice body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> disputes.chooseMediator(id, body == null ? null : body.mediatorId(),
                body != null && Boolean.TRUE.equals(body.chosenByParties())));
    }

    @Operation(summary = "调解记录 / record a mediation session")
    @PostMapping("/{id}/dispute/sessions")
    ResponseEntity<?> session(@PathVariable long id, @RequestBody(required = false) SessionRequest body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> disputes.recordSession(id, body == null ? null : body.heldOn(),
                body == null ? null : body.outcome(), body == null ? null : body.note()));
    }

    @Operation(summary = "调解协议(办结)/ record the agreement (handles the case)")
    @PostMapping("/{id}/dispute/agreement")
    ResponseEntity<?> agreement(@PathVariable long id, @RequestBody(required = false) AgreementRequest body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> disputes.agree(id, body == null ? null : body.agreement(),
                body == null ? null : body.followUpOn()));
    }

    @Operation(summary = "调解不成,移交上一级 / refer a failed mediation to the next tier")
    @PostMapping("/{id}/dispute/refer")
    ResponseEntity<?> refer(@PathVariable long id, @RequestBody(required = false) Reason body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> disputes.refer(id, body == null ? null : body.reason()));
    }

    @Operation(summary = "回访 / the follow-up visit")
    @PostMapping("/{id}/dispute/follow-up")
    ResponseEntity<?> followUp(@PathVariable long id, @RequestBody(required = false) Note body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> disputes.followUp(id, body == null ? null : body.note()));
    }

    @Operation(summary = "可选调解员(本村、本乡镇、本县)/ mediators serving a place")
    @GetMapping("/mediators")
    List<Disputes.Mediator> mediators(@RequestParam(required = false) String division) {
        return disputes.mediators(division);
    }

    @PostMapping("/mediators")
    ResponseEntity<?> addMediator(@RequestBody(required = false) Disputes.NewMediator body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.CREATED, req, body, () -> disputes.addMediator(body));
    }

    // ---- configuration ---------------------------------------------------------------------------

    @Operation(summary = "问题类别 / categories of the county")
    @GetMapping("/categories")
    List<CaseCatalog.Category> categories() {
        return catalog.categories();
    }

    @Operation(summary = "新增或修改问题类别(县级管理员)/ add or change a category")
    @PostMapping("/categories")
    ResponseEntity<?> defineCategory(@RequestBody(required = false) CategoryRequest body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        if (body == null) {
            throw new InvalidInputException("body", "请求体必填 / body is required");
        }
        return once(key, HttpStatus.OK, req, body, () -> catalog.defineCategory(new CaseCatalog.Category(body.code(), body.name(),
                body.kind(), body.startLevel(), body.department(), body.position() == null ? 100 : body.position(),
                body.active() == null || body.active())));
    }

    @GetMapping("/departments")
    List<String> departments() {
        return catalog.departments();
    }

    @PostMapping("/departments")
    ResponseEntity<?> defineDepartment(@RequestBody(required = false) DepartmentRequest body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> catalog.defineDepartment(body == null ? null : body.name()));
    }

    @Operation(summary = "各层级时限 / time limit of each level")
    @GetMapping("/levels")
    List<CaseCatalog.LevelLimit> levels() {
        return catalog.limits();
    }

    @PutMapping("/levels/{level}")
    ResponseEntity<?> setLevel(@PathVariable CaseLevel level, @RequestBody(required = false) LimitRequest body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.OK, req, body, () -> catalog.setLimit(level, body == null ? null : body.hours()));
    }

    // ---- measures and visits ---------------------------------------------------------------------

    @Operation(summary = "考核指标:响应率、按时办结率、超时率、满意率、平均办理时长 / measures per unit and period")
    @GetMapping("/measures")
    CaseMeasures.Report measures(@RequestParam(required = false) CaseMeasures.Unit unit,
            @RequestParam(required = false) String division,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return measures.measure(unit == null ? CaseMeasures.Unit.VILLAGE : unit, division, from, to);
    }

    @Operation(summary = "记录走访 / log a household visit")
    @PostMapping("/visits")
    ResponseEntity<?> visit(@RequestBody(required = false) Visits.RecordVisit body,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        return once(key, HttpStatus.CREATED, req, body, () -> visits.record(body));
    }

    @GetMapping("/visits")
    Page<Visits.Visit> visits(@RequestParam(required = false) String division, @RequestParam(required = false) Long household,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return visits.list(division, household, page, size);
    }

    @Operation(summary = "走访覆盖率与未走访户 / visit coverage and households not visited")
    @GetMapping("/visits/coverage")
    Visits.Coverage coverage(@RequestParam(required = false) String division, @RequestParam(required = false) Long grid,
            @RequestParam(defaultValue = "30") int days, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return visits.coverage(division, grid, days, page, size);
    }
}
