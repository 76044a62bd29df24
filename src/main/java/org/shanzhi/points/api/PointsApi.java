package org.shanzhi.points.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ProblemHandler;
import org.shanzhi.points.Declaration;
import org.shanzhi.points.Decision;
import org.shanzhi.points.EvidencePhoto;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.multipart.MultipartFile;
import org.shanzhi.points.GroupResult;
import org.shanzhi.points.IdempotencyMismatch;
import org.shanzhi.points.LedgerEntry;
import org.shanzhi.points.ListEntry;
import org.shanzhi.points.NewItem;
import org.shanzhi.points.NewScheme;
import org.shanzhi.points.Nomination;
import org.shanzhi.points.PeriodNotice;
import org.shanzhi.points.PointsResults;
import org.shanzhi.points.PointsSchemes;
import org.shanzhi.points.Ranking;
import org.shanzhi.points.Rectification;
import org.shanzhi.points.ReviewResult;
import org.shanzhi.points.Scheme;
import org.shanzhi.points.SchemeItem;
import org.shanzhi.points.SchemeSettings;
import org.shanzhi.points.ScoreEvent;
import org.shanzhi.points.ScoreEvents;
import org.shanzhi.points.Settlement;
import org.shanzhi.points.Standing;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "points", description = "积分制:方案、积分事件、公示、台账、排名与红黑榜 / the points system")
@RestController
@RequestMapping("/api/v1/points")
class PointsApi {

    private final PointsSchemes schemes;
    private final ScoreEvents events;
    private final PointsResults results;

    PointsApi(PointsSchemes schemes, ScoreEvents events, PointsResults results) {
        this.schemes = schemes;
        this.events = events;
        this.results = results;
    }

    @ExceptionHandler(IdempotencyMismatch.class)
    ResponseEntity<ProblemDetail> mismatch(IdempotencyMismatch e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(ProblemHandler.problem(HttpStatus.UNPROCESSABLE_CONTENT,
                "幂等键冲突 / Idempotency-Key reused", e.getMessage(),
                List.of(new InvalidInputException.FieldError("Idempotency-Key", e.getMessage()))));
    }

    // ---- schemes ---------------------------------------------------------------------------------

    @Operation(summary = "积分方案(本级及上级模板) / schemes on the path of a node")
    @GetMapping("/schemes")
    List<Scheme> schemes(@RequestParam(required = false) String division) {
        return schemes.list(division);
    }

    @Operation(summary = "起草方案或模板 / draft a scheme or a template")
    @PostMapping("/schemes")
    @ResponseStatus(HttpStatus.CREATED)
    Scheme create(@RequestBody NewScheme body) {
        return schemes.create(body);
    }

    @GetMapping("/schemes/{id}")
    Scheme scheme(@PathVariable long id) {
        return schemes.scheme(id);
    }

    record SchemeUpdate(String name, List<String> mandatoryCategories, SchemeSettings settings) {
    }

    @Operation(summary = "修改草稿的名称与规则 / change a draft's name and rules")
    @PutMapping("/schemes/{id}")
    Scheme update(@PathVariable long id, @RequestBody SchemeUpdate body) {
        return schemes.update(id, body.name(), body.mandatoryCategories(), body.settings());
    }

    @Operation(summary = "添加积分事项 / add an item to a draft")
    @PostMapping("/schemes/{id}/items")
    @ResponseStatus(HttpStatus.CREATED)
    SchemeItem addItem(@PathVariable long id, @RequestBody NewItem body) {
        return schemes.addItem(id, body);
    }

    @DeleteMapping("/schemes/{id}/items/{itemId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeItem(@PathVariable long id, @PathVariable long itemId) {
        schemes.removeItem(id, itemId);
    }

    @Operation(summary = "按表决结果通过方案(模板为发布) / adopt a draft by its recorded decision (publish a template)")
    @PostMapping("/schemes/{id}/adopt")
    Scheme adopt(@PathVariable long id, @RequestBody(required = false) Decision body) {
        return schemes.adopt(id, body);
    }

    @Operation(summary = "新建版本 / a new draft version")
    @PostMapping("/schemes/{id}/versions")
    @ResponseStatus(HttpStatus.CREATED)
    Scheme newVersion(@PathVariable long id) {
        return schemes.newVersion(id);
    }

    // ---- events ----------------------------------------------------------------------------------

    @Operation(summary = "申报或记录积分(支持 Idempotency-Key) / declare or record a score event (Idempotency-Key)")
    @PostMapping("/events")
    ResponseEntity<ScoreEvent> declare(@RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody Declaration body) {
        ScoreEvents.Declared d = events.declare(body, key);
        return ResponseEntity.status(HttpStatus.CREATED).header("Idempotent-Replayed", String.valueOf(d.replayed())).body(d.event());
    }

    @Operation(summary = "带照片申报(multipart:字段同 /events,照片为 photos,最多 3 张 JPEG/PNG/WebP;支持 Idempotency-Key) / "
            + "declare with photos (multipart; photos: up to 3 JPEG/PNG/WebP; Idempotency-Key)")
    @PostMapping(value = "/declarations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ScoreEvent> declareWithPhotos(@RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestParam(required = false) Long householdId, @RequestParam(required = false) String subjectType,
            @RequestParam(required = false) Long subjectId, @RequestParam(required = false) Long itemId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate occurredOn,
            @RequestParam(required = false) String source, @RequestParam(required = false) String organisation,
            @RequestParam(required = false) String description, @RequestParam(required = false) String evidenceText,
            @RequestParam(name = "photos", required = false) List<MultipartFile> photos) throws IOException {
        List<EvidencePhoto> pics = new ArrayList<>();
        if (photos != null) {
            for (MultipartFile f : photos) {
                if (f != null && !f.isEmpty()) {
                    pics.add(EvidencePhoto.of(f.getBytes()));
                }
            }
        }
        ScoreEvents.Declared d = events.declare(new Declaration(householdId, subjectType, subjectId, itemId, occurredOn, source, organisation,
                description, evidenceText, null), pics, key);
        return ResponseEntity.status(HttpStatus.CREATED).header("Idempotent-Replayed", String.valueOf(d.replayed())).body(d.event());
    }

    @Operation(summary = "积分事件的照片(可读该事件者) / a photo of a score event (whoever may read the event)")
    @GetMapping("/events/{id}/photos/{photoId}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        EvidencePhoto p = events.photo(id, photoId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(p.contentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate()).body(p.data());
    }

    @GetMapping("/events")
    Page<ScoreEvent> list(@RequestParam(required = false) String division, @RequestParam(required = false) String status,
            @RequestParam(required = false) String period, @RequestParam(required = false) Long householdId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return events.list(division, status, period, householdId, page, size);
    }

    @GetMapping("/events/{id}")
    ScoreEvent event(@PathVariable long id) {
        return events.event(id);
    }

    record EventIds(List<Long> eventIds, String reason) {
    }

    @Operation(summary = "批量核实 / verify events in a batch")
    @PostMapping("/events/verify")
    List<ScoreEvent> verify(@RequestBody EventIds body) {
        return events.verify(body.eventIds());
    }

    @Operation(summary = "批量退回(不予认定) / reject events in a batch")
    @PostMapping("/events/reject")
    List<ScoreEvent> reject(@RequestBody EventIds body) {
        return events.reject(body.eventIds(), body.reason());
    }

    record Reason(String reason) {
    }

    @Operation(summary = "冲正已入账积分 / reverse a credited event with a reason")
    @PostMapping("/events/{id}/reverse")
    ScoreEvent reverse(@PathVariable long id, @RequestBody Reason body) {
        return events.reverse(id, body.reason());
    }

    record ReviewRequest(String villageCode, String period, List<Long> eventIds) {
    }

    @Operation(summary = "按期批量审核(审核日起) / review a period's verified events in a batch")
    @PostMapping("/reviews")
    ReviewResult review(@RequestBody ReviewRequest body) {
        return events.review(body.villageCode(), body.period(), body.eventIds());
    }

    record PeriodRequest(String villageCode, String period) {
    }

    @Operation(summary = "发布本期积分公示 / put a period's reviewed events on public notice")
    @PostMapping("/notices")
    @ResponseStatus(HttpStatus.CREATED)
    PeriodNotice publish(@RequestBody PeriodRequest body) {
        return events.publishNotice(body.villageCode(), body.period());
    }

    @Operation(summary = "整改告知书 / rectification notices")
    @GetMapping("/rectifications")
    Page<Rectification> rectifications(@RequestParam(required = false) String division, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return events.rectifications(division, status, page, size);
    }

    record Note(String note) {
    }

    @Operation(summary = "登记已整改(期限内免除扣分) / record a rectification (in time: the deduction is waived)")
    @PostMapping("/rectifications/{id}/rectify")
    Rectification rectify(@PathVariable long id, @RequestBody(required = false) Note body) {
        return events.rectify(id, body == null ? null : body.note());
    }

    record SubjectRequest(String villageCode, String kind, String name) {
    }

    @Operation(summary = "登记其他积分对象(企业、家庭农场) / register another subject (enterprise, family farm)")
    @PostMapping("/subjects")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> subject(@RequestBody SubjectRequest body) {
        return Map.of("id", events.newSubject(body.villageCode(), body.kind(), body.name()));
    }

    // ---- results ---------------------------------------------------------------------------------

    @Operation(summary = "排名与星级(乡镇、村或小组;期间 2026-03、2026-Q1、2026;分页) / rankings and stars, a page at a time")
    @GetMapping("/rankings")
    Ranking ranking(@RequestParam(required = false) String division, @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        org.shanzhi.common.Page.check(page, size);
        return results.ranking(division, period, page, size);
    }

    @Operation(summary = "村民小组评定(一户不达标则全组不达标) / villager group results")
    @GetMapping("/groups")
    List<GroupResult> groups(@RequestParam String village, @RequestParam(required = false) String period) {
        return results.groups(village, period);
    }

    @Operation(summary = "本户积分、排名与星级 / a household's score, rank and stars")
    @GetMapping("/households/{id}")
    Standing standing(@PathVariable long id, @RequestParam(required = false) String period) {
        return results.standing(id, period);
    }

    @Operation(summary = "本户积分台账 / a household's ledger")
    @GetMapping("/households/{id}/ledger")
    Page<LedgerEntry> ledger(@PathVariable long id, @RequestParam(required = false) Integer year,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return results.ledger(id, year, page, size);
    }

    @Operation(summary = "红黑榜 / red and black lists")
    @GetMapping("/lists")
    List<ListEntry> lists(@RequestParam String village, @RequestParam(required = false) String period) {
        return results.lists(village, period);
    }

    @Operation(summary = "生成本期红黑榜 / draw a period's red and black lists")
    @PostMapping("/lists")
    List<ListEntry> draw(@RequestBody PeriodRequest body) {
        return results.drawLists(body.villageCode(), body.period());
    }

    record PrivacyCheck(Boolean publish) {
    }

    @Operation(summary = "黑榜隐私审查:公开或不公开 / privacy check of a black-list entry")
    @PostMapping("/lists/{id}/privacy-check")
    ListEntry check(@PathVariable long id, @RequestBody PrivacyCheck body) {
        if (body.publish() == null) {
            throw new InvalidInputException("publish", "请选择是否公开 / say whether to publish");
        }
        return results.checkPrivacy(id, body.publish());
    }

    @Operation(summary = "考察期满申请撤榜 / apply to lift a black-list entry after probation")
    @PostMapping("/lists/{id}/lift")
    ListEntry lift(@PathVariable long id, @RequestBody Reason body) {
        return results.applyLift(id, body.reason());
    }

    @GetMapping("/nominations")
    List<Nomination> nominations(@RequestParam String village, @RequestParam(required = false) Integer year) {
        return results.nominations(village, year);
    }

    record NominationRequest(String kind, Long householdId, String reason) {
    }

    @Operation(summary = "提名积分券或新时代文明户(受名额限制) / nominate for vouchers or 新时代文明户 (quota)")
    @PostMapping("/nominations")
    @ResponseStatus(HttpStatus.CREATED)
    Nomination nominate(@RequestBody NominationRequest body) {
        if (body.householdId() == null) {
            throw new InvalidInputException("householdId", "请选择农户 / choose a household");
        }
        return results.nominate(body.kind(), body.householdId(), body.reason());
    }

    record SettlementRequest(String villageCode, Integer year) {
    }

    @Operation(summary = "年度核算(可重复调用) / settle a finished year (idempotent)")
    @PostMapping("/settlements")
    Settlement settle(@RequestBody SettlementRequest body) {
        if (body.year() == null) {
            throw new InvalidInputException("year", "请填写年度 / year is required");
        }
        return results.settle(body.villageCode(), body.year());
    }
}
