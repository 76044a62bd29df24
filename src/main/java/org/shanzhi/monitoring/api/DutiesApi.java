package org.shanzhi.monitoring.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.shanzhi.monitoring.Duties;
import org.shanzhi.monitoring.MonitoringNoticeRequested;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "monitoring-duties", description = "乡村履职清单与积分 / cadre duty lists and points")
@RestController
@RequestMapping("/api/v1/monitoring")
class DutiesApi {

    private final Duties duties;

    DutiesApi(Duties duties) {
        this.duties = duties;
    }

    record ItemBody(String listType, String indicator, String subItem, String steps, String responsibleRole, Integer points) {
    }

    @PostMapping("/duty-items")
    @ResponseStatus(HttpStatus.CREATED)
    Duties.DutyItem createItem(@RequestBody ItemBody body) {
        return duties.createItem(body.listType(), body.indicator(), body.subItem(), body.steps(), body.responsibleRole(), body.points());
    }

    @GetMapping("/duty-items")
    List<Duties.DutyItem> items() {
        return duties.items();
    }

    record SelectBody(Long itemId, Integer weightPercent, Long cadreAccountId, String cadreName) {
    }

    @Operation(summary = "村级选定事项、权重与责任人 / a village selects, weights and assigns an item")
    @PostMapping("/villages/{village}/duties")
    @ResponseStatus(HttpStatus.CREATED)
    Duties.VillageDuty select(@PathVariable String village, @RequestBody SelectBody body) {
        return duties.select(village, body.itemId(), body.weightPercent(), body.cadreAccountId(), body.cadreName());
    }

    @GetMapping("/villages/{village}/duties")
    List<Duties.VillageDuty> villageDuties(@PathVariable String village) {
        return duties.villageDuties(village);
    }

    record ScoreBody(String month, Long dutyId, Integer selfPoints, String note) {
    }

    @Operation(summary = "干部月度自评 / a cadre's monthly self-score")
    @PostMapping("/villages/{village}/duty-scores")
    Duties.Score selfScore(@PathVariable String village, @RequestBody ScoreBody body) {
        return duties.selfScore(village, body.month(), body.dutyId(), body.selfPoints(), body.note());
    }

    @GetMapping("/villages/{village}/duty-scores")
    List<Duties.Score> scores(@PathVariable String village, @RequestParam String month) {
        return duties.scores(village, month);
    }

    record ReviewBody(String month, Long dutyId, Integer reviewedPoints, String note) {
    }

    @Operation(summary = "次月第一周支部会审核 / the branch meeting's review in the first week of the next month")
    @PostMapping("/villages/{village}/duty-reviews")
    Duties.Score review(@PathVariable String village, @RequestBody ReviewBody body) {
        return duties.review(village, body.month(), body.dutyId(), body.reviewedPoints(), body.note());
    }

    @Operation(summary = "干部履职完成率 / completion ratio per cadre")
    @GetMapping("/villages/{village}/duty-results")
    List<Duties.CadreResult> results(@PathVariable String village, @RequestParam String month) {
        return duties.results(village, month);
    }

    record PublishBody(Integer year, Integer quarter) {
    }

    @Operation(summary = "季度公示 / quarterly publication")
    @PostMapping("/villages/{village}/duty-publications")
    @ResponseStatus(HttpStatus.CREATED)
    MonitoringNoticeRequested publish(@PathVariable String village, @RequestBody PublishBody body) {
        return duties.publishQuarter(village, body.year(), body.quarter());
    }
}
