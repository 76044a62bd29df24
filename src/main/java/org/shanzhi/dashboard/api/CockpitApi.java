package org.shanzhi.dashboard.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.shanzhi.dashboard.Cockpit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "cockpit", description = "驾驶舱:县、乡、村的汇总指标 / county, township and village cockpits")
@RestController
class CockpitApi {

    private final Cockpit cockpit;

    CockpitApi(Cockpit cockpit) {
        this.cockpit = cockpit;
    }

    @Operation(summary = "驾驶舱指标(默认本人辖区,可下钻到辖区内的乡镇或村) / the figures of a county, township or village in scope")
    @GetMapping("/api/v1/cockpit")
    Cockpit.View view(@RequestParam(required = false) String division, @RequestParam(required = false) Integer year) {
        return cockpit.view(division, year);
    }
}
