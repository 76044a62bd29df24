package org.shanzhi.territory.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Grid;
import org.shanzhi.territory.ImportReport;
import org.shanzhi.territory.Territory;
import org.shanzhi.territory.internal.DivisionUploads;
import org.shanzhi.territory.internal.TerritoryPolicy;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "territory", description = "行政区划、村民小组与网格 / divisions, villager groups and grids")
@RestController
@RequestMapping("/api/v1")
class TerritoryApi {

    private final Territory territory;

    TerritoryApi(Territory territory) {
        this.territory = territory;
    }

    @Operation(summary = "一个区划节点 / one division")
    @GetMapping("/divisions/{code}")
    Division division(@PathVariable String code) {
        return territory.get(code);
    }

    @Operation(summary = "下级区划(按代码排序) / children in code order")
    @GetMapping("/divisions/{code}/children")
    List<Division> children(@PathVariable String code) {
        territory.get(code);
        return territory.children(code);
    }

    record NewGroup(Integer number, String name) {
    }

    @Operation(summary = "新建村民小组 / create a villager group")
    @PostMapping("/divisions/{villageCode}/groups")
    @ResponseStatus(HttpStatus.CREATED)
    Division createGroup(@PathVariable String villageCode, @RequestBody NewGroup body) {
        TerritoryPolicy.requireEditor(villageCode);
        return territory.createGroup(villageCode, body.number(), body.name());
    }

    @Operation(summary = "村内网格 / grids under a node")
    @GetMapping("/divisions/{code}/grids")
    List<Grid> grids(@PathVariable String code) {
        territory.get(code);
        return territory.grids(ScopeGuard.narrow(code));
    }

    record NewGrid(String name) {
    }

    @Operation(summary = "新建网格 / create a grid")
    @PostMapping("/divisions/{villageCode}/grids")
    @ResponseStatus(HttpStatus.CREATED)
    Grid createGrid(@PathVariable String villageCode, @RequestBody NewGrid body) {
        TerritoryPolicy.requireEditor(villageCode);
        return territory.createGrid(villageCode, body.name());
    }

    @Operation(summary = "上传导入行政区划 CSV / upload division CSV files (county admin)")
    @PostMapping(path = "/divisions/import", consumes = "multipart/form-data")
    ImportReport importDivisions(@RequestParam(name = "files", required = false) List<MultipartFile> files,
            @RequestParam(name = "county", required = false) String county) throws IOException {
        TerritoryPolicy.requireImporter();
        return DivisionUploads.importUploaded(territory, files, county);
    }
}
