package org.shanzhi.deliberation.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.shanzhi.common.Page;
import org.shanzhi.deliberation.PowerCase;
import org.shanzhi.deliberation.PowerItem;
import org.shanzhi.deliberation.PowerList;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "deliberation", description = "小微权力清单 / the small-micro power list")
@RestController
@RequestMapping("/api/v1/deliberation")
class PowerListApi {

    private final PowerList powerList;

    PowerListApi(PowerList powerList) {
        this.powerList = powerList;
    }

    @GetMapping("/power-items")
    List<PowerItem> items() {
        return powerList.items();
    }

    @Operation(summary = "定义权力事项及流程(县级管理员) / define a power item and its flow (county admin)")
    @PostMapping("/power-items")
    @ResponseStatus(HttpStatus.CREATED)
    PowerItem define(@RequestBody PowerList.NewPowerItem body) {
        return powerList.define(body);
    }

    @Operation(summary = "导入内置清单(qiongzhong: 琼中 12 项) / import a shipped list (qiongzhong: 琼中's 12 items)")
    @PostMapping("/power-items/templates/{template}")
    PowerList.TemplateImport importTemplate(@PathVariable String template) {
        return powerList.importTemplate(template);
    }

    @GetMapping("/power-items/{id}")
    PowerItem item(@PathVariable long id) {
        return powerList.item(id);
    }

    @GetMapping("/power-cases")
    Page<PowerCase> cases(@RequestParam(required = false) String division, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return powerList.cases(division, page, size);
    }

    @PostMapping("/power-cases")
    @ResponseStatus(HttpStatus.CREATED)
    PowerCase start(@RequestBody PowerList.NewPowerCase body) {
        return powerList.start(body);
    }

    @GetMapping("/power-cases/{id}")
    PowerCase powerCase(@PathVariable long id) {
        return powerList.powerCase(id);
    }

    @Operation(summary = "签批一步(按顺序、由对应角色) / sign off a step (in order, by its role)")
    @PostMapping("/power-cases/{id}/steps/{position}/sign")
    PowerCase sign(@PathVariable long id, @PathVariable int position, @RequestBody(required = false) PowerList.SignOffInput body) {
        return powerList.sign(id, position, body);
    }
}
