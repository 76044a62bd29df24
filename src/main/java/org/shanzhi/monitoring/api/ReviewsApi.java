package org.shanzhi.monitoring.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.shanzhi.monitoring.Reviews;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "monitoring-reviews", description = "回头看、整改、记录簿、星级 / look-back reviews and branch stars")
@RestController
@RequestMapping("/api/v1/monitoring")
class ReviewsApi {

    private final Reviews reviews;

    ReviewsApi(Reviews reviews) {
        this.reviews = reviews;
    }

    record TemplateBody(String title, List<Reviews.ItemInput> items) {
    }

    @PostMapping("/assessment-templates")
    @ResponseStatus(HttpStatus.CREATED)
    Reviews.AssessmentTemplate createTemplate(@RequestBody TemplateBody body) {
        return reviews.createTemplate(body.title(), body.items());
    }

    @Operation(summary = "导入考察表(CSV:部分,考察要素,具体内容),有错则全部不导入 / import an assessment form; any error saves nothing")
    @PostMapping(path = "/assessment-templates/import", consumes = "multipart/form-data")
    ResponseEntity<Reviews.TemplateImport> importTemplate(@RequestParam(name = "title", required = false) String title,
            @RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        Reviews.TemplateImport result = reviews.importTemplate(title, file == null ? null : file.getOriginalFilename(),
                file == null ? null : file.getBytes());
        return ResponseEntity.status(result.imported() ? HttpStatus.CREATED : HttpStatus.UNPROCESSABLE_CONTENT).body(result);
    }

    @GetMapping("/assessment-templates")
    List<Reviews.AssessmentTemplate> templates() {
        return reviews.templates();
    }

    record ReviewBody(Long templateId, String title, Integer termStart, Integer sampleSize) {
    }

    @PostMapping("/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    Reviews.Review create(@RequestBody ReviewBody body) {
        return reviews.createReview(body.templateId(), body.title(), body.termStart(), body.sampleSize());
    }

    @Operation(summary = "各阶段评定档次分布与抽查名单 / grade counts per stage and the sample")
    @GetMapping("/reviews/{id}")
    Reviews.Summary summary(@PathVariable long id) {
        return reviews.summary(id);
    }

    record AssessBody(String villageCode, String stage, String subject, Map<Long, String> grades, String note) {
    }

    @Operation(summary = "评定:SELF 村级自诊、TOWNSHIP 乡镇问诊、DISTRICT 区县回诊 / assess at a stage")
    @PostMapping("/reviews/{id}/assessments")
    @ResponseStatus(HttpStatus.CREATED)
    Reviews.Assessment assess(@PathVariable long id, @RequestBody AssessBody body) {
        return reviews.assess(id, body.villageCode(), body.stage(), body.subject(), body.grades(), body.note());
    }

    @GetMapping("/reviews/{id}/assessments")
    List<Reviews.Assessment> assessments(@PathVariable long id, @RequestParam(required = false) String division) {
        return reviews.assessments(id, division);
    }

    @Operation(summary = "区县随机抽查(以回头看编号为种子,可复现) / the district's reproducible random sample")
    @PostMapping("/reviews/{id}/sample")
    List<String> sample(@PathVariable long id) {
        return reviews.sample(id);
    }

    record ProblemBody(String villageCode, String description, String stage) {
    }

    @PostMapping("/reviews/{id}/problems")
    @ResponseStatus(HttpStatus.CREATED)
    Reviews.Problem problem(@PathVariable long id, @RequestBody ProblemBody body) {
        return reviews.addProblem(id, body.villageCode(), body.description(), body.stage());
    }

    record RectificationBody(String villageCode, Long problemId, String measure, LocalDate deadline) {
    }

    @PostMapping("/reviews/{id}/rectifications")
    @ResponseStatus(HttpStatus.CREATED)
    Reviews.Rectification rectify(@PathVariable long id, @RequestBody RectificationBody body) {
        return reviews.addRectification(id, body.villageCode(), body.problemId(), body.measure(), body.deadline());
    }

    @Operation(summary = "一村一策整改方案 / a village's rectification plan")
    @GetMapping("/reviews/{id}/villages/{village}/plan")
    Reviews.Plan plan(@PathVariable long id, @PathVariable String village) {
        return reviews.plan(id, village);
    }

    record CloseBody(String note) {
    }

    @PostMapping("/rectifications/{id}/close")
    Reviews.Rectification close(@PathVariable long id, @RequestBody CloseBody body) {
        return reviews.closeRectification(id, body.note());
    }

    record RecordBody(String cadreName, String book, String kind, String description, Long reviewId) {
    }

    @Operation(summary = "红/黑/蓝村史记录簿 / cadre record books")
    @PostMapping("/villages/{village}/cadre-records")
    @ResponseStatus(HttpStatus.CREATED)
    Reviews.CadreRecord record(@PathVariable String village, @RequestBody RecordBody body) {
        return reviews.record(village, body.cadreName(), body.book(), body.kind(), body.description(), body.reviewId());
    }

    @GetMapping("/villages/{village}/cadre-records")
    List<Reviews.CadreRecord> records(@PathVariable String village) {
        return reviews.records(village);
    }

    record StarsBody(Integer stars, Integer targetStars, Boolean weakLax, String note) {
    }

    @PutMapping("/villages/{village}/stars/{year}")
    Reviews.Stars rate(@PathVariable String village, @PathVariable int year, @RequestBody StarsBody body) {
        return reviews.rate(village, year, body.stars(), body.targetStars(), body.weakLax(), body.note());
    }

    @Operation(summary = "星级支部榜 / star board")
    @GetMapping("/stars")
    List<Reviews.Stars> stars(@RequestParam(required = false) Integer year, @RequestParam(required = false) String division) {
        return reviews.starBoard(year, division);
    }
}
