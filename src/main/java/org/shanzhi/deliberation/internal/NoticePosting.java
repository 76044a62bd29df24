package org.shanzhi.deliberation.internal;

import java.util.List;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.deliberation.AffairsDisclosures;
import org.shanzhi.deliberation.Matters;
import org.shanzhi.deliberation.ProcedureStep;
import org.shanzhi.deliberation.ResolutionPublished;
import org.shanzhi.deliberation.ResultPublished;
import org.shanzhi.deliberation.VillageAffairsDisclosed;
import org.shanzhi.deliberation.VoteClosed;
import org.shanzhi.deliberation.Votes;
import org.shanzhi.disclosure.NewNotice;
import org.shanzhi.disclosure.NoticeBoard;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * 两公开 and 村务公开 on the village board: every resolution, implementation result, closed vote and monthly
 * village-affairs disclosure becomes a public notice of the disclosure module, and the notice id is kept on the
 * deliberation side ({@code *_notice_ref}). Runs in the publishing transaction, so a step is never published
 * without its notice. The notice is posted by the system (the deliberation module has already checked who may
 * publish the step); it carries no items, so an objection is to the whole notice, and deliberation does not
 * react to its closing.
 */
@Component
class NoticePosting {

    static final String KIND = "DELIBERATION";
    static final String AFFAIRS_KIND = "VILLAGE_AFFAIRS";

    private final NoticeBoard board;
    private final Matters matters;
    private final Votes votes;
    private final AffairsDisclosures disclosures;

    NoticePosting(NoticeBoard board, Matters matters, Votes votes, AffairsDisclosures disclosures) {
        this.board = board;
        this.matters = matters;
        this.votes = votes;
        this.disclosures = disclosures;
    }

    @EventListener
    void on(ResolutionPublished e) {
        ScopeGuard.asSystem(e.countyCode(), () -> {
            long id = post(e.villageCode(), KIND, "deliberation.resolution", e.matterId(), "决议公开:" + e.title(), e.text());
            matters.linkNotice(e.matterId(), ProcedureStep.RESOLUTION_PUBLISHED, String.valueOf(id));
            return id;
        });
    }

    @EventListener
    void on(ResultPublished e) {
        ScopeGuard.asSystem(e.countyCode(), () -> {
            long id = post(e.villageCode(), KIND, "deliberation.result", e.matterId(), "实施结果公开:" + e.title(), e.text());
            matters.linkNotice(e.matterId(), ProcedureStep.RESULT_PUBLISHED, String.valueOf(id));
            return id;
        });
    }

    @EventListener
    void on(VoteClosed e) {
        ScopeGuard.asSystem(e.countyCode(), () -> {
            long id = post(e.villageCode(), KIND, "deliberation.vote", e.voteId(), e.title(), e.noticeText());
            votes.linkNotice(e.voteId(), String.valueOf(id));
            return id;
        });
    }

    @EventListener
    void on(VillageAffairsDisclosed e) {
        ScopeGuard.asSystem(e.countyCode(), () -> {
            long id = post(e.villageCode(), AFFAIRS_KIND, "deliberation.affairs", e.disclosureId(), e.title(), e.text());
            disclosures.linkNotice(e.disclosureId(), String.valueOf(id));
            return id;
        });
    }

    private long post(String village, String kind, String sourceType, long sourceId, String title, String text) {
        return board.publish(new NewNotice(village, kind, sourceType, String.valueOf(sourceId), clip(title, 200), clip(text, 4000),
                null, List.of()));
    }

    /** The notice board's limits (title 200, body 4000) are narrower than some deliberation texts. */
    static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}
