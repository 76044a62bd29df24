package org.shanzhi.territory.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Located;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Grid;
import org.shanzhi.territory.ImportReport;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
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
        requireAdmin(villageCode);
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
        requireAdmin(villageCode);
        return territory.createGrid(villageCode, body.name());
    }

    @Operation(summary = "上传导入行政区划 CSV / upload division CSV files (county admin)")
    @PostMapping(path = "/divisions/import", consumes = "multipart/form-data")
    ImportReport importDivisions(@RequestParam(name = "files", required = false) List<MultipartFile> files,
            @RequestParam(name = "county", required = false) String county) throws IOException {
        if (!"COUNTY_ADMIN".equals(ScopeGuard.actor().role())) {
            throw new ForbiddenException("只有县级管理员可以导入区划 / county admins only");
        }
        if (files == null || files.isEmpty()) {
            throw new InvalidInputException("files", "请选择 areas.csv / streets.csv / villages.csv / choose the CSV files");
        }
        return importUploaded(territory, files, county);
    }

    /** Stores the uploaded files in a temporary folder under their own names and imports them. */
    static ImportReport importUploaded(Territory territory, List<MultipartFile> files, String county) throws IOException {
        Path dir = Files.createTempDirectory("divisions");
        try {
            for (MultipartFile f : files) {
                String name = Path.of(f.getOriginalFilename() == null ? "" : f.getOriginalFilename()).getFileName().toString();
                if (!List.of("provinces.csv", "cities.csv", "areas.csv", "streets.csv", "villages.csv").contains(name)) {
                    throw new InvalidInputException("files", "文件名应为 areas.csv / streets.csv / villages.csv: " + name);
                }
                f.transferTo(dir.resolve(name));
            }
            return territory.importDivisions(dir, county == null || county.isBlank() ? null : county);
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void requireAdmin(String villageCode) {
        ScopeGuard.writable(new Located(Level.countyOf(villageCode), villageCode, null, null));
        String role = ScopeGuard.actor().role();
        if (!List.of("COUNTY_ADMIN", "TOWNSHIP_ADMIN", "VILLAGE_CADRE").contains(role) || !ScopeGuard.actor().territorial()) {
            throw new ForbiddenException("该角色不能修改区划 / this role cannot change the territory");
        }
    }
}
