package org.shanzhi.activities.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.shanzhi.activities.HouseholdCards;
import org.shanzhi.common.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 固原 household points card: groups, entries, votes, re-review flags. */
@Tag(name = "cards", description = "固原户积分卡 / the household points card")
@RestController
@RequestMapping("/api/v1/cards")
class CardsApi {

    private final HouseholdCards cards;

    CardsApi(HouseholdCards cards) {
        this.cards = cards;
    }

    @Operation(summary = "评议小组和监督小组 / the village's scoring and supervision groups")
    @GetMapping("/groups")
    List<HouseholdCards.Group> groups(@RequestParam String village) {
        return cards.groups(village);
    }

    @Operation(summary = "登记村民代表大会选出的小组(3-5 人) / record a group elected by the representative assembly")
    @PostMapping("/groups")
    @ResponseStatus(HttpStatus.CREATED)
    HouseholdCards.Group elect(@RequestBody HouseholdCards.NewGroup body) {
        return cards.elect(body);
    }

    @Operation(summary = "待表决的积分 / entries waiting for votes")
    @GetMapping("/entries")
    List<HouseholdCards.Entry> pending(@RequestParam String village) {
        return cards.pending(village);
    }

    @Operation(summary = "评议小组成员提出积分 / a scoring-group member proposes an entry")
    @PostMapping("/entries")
    @ResponseStatus(HttpStatus.CREATED)
    HouseholdCards.Entry propose(@RequestBody HouseholdCards.NewEntry body) {
        return cards.propose(body);
    }

    @GetMapping("/entries/{id}")
    HouseholdCards.Entry entry(@PathVariable long id) {
        return cards.entry(id);
    }

    record Vote(Boolean approve) {
    }

    @Operation(summary = "评议小组表决(过半数通过) / a scoring-group vote (a majority decides)")
    @PostMapping("/entries/{id}/votes")
    HouseholdCards.Entry vote(@PathVariable long id, @RequestBody Vote body) {
        if (body == null || body.approve() == null) {
            throw new InvalidInputException("approve", "请表决同意或不同意 / approve true or false");
        }
        return cards.vote(id, body.approve());
    }

    record Flag(String reason) {
    }

    @Operation(summary = "监督小组提请复核 / the supervision group flags an entry for re-review")
    @PostMapping("/entries/{id}/flag")
    HouseholdCards.Entry flag(@PathVariable long id, @RequestBody Flag body) {
        return cards.flag(id, body == null ? null : body.reason());
    }

    @Operation(summary = "户积分卡 / a household's points card")
    @GetMapping("/households/{householdId}")
    HouseholdCards.Card card(@PathVariable long householdId) {
        return cards.card(householdId);
    }
}
