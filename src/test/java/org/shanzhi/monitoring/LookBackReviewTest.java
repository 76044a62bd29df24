package org.shanzhi.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.territory.Division;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class LookBackReviewTest {

    @Autowired
    Reviews reviews;
    @Autowired
    Territory territory;

    private Map<Long, String> grades(Reviews.AssessmentTemplate t, String... g) {
        Map<Long, String> m = new HashMap<>();
        for (int i = 0; i < t.items().size(); i++) {
            m.put(t.items().get(i).id(), g[i % g.length]);
        }
        return m;
    }

    @Test
    void anAssessmentWithTheFourGradesAndAReproducibleDistrictSample() {
        ScopeGuard.asSystem("469030", () -> {
            Reviews.AssessmentTemplate t = reviews.createTemplate("换届回头看考察表(测试)", List.of(
                    new Reviews.ItemInput("班子成员", "政治素质", "班子成员理想信念坚定"),
                    new Reviews.ItemInput("机制见效", "四议两公开", "重大事项按程序决策"),
                    new Reviews.ItemInput("干部履职", "履职尽责", "按清单履职"),
                    new Reviews.ItemInput("作风廉洁", "廉洁自律", "无优亲厚友")));
            Reviews.Review r = reviews.createReview(t.id(), "2021 届换届回头看(测试)", 2021, 2);
            assertThat(r.termEnd()).isEqualTo(2026);
            List<String> villages = territory.children("469030202").stream().map(Division::code).limit(4).toList();

            // one of each grade: (4 + 3 + 2 + 1) / 4 = 2.5, rounded half up → 较好
            Reviews.Assessment mixed = reviews.assess(r.id(), villages.get(0), "SELF", null, grades(t, "好", "较好", "一般", "差"), null);
            assertThat(mixed.overall()).isEqualTo("较好");
            assertThat(reviews.assess(r.id(), villages.get(1), "SELF", null, grades(t, "好"), null).overall()).isEqualTo("好");
            assertThat(reviews.assess(r.id(), villages.get(2), "SELF", null, grades(t, "一般", "差"), null).overall()).isEqualTo("一般");
            assertThat(reviews.assess(r.id(), villages.get(3), "SELF", null, grades(t, "差"), null).overall()).isEqualTo("差");
            assertThat(reviews.assess(r.id(), villages.get(0), "SELF", "村党支部书记", grades(t, "较好", "一般"), null).overall()).isEqualTo("较好");
            // an unknown grade, or an item left out, is refused
            assertThatThrownBy(() -> reviews.assess(r.id(), villages.get(1), "SELF", "村委会主任", grades(t, "优"), null))
                    .isInstanceOf(org.shanzhi.common.InvalidInputException.class);
            assertThat(reviews.summary(r.id()).gradesByStage().get("SELF")).containsEntry("好", 1L).containsEntry("较好", 1L)
                    .containsEntry("一般", 1L).containsEntry("差", 1L);

            for (String v : villages) {
                reviews.assess(r.id(), v, "TOWNSHIP", null, grades(t, "较好"), "现场核实");
            }
            assertThatThrownBy(() -> reviews.assess(r.id(), villages.get(0), "DISTRICT", null, grades(t, "好"), null))
                    .isInstanceOf(ConflictException.class); // not sampled yet
            List<String> sample = reviews.sample(r.id());
            assertThat(sample).hasSize(2).isSubsetOf(villages);
            assertThat(reviews.sample(r.id())).isEqualTo(sample);
            assertThat(Reviews.draw(r.id(), villages, 2)).isEqualTo(sample);
            assertThat(Reviews.draw(r.id(), List.of(villages.get(3), villages.get(1), villages.get(0), villages.get(2)), 2)).isEqualTo(sample);
            reviews.assess(r.id(), sample.get(0), "DISTRICT", null, grades(t, "好"), "回诊抽查");
            String notSampled = villages.stream().filter(v -> !sample.contains(v)).findFirst().orElseThrow();
            assertThatThrownBy(() -> reviews.assess(r.id(), notSampled, "DISTRICT", null, grades(t, "好"), null))
                    .isInstanceOf(ConflictException.class);
            return null;
        });
    }

    @Test
    void aVillagesRectificationPlanClosesWhenEveryMeasureIsClosed() {
        ScopeGuard.asSystem("469030", () -> {
            Reviews.AssessmentTemplate t = reviews.createTemplate("整改测试考察表", List.of(new Reviews.ItemInput("作用发挥", "联系群众", "走访农户")));
            Reviews.Review r = reviews.createReview(t.id(), "整改测试", 2021, 1);
            String village = "469030202201";
            Reviews.Problem common = reviews.addProblem(r.id(), null, "村务公开不及时", "TOWNSHIP");
            Reviews.Problem own = reviews.addProblem(r.id(), village, "班子议事不民主", "TOWNSHIP");
            assertThat(common.kind()).isEqualTo("COMMON");
            assertThat(own.kind()).isEqualTo("INDIVIDUAL");
            Reviews.Rectification m1 = reviews.addRectification(r.id(), village, common.id(), "每月 5 日前公开村务", LocalDate.of(2026, 4, 30));
            Reviews.Rectification m2 = reviews.addRectification(r.id(), village, own.id(), "落实四议两公开", LocalDate.of(2026, 6, 30));
            reviews.record(village, "张书记", "BLACK", "TALK", "因议事不民主约谈", r.id());

            reviews.closeRectification(m1.id(), "已按月公开 3 次");
            Reviews.Plan half = reviews.plan(r.id(), village);
            assertThat(half.open()).isEqualTo(1);
            assertThat(half.closed()).isFalse();
            assertThatThrownBy(() -> reviews.closeRectification(m1.id(), "again")).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> reviews.closeRectification(m2.id(), " ")).isInstanceOf(org.shanzhi.common.InvalidInputException.class);
            reviews.closeRectification(m2.id(), "重大事项经村民代表会议表决");
            Reviews.Plan done = reviews.plan(r.id(), village);
            assertThat(done.closed()).isTrue();
            assertThat(done.measures()).allMatch(m -> m.status().equals("CLOSED") && m.closedBy() != null);
            assertThat(reviews.records(village)).anyMatch(c -> c.kind().equals("TALK") && r.id() == c.reviewId());
            return null;
        });
    }
}
