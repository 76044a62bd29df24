package org.shanzhi.cases.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shanzhi.cases.Case;
import org.shanzhi.cases.CaseCatalog;
import org.shanzhi.cases.CaseDesk;
import org.shanzhi.cases.Channel;
import org.shanzhi.cases.ReportCase;
import org.shanzhi.cases.internal.Idempotency;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.common.TimeConfig;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Open311 GeoReport v2 (JSON only; the spec's XML is not served) so existing 311 clients can report into the
 * case loop. {@code jurisdiction_id} is the county code. Categories are the services; a request is a case.
 *
 * <p><b>Authentication.</b> Service discovery ({@code services.json}) is public, with {@code jurisdiction_id}
 * naming the county. Everything else needs an account: a bearer token ({@code Authorization: Bearer ...}, from
 * {@code POST /api/v1/auth/token}) or, for clients that can only send GeoReport's {@code api_key}, the same
 * token as {@code api_key} (best in the form body, over HTTPS). A villager's request is about their own
 * household; a hotline operator (county, township or village staff) names the place with {@code address_id}
 * (a village or group code) and may give the caller's {@code first_name}, {@code last_name} and {@code phone}.
 *
 * <p>Errors follow GeoReport: {@code [{"code": 400, "description": "..."}]} with the same HTTP status.
 */
@Tag(name = "open311", description = "Open311 GeoReport v2 兼容接口 / compatible endpoints")
@RestController
@RequestMapping("/open311/v2")
class Open311Api {

    private final CaseDesk desk;
    private final CaseCatalog catalog;
    private final Idempotency idempotency;

    Open311Api(CaseDesk desk, CaseCatalog catalog, Idempotency idempotency) {
        this.desk = desk;
        this.catalog = catalog;
        this.idempotency = idempotency;
    }

    @Operation(summary = "服务列表(问题类别)/ GET Service List")
    @GetMapping("/services.json")
    List<Map<String, Object>> services(@RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        String county = ScopeGuard.current().map(Actor::countyCode).orElse(null);
        if (county == null) {
            if (jurisdiction == null || jurisdiction.isBlank()) {
                throw new InvalidInputException("jurisdiction_id", "请提供 jurisdiction_id(县代码)/ jurisdiction_id (the county code) is required");
            }
            county = jurisdiction.trim();
        } else if (jurisdiction != null && !jurisdiction.isBlank() && !jurisdiction.trim().equals(county)) {
            throw new NotFoundException("未知的 jurisdiction_id / unknown jurisdiction_id");
        }
        List<CaseCatalog.Category> categories = catalog.categories(county);
        if (categories.isEmpty()) {
            throw new NotFoundException("未知的 jurisdiction_id / unknown jurisdiction_id");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (CaseCatalog.Category c : categories) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_code", c.code());
            m.put("service_name", c.name());
            m.put("description", c.kind().label() + (c.department() == null ? "" : ",主办部门 / lead: " + c.department()));
            m.put("metadata", false);
            m.put("type", "realtime");
            m.put("keywords", c.kind().name().toLowerCase());
            m.put("group", c.kind().label());
            out.add(m);
        }
        return out;
    }

    @Operation(summary = "提交诉求(表单编码)/ POST Service Request (form-encoded)")
    @PostMapping("/requests.json")
    ResponseEntity<?> create(@RequestParam(name = "service_code", required = false) String serviceCode,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
            @RequestParam(name = "description", required = false) String description,
            @RequestParam(name = "lat", required = false) BigDecimal lat,
            @RequestParam(name = "long", required = false) BigDecimal lon,
            @RequestParam(name = "address_string", required = false) String address,
            @RequestParam(name = "address_id", required = false) String addressId,
            @RequestParam(name = "first_name", required = false) String firstName,
            @RequestParam(name = "last_name", required = false) String lastName,
            @RequestParam(name = "phone", required = false) String phone,
            @RequestParam(name = "media_url", required = false) String mediaUrl,
            @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest req) {
        Actor a = ScopeGuard.actor();
        if (jurisdiction != null && !jurisdiction.isBlank() && !jurisdiction.trim().equals(a.countyCode())) {
            throw new NotFoundException("未知的 jurisdiction_id / unknown jurisdiction_id");
        }
        if (serviceCode == null || serviceCode.isBlank()) {
            throw new InvalidInputException("service_code", "service_code 必填 / service_code is required");
        }
        String text = description;
        if ((text == null || text.isBlank()) && mediaUrl != null && !mediaUrl.isBlank()) {
            text = "见图片 / see the photo";
        }
        String name = ((firstName == null ? "" : firstName.trim()) + (lastName == null ? "" : lastName.trim())).trim();
        ReportCase cmd = new ReportCase(serviceCode.trim(), null, null, text, null, addressId, null, address, lat, lon, mediaUrl,
                false, null, name.isEmpty() ? null : name, phone, null);
        Map<String, Object> identity = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> {
            if (!k.equals("api_key")) {
                identity.put(k, List.of(v));
            }
        });
        return idempotency.run(key, HttpStatus.OK, idempotency.describe("POST", req.getRequestURI(), identity), () -> {
            Case k = desk.report(cmd, Channel.OPEN311, null);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_request_id", String.valueOf(k.id()));
            m.put("service_notice", "已受理上报,请关注办理进度 / received; follow its progress");
            m.put("account_id", null);
            return List.of(m);
        });
    }

    @Operation(summary = "查询诉求 / GET Service Requests")
    @GetMapping("/requests.json")
    List<Map<String, Object>> requests(@RequestParam(name = "service_request_id", required = false) String ids,
            @RequestParam(name = "service_code", required = false) String serviceCode,
            @RequestParam(name = "start_date", required = false) String startDate,
            @RequestParam(name = "end_date", required = false) String endDate,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "page_size", defaultValue = "50") int pageSize) {
        List<Long> idList = new ArrayList<>();
        if (ids != null && !ids.isBlank()) {
            for (String s : ids.split(",")) {
                try {
                    idList.add(Long.parseLong(s.trim()));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("service_request_id", "格式不正确 / malformed id: " + s.trim());
                }
            }
        }
        Boolean open = null;
        if (status != null && !status.isBlank()) {
            List<Boolean> states = new ArrayList<>();
            for (String s : status.split(",")) {
                switch (s.trim()) {
                    case "open" -> states.add(true);
                    case "closed" -> states.add(false);
                    default -> throw new InvalidInputException("status", "应为 open 或 closed / open or closed");
                }
            }
            open = states.stream().distinct().count() == 1 ? states.get(0) : null;
        }
        if (page < 1) {
            throw new InvalidInputException("page", "页码从 1 开始 / page starts at 1");
        }
        Page<Case> found = desk.requests(idList, serviceCode == null || serviceCode.isBlank() ? null : serviceCode.trim(),
                time("start_date", startDate), time("end_date", endDate), open, page - 1, pageSize);
        return render(found.items());
    }

    @Operation(summary = "查询单个诉求 / GET Service Request")
    @GetMapping("/requests/{id}.json")
    List<Map<String, Object>> request(@PathVariable long id) {
        return render(List.of(desk.get(id)));
    }

    private List<Map<String, Object>> render(List<Case> cases) {
        Map<Long, String> notes = desk.lastNotes(cases);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Case k : cases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_request_id", String.valueOf(k.id()));
            m.put("status", k.status().open() ? "open" : "closed");
            m.put("status_notes", k.status().label() + " " + k.status() + (notes.containsKey(k.id()) && notes.get(k.id()) != null
                    ? ": " + notes.get(k.id()) : ""));
            m.put("service_name", k.categoryName());
            m.put("service_code", k.categoryCode());
            m.put("description", k.description());
            m.put("agency_responsible", k.handlerDepartment() != null ? k.handlerDepartment()
                    : k.handlerName() != null ? k.handlerName() : k.level().label());
            m.put("service_notice", null);
            m.put("requested_datetime", iso(k.reportedAt()));
            m.put("updated_datetime", iso(k.updatedAt()));
            m.put("expected_datetime", k.status().timed() ? iso(k.dueAt()) : null);
            m.put("address", k.address());
            m.put("address_id", k.groupCode() != null ? k.groupCode() : k.villageCode());
            m.put("zipcode", null);
            m.put("lat", k.lat());
            m.put("long", k.lon());
            m.put("media_url", k.mediaUrl());
            out.add(m);
        }
        return out;
    }

    private static String iso(LocalDateTime t) {
        return t == null ? null : t.atZone(TimeConfig.ZONE).toOffsetDateTime().toString();
    }

    private static LocalDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).atZoneSameInstant(TimeConfig.ZONE).toLocalDateTime();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "应为带时区的 ISO 8601 时间 / ISO 8601 with a time zone, e.g. 2026-03-01T00:00:00+08:00");
        }
    }

    // ---- GeoReport errors: [{"code": ..., "description": ...}] -----------------------------------

    private static ResponseEntity<List<Map<String, Object>>> error(HttpStatus status, String description) {
        return ResponseEntity.status(status).body(List.of(Map.of("code", status.value(), "description", description)));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<List<Map<String, Object>>> invalid(InvalidInputException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<List<Map<String, Object>>> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<List<Map<String, Object>>> forbidden(ForbiddenException e) {
        return error(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<List<Map<String, Object>>> conflict(ConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<List<Map<String, Object>>> missing(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, e.getParameterName() + ": 必填 / required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<List<Map<String, Object>>> mismatch(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, e.getName() + ": 格式不正确 / malformed value");
    }
}
