package org.shanzhi.deliberation.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.shanzhi.common.Page;
import org.shanzhi.deliberation.Meeting;
import org.shanzhi.deliberation.Meetings;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "deliberation", description = "会议 / meetings")
@RestController
@RequestMapping("/api/v1/deliberation/meetings")
class MeetingsApi {

    private final Meetings meetings;

    MeetingsApi(Meetings meetings) {
        this.meetings = meetings;
    }

    @GetMapping
    Page<Meeting> list(@RequestParam(required = false) String division, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return meetings.list(division, page, size);
    }

    @Operation(summary = "安排会议(须提前通知,米易 3 天) / schedule a meeting (with notice: 米易 3 days)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Meeting schedule(@RequestBody Meetings.NewMeeting body) {
        return meetings.schedule(body);
    }

    @GetMapping("/{id}")
    Meeting meeting(@PathVariable long id) {
        return meetings.meeting(id);
    }

    @Operation(summary = "记录会议出席与纪要 / record attendance and minutes")
    @PostMapping("/{id}/record")
    Meeting record(@PathVariable long id, @RequestBody Meetings.Held body) {
        return meetings.recordHeld(id, body);
    }
}
