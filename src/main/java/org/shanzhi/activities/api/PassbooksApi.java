package org.shanzhi.activities.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import org.shanzhi.activities.LovePassbook;
import org.shanzhi.activities.RedPassbook;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.TimeConfig;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 津市 love passbook (hours, donations, redemption) and red passbook. */
@Tag(name = "passbooks", description = "津市爱心存折与红色存折 / the love and red passbooks")
@RestController
@RequestMapping("/api/v1/passbooks")
class PassbooksApi {

    private final LovePassbook love;
    private final RedPassbook red;
    private final Clock clock;

    PassbooksApi(LovePassbook love, RedPassbook red, Clock clock) {
        this.love = love;
        this.red = red;
        this.clock = clock;
    }

    private int year(Integer year) {
        int y = year == null ? LocalDate.now(clock.withZone(TimeConfig.ZONE)).getYear() : year;
        if (y < 2000 || y > 2200) {
            throw new InvalidInputException("year", "年份应在 2000 到 2200 之间 / a year 2000..2200");
        }
        return y;
    }

    @Operation(summary = "爱心存折 / a person's love passbook for a year")
    @GetMapping("/love/{personId}")
    LovePassbook.Passbook love(@PathVariable long personId, @RequestParam(required = false) Integer year) {
        return love.passbook(personId, year(year));
    }

    record Hours(Long hours, String reason) {
    }

    @Operation(summary = "登记志愿时长 / record volunteer hours by hand")
    @PostMapping("/love/{personId}/hours")
    @ResponseStatus(HttpStatus.CREATED)
    LovePassbook.Passbook hours(@PathVariable long personId, @RequestBody Hours body) {
        return love.record(personId, body == null || body.hours() == null ? 0 : body.hours(), body == null ? null : body.reason());
    }

    record Donation(Long toPersonId, Long points, String reason) {
    }

    @Operation(summary = "捐赠积分给困难群众(两笔记账) / donate points to a person in need (two entries)")
    @PostMapping("/love/{personId}/donations")
    @ResponseStatus(HttpStatus.CREATED)
    LovePassbook.Passbook donate(@PathVariable long personId, @RequestBody Donation body) {
        if (body == null || body.toPersonId() == null) {
            throw new InvalidInputException("toPersonId", "请选择受捐人 / choose the receiver");
        }
        return love.donate(personId, body.toPersonId(), body.points() == null ? 0 : body.points(), body.reason());
    }

    record Redemption(Long points, String reason) {
    }

    @Operation(summary = "兑换点兑换(1 分 = 10 元) / redeem at the village's redemption point (1 point = 10 yuan)")
    @PostMapping("/love/{personId}/redemptions")
    @ResponseStatus(HttpStatus.CREATED)
    LovePassbook.Passbook redeem(@PathVariable long personId, @RequestBody Redemption body) {
        return love.redeem(personId, body == null || body.points() == null ? 0 : body.points(), body == null ? null : body.reason());
    }

    @Operation(summary = "红色存折 / a party member's red passbook for a year")
    @GetMapping("/red/{personId}")
    RedPassbook.Standing red(@PathVariable long personId, @RequestParam(required = false) Integer year) {
        return red.standing(personId, year(year));
    }

    record Reward(Long points, String reason) {
    }

    @Operation(summary = "红色存折加分(每次最多 3 分) / add to the red passbook (at most 3 a time)")
    @PostMapping("/red/{personId}/rewards")
    @ResponseStatus(HttpStatus.CREATED)
    RedPassbook.Standing reward(@PathVariable long personId, @RequestBody Reward body) {
        return red.reward(personId, body == null || body.points() == null ? 0 : body.points(), body == null ? null : body.reason());
    }
}
