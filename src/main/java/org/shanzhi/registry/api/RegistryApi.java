package org.shanzhi.registry.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Page;
import org.shanzhi.registry.internal.RegistryPolicy;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.HouseholdImport;
import org.shanzhi.registry.ImportResult;
import org.shanzhi.registry.NewHousehold;
import org.shanzhi.registry.NewPerson;
import org.shanzhi.registry.Person;
import org.shanzhi.registry.Registry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "registry", description = "户与人 / households and persons")
@RestController
@RequestMapping("/api/v1")
class RegistryApi {

    private final Registry registry;
    private final HouseholdImport importer;

    RegistryApi(Registry registry, HouseholdImport importer) {
        this.registry = registry;
        this.importer = importer;
    }

    @Operation(summary = "查询户(姓名、拼音首字母、身份证后四位) / search households")
    @GetMapping("/households")
    Page<Household> households(@RequestParam(required = false) String division, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return registry.searchHouseholds(division, q, page, size);
    }

    @PostMapping("/households")
    @ResponseStatus(HttpStatus.CREATED)
    Household createHousehold(@RequestBody NewHousehold body) {
        return registry.createHousehold(body);
    }

    @GetMapping("/households/{id}")
    Household household(@PathVariable long id) {
        return registry.household(id);
    }

    @GetMapping("/households/{id}/members")
    List<Person> members(@PathVariable long id) {
        return registry.members(id);
    }

    @PostMapping("/households/{id}/members")
    @ResponseStatus(HttpStatus.CREATED)
    Person addPerson(@PathVariable long id, @RequestBody NewPerson body) {
        return registry.addPerson(id, body);
    }

    record GridAssignment(long gridId) {
    }

    @PutMapping("/households/{id}/grid")
    Household assignGrid(@PathVariable long id, @RequestBody GridAssignment body) {
        return registry.assignGrid(id, body.gridId());
    }

    record Links(List<Long> householdIds) {
    }

    @Operation(summary = "党员中心户联户 / link households to a party-member central household")
    @PostMapping("/households/{id}/links")
    List<Household> link(@PathVariable long id, @RequestBody Links body) {
        return registry.link(id, body.householdIds());
    }

    @GetMapping("/households/{id}/links")
    List<Household> linked(@PathVariable long id) {
        return registry.linked(id);
    }

    @Operation(summary = "查询人员 / search persons")
    @GetMapping("/persons")
    Page<Person> persons(@RequestParam(required = false) String division, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return registry.searchPersons(division, q, page, size);
    }

    @GetMapping("/persons/{id}")
    Person person(@PathVariable long id) {
        return registry.person(id);
    }

    @Operation(summary = "查看完整身份证号与电话(留痕) / reveal ID number and phone (audited)")
    @PostMapping("/persons/{id}/reveal")
    Person reveal(@PathVariable long id, @RequestParam(required = false) String reason) {
        return registry.revealPerson(id, reason);
    }

    @Operation(summary = "导入户与人员(.xlsx / CSV),有错则全部不导入 / import households and persons")
    @PostMapping(path = "/households/import", consumes = "multipart/form-data")
    ResponseEntity<ImportResult> importFile(@RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        RegistryPolicy.requireWriterRole();
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "请选择 .xlsx 或 .csv 文件 / choose an .xlsx or .csv file");
        }
        ImportResult result = importer.importFile(file.getOriginalFilename(), file.getInputStream());
        return ResponseEntity.status(result.imported() ? HttpStatus.CREATED : HttpStatus.UNPROCESSABLE_CONTENT).body(result);
    }
}
