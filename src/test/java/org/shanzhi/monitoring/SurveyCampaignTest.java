package org.shanzhi.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class SurveyCampaignTest {

    static final String COUNTY = "469030";
    static final String TOWNSHIP = "469030202";
    static final String VILLAGE = "469030202200";

    @Autowired
    Campaigns campaigns;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCampaignsProgressCountsMatchTheFilledAndEvaluatedForms() {
        ScopeGuard.asSystem(COUNTY, () -> {
            Campaigns.Template survey = campaigns.createTemplate("SURVEY", "TEST-SURVEY", "返贫风险排查调查表",
                    List.of("income_per_capita", "house_safe", "water_safe"));
            Campaigns.Template again = campaigns.createTemplate("SURVEY", "TEST-SURVEY", "返贫风险排查调查表(修订)",
                    List.of("income_per_capita", "house_safe", "water_safe", "medical_insured"));
            assertThat(again.version()).isEqualTo(survey.version() + 1);
            Campaigns.Template measures = campaigns.createTemplate("MEASURES", "TEST-MEASURES", "帮扶措施表", List.of("measures", "helper"));
            Campaigns.Campaign c = campaigns.issue("测试排查", again.id(), measures.id(), List.of(TOWNSHIP), null);

            // a village cannot act before its township forwarded the campaign (下发 → 转办 in order)
            assertThatThrownBy(() -> campaigns.forward(c.id(), VILLAGE)).isInstanceOf(ConflictException.class);
            campaigns.forward(c.id(), TOWNSHIP);
            assertThatThrownBy(() -> campaigns.forward(c.id(), TOWNSHIP)).isInstanceOf(ConflictException.class);
            campaigns.forward(c.id(), VILLAGE);

            long households = jdbc.queryForObject("select count(*) from households where county_code = ? and village_code = ?",
                    Long.class, COUNTY, VILLAGE);
            List<Campaigns.Form> forms = campaigns.forms(c.id(), VILLAGE, null, 0, 7).items();
            // fill 7 forms, evaluate 3 of them, return 1 to be filled again
            for (Campaigns.Form f : forms) {
                campaigns.fill(f.id(), Map.of("income_per_capita", "9000", "water_safe", "是", "helper", "李帮扶"));
            }
            for (int i = 0; i < 3; i++) {
                campaigns.evaluate(forms.get(i).id(), true, null);
            }
            campaigns.evaluate(forms.get(3).id(), false, "收入数据需补充佐证");
            assertThatThrownBy(() -> campaigns.fill(forms.get(0).id(), Map.of("water_safe", "否"))).isInstanceOf(ConflictException.class);

            Campaigns.Progress township = campaigns.progress(c.id(), COUNTY).stream().filter(p -> p.code().equals(TOWNSHIP))
                    .findFirst().orElseThrow();
            assertThat(township.status()).isEqualTo("FORWARDED");
            assertThat(township.assigned()).isEqualTo(households);
            assertThat(township.filled()).isEqualTo(6);
            assertThat(township.evaluated()).isEqualTo(3);
            List<Campaigns.Progress> villages = campaigns.progress(c.id(), TOWNSHIP);
            Campaigns.Progress village = villages.stream().filter(p -> p.code().equals(VILLAGE)).findFirst().orElseThrow();
            assertThat(village.assigned()).isEqualTo(households);
            assertThat(village.filled()).isEqualTo(6);
            assertThat(village.evaluated()).isEqualTo(3);
            // villages not yet forwarded are listed with nothing assigned
            assertThat(villages.stream().filter(p -> !p.code().equals(VILLAGE))).allMatch(p -> p.assigned() == 0 && p.status().equals("ISSUED"));
            // the same counts, straight from the forms
            assertThat(jdbc.queryForObject("select count(*) from monitoring_forms where campaign_id = ? and status in ('FILLED','EVALUATED')",
                    Long.class, c.id())).isEqualTo(6);
            return null;
        });
    }
}
