package org.shanzhi.monitoring.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.Page;
import org.shanzhi.monitoring.Monitoring;
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

@Tag(name = "monitoring", description = "防返贫动态监测 / return-to-poverty monitoring")
@RestController
@RequestMapping("/api/v1/monitoring")
class MonitoringApi {

    private final Monitoring monitoring;

    MonitoringApi(Monitoring monitoring) {
        this.monitoring = monitoring;
    }

    @Operation(summary = "本县监测收入标准 / the county's income line")
    @GetMapping("/income-line")
    Monitoring.IncomeLine incomeLine(@RequestParam(required = false) Integer year) {
        return monitoring.incomeLine(year).orElseThrow(() -> new NotFoundException("未设置监测收入标准 / no income line set"));
    }

    record IncomeLineBody(Integer year, BigDecimal lineYuan, Integer stableMonths) {
    }

    @PutMapping("/income-line")
    Monitoring.IncomeLine setIncomeLine(@RequestBody IncomeLineBody body) {
        return monitoring.setIncomeLine(body.year(), body.lineYuan(), body.stableMonths());
    }

    record RuleRunBody(String division, Integer year) {
    }

    @Operation(summary = "按户信息规则预警(只立案,不认定) / flag households from registry facts (opens cases)")
    @PostMapping("/rule-runs")
    Monitoring.RuleRun runRules(@RequestBody RuleRunBody body) {
        return monitoring.runRules(body.division(), body.year());
    }

    @GetMapping("/cases")
    Page<Monitoring.MonitoringCase> cases(@RequestParam(required = false) String division, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return monitoring.cases(division, status, page, size);
    }

    record OpenCase(Long householdId, String channel, String kind, String reason) {
    }

    @Operation(summary = "农户申报或走访发现 / a household applies, or a visit finds it")
    @PostMapping("/cases")
    @ResponseStatus(HttpStatus.CREATED)
    Monitoring.MonitoringCase open(@RequestBody OpenCase body) {
        return monitoring.openCase(body.householdId(), body.channel(), body.kind(), body.reason());
    }

    @Operation(summary = "监测户档案(查看留痕) / a household's monitoring file (audited)")
    @GetMapping("/cases/{id}")
    Monitoring.CaseFile file(@PathVariable long id) {
        return monitoring.caseFile(id);
    }

    record StepBody(String step, Boolean approved, String kind, String note) {
    }

    @Operation(summary = "识别与风险消除步骤:VILLAGE_REVIEW → VILLAGE_NOTICE → TOWNSHIP_CHECK → COUNTY_DECISION;"
            + " ELIMINATION_REVIEW → ELIMINATION_NOTICE → ELIMINATE; RETURN")
    @PostMapping("/cases/{id}/steps")
    Monitoring.MonitoringCase step(@PathVariable long id, @RequestBody StepBody body) {
        return monitoring.step(id, body.step(), body.approved(), body.kind(), body.note());
    }

    record MeasureBody(String kind, String description, String responsible, LocalDate startOn, LocalDate endOn) {
    }

    @PostMapping("/cases/{id}/measures")
    @ResponseStatus(HttpStatus.CREATED)
    Monitoring.Measure addMeasure(@PathVariable long id, @RequestBody MeasureBody body) {
        return monitoring.addMeasure(id, body.kind(), body.description(), body.responsible(), body.startOn(), body.endOn());
    }

    record OutcomeBody(String outcome, LocalDate endOn) {
    }

    @PutMapping("/cases/{id}/measures/{measureId}")
    Monitoring.Measure outcome(@PathVariable long id, @PathVariable long measureId, @RequestBody OutcomeBody body) {
        return monitoring.recordOutcome(id, measureId, body.outcome(), body.endOn());
    }

    record IncomeCheckBody(BigDecimal incomePerCapita) {
    }

    @PostMapping("/cases/{id}/income-checks")
    @ResponseStatus(HttpStatus.CREATED)
    Monitoring.IncomeCheck incomeCheck(@PathVariable long id, @RequestBody IncomeCheckBody body) {
        return monitoring.recordIncomeCheck(id, body.incomePerCapita());
    }
}
