package org.shanzhi.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.points.PointsWorld;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** The general notice mechanism, as any module uses it. */
@IntegrationTest
@RecordApplicationEvents
class NoticeBoardTest {

    static final String VILLAGE = "469030101214";

    @Autowired
    NoticeBoard board;
    @Autowired
    MutableClock clock;
    @Autowired
    ApplicationEvents published;

    @AfterEach
    void reset() {
        clock.set(PointsWorld.START);
    }

    @Test
    void aNoticeStaysOpenSevenDaysByDefaultAndClosesOnceWithItsUpheldItems() {
        long id = ScopeGuard.asSystem("469030", () -> board.publish(new NewNotice(VILLAGE, "VILLAGE_AFFAIRS", "test.source", "s1",
                "2026年第一季度财务公开", "收支明细如下", null, List.of(new NoticeItem("a", "修路", "支出 12000 元"),
                        new NoticeItem("b", "路灯", "支出 3000 元")))));
        Notice n = ScopeGuard.asSystem("469030", () -> board.notice(id));
        assertThat(n.windowDays()).isEqualTo(7);
        assertThat(n.windowEnd()).isEqualTo(n.publishedAt().plusDays(7));

        Actor villager = new Actor(Ids.next(), "v", "张三丰", "VILLAGER", "469030", VILLAGE, null, Set.of(1L), false);
        Actor cadre = new Actor(Ids.next(), "c", "村干部", "VILLAGE_CADRE", "469030", VILLAGE, null, Set.of(), false);
        Objection o = PointsWorld.as(villager, () -> board.object(id, "b", "路灯只装了一半"));
        assertThat(o.objectorName()).isEqualTo("张**");
        assertThatThrownBy(() -> PointsWorld.as(villager, () -> board.object(id, "zzz", "x"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PointsWorld.as(cadre, () -> board.object(id, "a", "x"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> PointsWorld.as(villager, () -> board.answer(id, o.id(), true, "x"))).isInstanceOf(ForbiddenException.class);
        PointsWorld.as(cadre, () -> board.answer(id, o.id(), true, "经核实,路灯只装了 20 盏,予以更正"));

        LocalDateTime after = n.windowEnd().plusSeconds(1);
        board.closeDue(n.windowEnd().minusSeconds(1));
        assertThat(ScopeGuard.asSystem("469030", () -> board.notice(id)).status()).isEqualTo(Notice.OPEN);
        board.closeDue(after);
        board.closeDue(after.plusDays(1));
        List<NoticeClosed> mine = published.stream(NoticeClosed.class).filter(e -> e.noticeId() == id).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).sourceType()).isEqualTo("test.source");
        assertThat(mine.get(0).itemRefs()).containsExactly("a", "b");
        assertThat(mine.get(0).upheldItemRefs()).containsExactly("b");
        assertThat(ScopeGuard.asSystem("469030", () -> board.notice(id)).status()).isEqualTo(Notice.CLOSED);
    }

    @Test
    void theWindowIsConfigurablePerNoticeAndChecked() {
        long id = ScopeGuard.asSystem("469030", () -> board.publish(new NewNotice(VILLAGE, "VILLAGE_AFFAIRS", null, null, "低保评议结果",
                null, 14, List.of())));
        Notice n = ScopeGuard.asSystem("469030", () -> board.notice(id));
        assertThat(n.windowEnd()).isEqualTo(n.publishedAt().plusDays(14));
        assertThatThrownBy(() -> ScopeGuard.asSystem("469030", () -> board.publish(new NewNotice(VILLAGE, "VILLAGE_AFFAIRS", null, null,
                "x", null, 0, List.of())))).isInstanceOf(InvalidInputException.class).hasMessageContaining("windowDays");
        assertThatThrownBy(() -> ScopeGuard.asSystem("469030", () -> board.publish(new NewNotice("469030101", "VILLAGE_AFFAIRS", null, null,
                "x", null, null, List.of())))).isInstanceOf(InvalidInputException.class).hasMessageContaining("villageCode");
    }
}
