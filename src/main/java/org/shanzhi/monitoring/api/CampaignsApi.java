package org.shanzhi.monitoring.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.shanzhi.common.Page;
import org.shanzhi.monitoring.Campaigns;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "monitoring-campaigns", description = "调查表/措施表 下发 → 转办 → 反馈 → 评价 / survey campaigns")
@RestController
@RequestMapping("/api/v1/monitoring")
class CampaignsApi {

    private final Campaigns campaigns;

    CampaignsApi(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    record TemplateBody(String kind, String code, String title, List<String> fields) {
    }

    @Operation(summary = "新建调查表/措施表版本 / a new template version")
    @PostMapping("/templates")
    @ResponseStatus(HttpStatus.CREATED)
    Campaigns.Template createTemplate(@RequestBody TemplateBody body) {
        return campaigns.createTemplate(body.kind(), body.code(), body.title(), body.fields());
    }

    @GetMapping("/templates")
    List<Campaigns.Template> templates() {
        return campaigns.templates();
    }

    record CampaignBody(String title, Long surveyTemplateId, Long measuresTemplateId, List<String> townships, LocalDate deadline) {
    }

    @Operation(summary = "县级下发排查任务 / the county issues a campaign")
    @PostMapping("/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    Campaigns.Campaign issue(@RequestBody CampaignBody body) {
        return campaigns.issue(body.title(), body.surveyTemplateId(), body.measuresTemplateId(), body.townships(), body.deadline());
    }

    @GetMapping("/campaigns")
    List<Campaigns.Campaign> list() {
        return campaigns.campaigns();
    }

    @Operation(summary = "分级进度(实时统计) / live progress one level down")
    @GetMapping("/campaigns/{id}/progress")
    List<Campaigns.Progress> progress(@PathVariable long id, @RequestParam(required = false) String division) {
        return campaigns.progress(id, division);
    }

    record ForwardBody(String division) {
    }

    @Operation(summary = "转办:乡镇到村,村到网格员 / forward: township to villages, village to grid workers")
    @PostMapping("/campaigns/{id}/forward")
    List<Campaigns.Progress> forward(@PathVariable long id, @RequestBody ForwardBody body) {
        return campaigns.forward(id, body.division());
    }

    @GetMapping("/campaigns/{id}/forms")
    Page<Campaigns.Form> forms(@PathVariable long id, @RequestParam(required = false) String division,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return campaigns.forms(id, division, status, page, size);
    }

    record FillBody(Map<String, String> answers) {
    }

    @Operation(summary = "反馈:网格员填报 / a grid worker fills a household's form")
    @PostMapping("/forms/{id}/fill")
    Campaigns.Form fill(@PathVariable long id, @RequestBody FillBody body) {
        return campaigns.fill(id, body.answers());
    }

    record EvaluateBody(Boolean accepted, String note) {
    }

    @Operation(summary = "评价:通过或退回 / evaluate: accept or return")
    @PostMapping("/forms/{id}/evaluate")
    Campaigns.Form evaluate(@PathVariable long id, @RequestBody EvaluateBody body) {
        return campaigns.evaluate(id, body.accepted(), body.note());
    }
}
