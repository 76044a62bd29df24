package org.shanzhi.deliberation.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.shanzhi.common.Page;
import org.shanzhi.deliberation.AffairsDisclosure;
import org.shanzhi.deliberation.AffairsDisclosures;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "deliberation", description = "村务公开 / village-affairs disclosure")
@RestController
@RequestMapping("/api/v1/deliberation/affairs-disclosures")
class DisclosuresApi {

    private final AffairsDisclosures disclosures;

    DisclosuresApi(AffairsDisclosures disclosures) {
        this.disclosures = disclosures;
    }

    @GetMapping
    Page<AffairsDisclosure> list(@RequestParam(required = false) String division, @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return disclosures.list(division, period, page, size);
    }

    @Operation(summary = "按月公开党务、村务、财务 / disclose a month's party affairs, village affairs or finance")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AffairsDisclosure publish(@RequestBody AffairsDisclosures.NewDisclosure body) {
        return disclosures.publish(body);
    }

    @GetMapping("/{id}")
    AffairsDisclosure disclosure(@PathVariable long id) {
        return disclosures.disclosure(id);
    }

    @Operation(summary = "某月尚未公开的村 / villages that have not disclosed a month")
    @GetMapping("/missing")
    List<AffairsDisclosures.Missing> missing(@RequestParam(required = false) String division,
            @RequestParam(required = false) String period) {
        return disclosures.missing(division, period);
    }
}
