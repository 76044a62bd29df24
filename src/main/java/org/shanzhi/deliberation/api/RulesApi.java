package org.shanzhi.deliberation.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.shanzhi.common.Page;
import org.shanzhi.deliberation.Banquet;
import org.shanzhi.deliberation.RuleCap;
import org.shanzhi.deliberation.VillageRules;
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

@Tag(name = "deliberation", description = "村规民约限额与红白喜事申报 / village-rule caps and the banquet register")
@RestController
@RequestMapping("/api/v1/deliberation")
class RulesApi {

    private final VillageRules rules;

    RulesApi(VillageRules rules) {
        this.rules = rules;
    }

    @GetMapping("/villages/{village}/rule-caps")
    List<RuleCap> caps(@PathVariable String village) {
        return rules.caps(village);
    }

    @Operation(summary = "设置村规民约限额(乡镇、县管理员) / set a village's rule caps (township, county admins)")
    @PutMapping("/villages/{village}/rule-caps")
    List<RuleCap> setCaps(@PathVariable String village, @RequestBody VillageRules.CapsChange body) {
        return rules.setCaps(village, body);
    }

    @GetMapping("/banquets")
    Page<Banquet> banquets(@RequestParam(required = false) String division, @RequestParam(required = false) Boolean flagged,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return rules.list(division, flagged, page, size);
    }

    @Operation(summary = "事前申报红白喜事(超限项标出并注明条款) / register a banquet in advance (caps passed are flagged)")
    @PostMapping("/banquets")
    @ResponseStatus(HttpStatus.CREATED)
    Banquet register(@RequestBody VillageRules.NewBanquet body) {
        return rules.register(body);
    }

    @GetMapping("/banquets/{id}")
    Banquet banquet(@PathVariable long id) {
        return rules.banquet(id);
    }
}
