package org.shanzhi.deliberation.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.shanzhi.common.Page;
import org.shanzhi.deliberation.Proposal;
import org.shanzhi.deliberation.Proposals;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "deliberation", description = "村民提议 / proposals")
@RestController
@RequestMapping("/api/v1/deliberation/proposals")
class ProposalsApi {

    private final Proposals proposals;

    ProposalsApi(Proposals proposals) {
        this.proposals = proposals;
    }

    @GetMapping
    Page<Proposal> list(@RequestParam(required = false) String division, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return proposals.list(division, state, page, size);
    }

    @Operation(summary = "提出提议(村民、干部) / raise a proposal (villagers, cadres)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Proposal raise(@RequestBody Proposals.NewProposal body) {
        return proposals.raise(body);
    }

    @GetMapping("/{id}")
    Proposal proposal(@PathVariable long id) {
        return proposals.proposal(id);
    }

    @Operation(summary = "附议(每个账号一次) / support (once per account)")
    @PostMapping("/{id}/supports")
    @ResponseStatus(HttpStatus.CREATED)
    Proposal support(@PathVariable long id) {
        return proposals.support(id);
    }

    @Operation(summary = "干部答复 / the cadres' answer")
    @PostMapping("/{id}/answer")
    Proposal answer(@PathVariable long id, @RequestBody Proposals.Answer body) {
        return proposals.answer(id, body);
    }
}
