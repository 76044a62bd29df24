package org.shanzhi.deliberation.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.shanzhi.common.Page;
import org.shanzhi.deliberation.DeliberationSettings;
import org.shanzhi.deliberation.Matter;
import org.shanzhi.deliberation.MatterType;
import org.shanzhi.deliberation.Matters;
import org.shanzhi.deliberation.internal.DeliberationPolicy;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "deliberation", description = "四议两公开、事项类型与设置 / the 四议两公开 procedure, matter types and settings")
@RestController
@RequestMapping("/api/v1/deliberation")
class ProceduresApi {

    private final Matters matters;
    private final DeliberationSettings settings;

    ProceduresApi(Matters matters, DeliberationSettings settings) {
        this.matters = matters;
        this.settings = settings;
    }

    @GetMapping("/settings")
    DeliberationSettings.Settings settings() {
        return settings.current();
    }

    @Operation(summary = "修改会议通知天数与任期(县级管理员) / change the meeting notice and terms (county admin)")
    @PutMapping("/settings")
    DeliberationSettings.Settings changeSettings(@RequestBody DeliberationSettings.Change body) {
        return settings.change(body);
    }

    @Operation(summary = "须经四议两公开的事项类型 / matter types that require 四议两公开")
    @GetMapping("/matter-types")
    List<MatterType> matterTypes() {
        return matters.matterTypes();
    }

    @PutMapping("/matter-types/{code}")
    MatterType defineMatterType(@PathVariable String code, @RequestBody Matters.MatterTypeChange body) {
        return matters.defineMatterType(code, body);
    }

    @Operation(summary = "该事项是否须经四议两公开 / whether a matter type at an amount requires 四议两公开")
    @GetMapping("/matter-types/{code}/requires")
    Map<String, Object> requires(@PathVariable String code, @RequestParam(required = false) BigDecimal amount) {
        String county = DeliberationPolicy.requireAccess().countyCode();
        return Map.of("matterType", code, "required", matters.requiresProcedure(county, code, amount));
    }

    @GetMapping("/matters")
    Page<Matter> matters(@RequestParam(required = false) String division, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return matters.list(division, status, page, size);
    }

    @Operation(summary = "立项(可由提议转入) / open a matter (optionally from a proposal)")
    @PostMapping("/matters")
    @ResponseStatus(HttpStatus.CREATED)
    Matter open(@RequestBody Matters.NewMatter body) {
        return matters.open(body);
    }

    @GetMapping("/matters/{id}")
    Matter matter(@PathVariable long id) {
        return matters.matter(id);
    }

    @Operation(summary = "记录下一步(不能跳步,409 指明应办步骤) / record the next step (no skipping: 409 names the step due)")
    @PostMapping("/matters/{id}/steps")
    @ResponseStatus(HttpStatus.CREATED)
    Matter record(@PathVariable long id, @RequestBody Matters.StepRecord body) {
        return matters.record(id, body);
    }

}
