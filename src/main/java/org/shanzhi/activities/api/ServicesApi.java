package org.shanzhi.activities.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import org.shanzhi.activities.ServiceCatalogue;
import org.shanzhi.cases.Rating;
import org.shanzhi.common.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** 便民代办 (昌江): import the catalogue, request a service, follow and rate it. */
@Tag(name = "services", description = "便民代办 / services on behalf")
@RestController
@RequestMapping("/api/v1/activities/services")
class ServicesApi {

    private final ServiceCatalogue catalogue;

    ServicesApi(ServiceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    record RateBody(Rating rating, String note) {
    }

    @Operation(summary = "导入服务目录(CSV),有错则全部不导入 / import the catalogue; any bad cell imports nothing")
    @PostMapping(path = "/import", consumes = "multipart/form-data")
    ResponseEntity<ServiceCatalogue.ImportReport> importFile(@RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        catalogue.requireImporter();
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "请选择 .csv 文件 / choose a .csv file");
        }
        ServiceCatalogue.ImportReport r = catalogue.importFile(file.getInputStream());
        return ResponseEntity.status(r.imported() ? HttpStatus.CREATED : HttpStatus.UNPROCESSABLE_CONTENT).body(r);
    }

    @Operation(summary = "申请代办 / request a service")
    @PostMapping("/requests")
    @ResponseStatus(HttpStatus.CREATED)
    ServiceCatalogue.RequestView request(@RequestBody(required = false) ServiceCatalogue.NewRequest body) {
        return catalogue.view(catalogue.request(body).id());
    }

    @Operation(summary = "我的(或辖区的)代办申请 / my requests, or those of my territory")
    @GetMapping("/requests")
    List<ServiceCatalogue.RequestView> requests() {
        return catalogue.requests();
    }

    @Operation(summary = "代办进度、时限与亮灯 / a request's status, time limit and light")
    @GetMapping("/requests/{id}")
    ServiceCatalogue.RequestView view(@PathVariable long id) {
        return catalogue.view(id);
    }

    @Operation(summary = "评价代办结果 / rate a handled request")
    @PostMapping("/requests/{id}/rate")
    ServiceCatalogue.RequestView rate(@PathVariable long id, @RequestBody(required = false) RateBody body) {
        return catalogue.rate(id, body == null ? null : body.rating(), body == null ? null : body.note());
    }
}
