package org.shanzhi.disclosure.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.shanzhi.common.Page;
import org.shanzhi.disclosure.NewNotice;
import org.shanzhi.disclosure.Notice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.disclosure.NoticeItem;
import org.shanzhi.disclosure.NoticeSummary;
import org.shanzhi.disclosure.Objection;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "disclosure", description = "公示与异议 / public notices and objections")
@RestController
@RequestMapping("/api/v1/notices")
class NoticeApi {

    private final NoticeBoard board;

    NoticeApi(NoticeBoard board) {
        this.board = board;
    }

    @Operation(summary = "公示列表 / notices of a village or of the villages under a node")
    @GetMapping
    Page<NoticeSummary> list(@RequestParam(required = false) String division, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return board.list(division, status, page, size);
    }

    @GetMapping("/{id}")
    Notice notice(@PathVariable long id) {
        return board.notice(id);
    }

    record PublishRequest(String villageCode, String kind, String title, String body, Integer windowDays, List<NoticeItem> items) {
    }

    @Operation(summary = "发布村务公示 / publish a village-affairs notice")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Notice publish(@RequestBody PublishRequest body) {
        String kind = body.kind() == null || body.kind().isBlank() ? "VILLAGE_AFFAIRS" : body.kind();
        long id = board.publish(new NewNotice(body.villageCode(), kind, null, null, body.title(), body.body(), body.windowDays(),
                body.items()));
        return board.notice(id);
    }

    record ObjectionRequest(String itemRef, String reason) {
    }

    @Operation(summary = "对公示提出异议(本村村民) / object to a notice (villagers of the village)")
    @PostMapping("/{id}/objections")
    @ResponseStatus(HttpStatus.CREATED)
    Objection object(@PathVariable long id, @RequestBody ObjectionRequest body) {
        return board.object(id, body.itemRef(), body.reason());
    }

    record AnswerRequest(Boolean upheld, String answer) {
    }

    @Operation(summary = "答复异议:成立或不成立 / answer an objection: upheld or dismissed")
    @PostMapping("/{id}/objections/{objectionId}/answer")
    Objection answer(@PathVariable long id, @PathVariable long objectionId, @RequestBody AnswerRequest body) {
        if (body.upheld() == null) {
            throw new org.shanzhi.common.InvalidInputException("upheld", "请选择异议是否成立 / say whether the objection is upheld");
        }
        return board.answer(id, objectionId, body.upheld(), body.answer());
    }
}
