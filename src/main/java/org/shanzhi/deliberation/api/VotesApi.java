package org.shanzhi.deliberation.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.shanzhi.common.Page;
import org.shanzhi.deliberation.Ballot;
import org.shanzhi.deliberation.Bodies;
import org.shanzhi.deliberation.Body;
import org.shanzhi.deliberation.Vote;
import org.shanzhi.deliberation.Votes;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "deliberation", description = "议事组织与表决 / bodies, councils and votes")
@RestController
@RequestMapping("/api/v1/deliberation")
class VotesApi {

    private final Bodies bodies;
    private final Votes votes;

    VotesApi(Bodies bodies, Votes votes) {
        this.bodies = bodies;
        this.votes = votes;
    }

    @GetMapping("/bodies")
    Page<Body> bodies(@RequestParam(required = false) String division, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return bodies.list(division, page, size);
    }

    @Operation(summary = "成立村民(代表)会议或议事会、理事会、红白理事会 / set up an assembly or council")
    @PostMapping("/bodies")
    @ResponseStatus(HttpStatus.CREATED)
    Body create(@RequestBody Bodies.NewBody body) {
        return bodies.create(body);
    }

    @GetMapping("/bodies/{id}")
    Body body(@PathVariable long id) {
        return bodies.body(id);
    }

    @Operation(summary = "增加成员(人数按组织类型校验) / add a member (sizes checked by kind)")
    @PostMapping("/bodies/{id}/members")
    @ResponseStatus(HttpStatus.CREATED)
    Body addMember(@PathVariable long id, @RequestBody Bodies.NewMember body) {
        return bodies.addMember(id, body);
    }

    @Operation(summary = "成员退出 / a member leaves")
    @DeleteMapping("/bodies/{id}/members/{memberId}")
    Body removeMember(@PathVariable long id, @PathVariable long memberId) {
        return bodies.removeMember(id, memberId);
    }

    @GetMapping("/votes")
    Page<Vote> votes(@RequestParam(required = false) String division, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return votes.list(division, page, size);
    }

    @Operation(summary = "发起表决 / open a vote")
    @PostMapping("/votes")
    @ResponseStatus(HttpStatus.CREATED)
    Vote open(@RequestBody Votes.NewVote body) {
        return votes.open(body);
    }

    @GetMapping("/votes/{id}")
    Vote vote(@PathVariable long id) {
        return votes.vote(id);
    }

    record Cast(String choice) {
    }

    @Operation(summary = "投票(每人一票,不能改) / cast a ballot (one per member, no change)")
    @PostMapping("/votes/{id}/ballots")
    @ResponseStatus(HttpStatus.CREATED)
    Ballot cast(@PathVariable long id, @RequestBody Cast body) {
        return votes.cast(id, body.choice());
    }

    @Operation(summary = "投票情况(无记名表决不显示选择) / who voted (a secret vote never shows choices)")
    @GetMapping("/votes/{id}/ballots")
    List<Ballot> ballots(@PathVariable long id) {
        return votes.ballots(id);
    }

    @Operation(summary = "结束表决并计票 / close and count")
    @PostMapping("/votes/{id}/close")
    Vote close(@PathVariable long id, @RequestBody(required = false) Votes.Closing body) {
        return votes.close(id, body);
    }
}
