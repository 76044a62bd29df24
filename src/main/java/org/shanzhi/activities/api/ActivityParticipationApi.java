package org.shanzhi.activities.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Base64;
import java.util.List;
import org.shanzhi.activities.Activities;
import org.shanzhi.activities.Activity;
import org.shanzhi.activities.ActivityHourLists;
import org.shanzhi.activities.Signup;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.activities.internal.QrPng;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Sign-up, waiting list, QR check-in, attendance and the hour list of an activity. */
@Tag(name = "activities", description = "活动报名与签到 / activity sign-up and check-in")
@RestController
@RequestMapping("/api/v1/activities")
class ActivityParticipationApi {

    private final Activities activities;
    private final ActivityHourLists hourLists;

    ActivityParticipationApi(Activities activities, ActivityHourLists hourLists) {
        this.activities = activities;
        this.hourLists = hourLists;
    }

    @Operation(summary = "活动详情 / an activity")
    @GetMapping("/{id}")
    Activity activity(@PathVariable long id) {
        return activities.activity(id);
    }

    @Operation(summary = "报名和候补名单 / the sign-up and waiting lists")
    @GetMapping("/{id}/signups")
    List<Signup> signups(@PathVariable long id) {
        return activities.signups(id);
    }

    record SignupBody(Long personId) {
    }

    @Operation(summary = "报名(满员则候补) / sign up (the waiting list when full)")
    @PostMapping("/{id}/signups")
    @ResponseStatus(HttpStatus.CREATED)
    Signup signUp(@PathVariable long id, @RequestBody SignupBody body) {
        return activities.signUp(id, personId(body == null ? null : body.personId()));
    }

    @Operation(summary = "取消报名(候补递补) / withdraw (the waiting list moves up)")
    @PostMapping("/{id}/signups/{personId}/withdraw")
    Signup withdraw(@PathVariable long id, @PathVariable long personId) {
        return activities.withdraw(id, personId);
    }

    /** photo: base64 (optionally a data: URL) of a JPEG, PNG or WebP. */
    record CheckinBody(String token, Long personId, String photo) {
    }

    @Operation(summary = "扫码签到(可附照片) / check in by the QR token (optionally with a photo)")
    @PostMapping("/checkins")
    @ResponseStatus(HttpStatus.CREATED)
    Activities.Checkin checkIn(@RequestBody CheckinBody body) {
        if (body == null) {
            throw new InvalidInputException("token", "请扫描活动二维码 / scan the activity's QR code");
        }
        byte[] photo = null;
        String type = null;
        if (body.photo() != null && !body.photo().isBlank()) {
            String p = body.photo().trim();
            type = "image/jpeg";
            if (p.startsWith("data:")) {
                int comma = p.indexOf(',');
                int semi = p.indexOf(';');
                if (comma < 0 || semi < 0 || semi > comma) {
                    throw new InvalidInputException("photo", "照片格式不对 / not a photo");
                }
                type = p.substring(5, semi);
                p = p.substring(comma + 1);
            }
            try {
                photo = Base64.getMimeDecoder().decode(p);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("photo", "照片应为 base64 / a base64 photo");
            }
        }
        return activities.checkIn(body.token(), personId(body.personId()), photo, type);
    }

    @Operation(summary = "签到名单 / who checked in")
    @GetMapping("/{id}/checkins")
    List<Activities.Checkin> checkins(@PathVariable long id) {
        return activities.checkins(id);
    }

    @Operation(summary = "签到照片 / a check-in photo")
    @GetMapping("/{id}/checkins/{personId}/photo")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long personId) {
        Activities.Photo p = activities.photo(id, personId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(p.contentType())).cacheControl(CacheControl.noStore()).body(p.data());
    }

    record ConfirmBody(List<Long> personIds) {
    }

    @Operation(summary = "组织者确认出勤名单 / the organiser confirms attendance")
    @PostMapping("/{id}/confirm")
    List<Activities.Checkin> confirm(@PathVariable long id, @RequestBody(required = false) ConfirmBody body) {
        return activities.confirm(id, body == null ? null : body.personIds());
    }

    @Operation(summary = "志愿时长名单(公示、更正、定稿) / the hour list (on notice, corrected, final)")
    @GetMapping("/{id}/hours")
    ActivityHourLists.HourList hours(@PathVariable long id) {
        ActivityHourLists.HourList list = hourLists.hourList(activities.activity(id));
        if (list == null) {
            throw new NotFoundException("此活动没有时长名单 / this activity has no hour list");
        }
        return list;
    }

    record CorrectionBody(Integer hours, String reason) {
    }

    @Operation(summary = "更正志愿时长 / correct a volunteer's hours")
    @PutMapping("/{id}/hours/{personId}")
    ActivityHourLists.HourList correct(@PathVariable long id, @PathVariable long personId, @RequestBody CorrectionBody body) {
        return hourLists.correct(activities.activity(id), personId, body == null ? null : body.hours(), body == null ? null : body.reason());
    }

    @Operation(summary = "签到二维码(PNG,手机扫码打开签到页) / the check-in QR code (PNG; a phone camera opens the check-in page)")
    @GetMapping("/{id}/qr")
    ResponseEntity<byte[]> qr(@PathVariable long id) {
        Activity act = activities.activity(id);
        if (act.checkinToken() == null) {
            throw new org.shanzhi.common.ForbiddenException("只有组织者可以打印签到码 / only organisers print the check-in code");
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(QrPng.png(checkinUrl(act.checkinToken()), 480));
    }

    /** The URL the QR code carries: the villager's check-in page. */
    static String checkinUrl(String token) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/my/activities/checkin").queryParam("t", token).toUriString();
    }

    private static long personId(Long id) {
        if (id == null) {
            throw new InvalidInputException("personId", "请选择报名人 / choose a person");
        }
        return id;
    }
}
