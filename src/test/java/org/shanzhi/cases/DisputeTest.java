package org.shanzhi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shanzhi.cases.Disputes.Outcome;
import org.shanzhi.cases.Disputes.Tier;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.identity.Accounts;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** 矛盾纠纷: parties, a mediator the parties choose, sessions, referral up the tiers (长子), agreement, follow-up. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisputeTest {

    @Autowired
    CaseDesk desk;
    @Autowired
    Disputes disputes;
    @Autowired
    CaseCatalog catalog;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Territory territory;
    @Autowired
    Registry registry;
    @Autowired
    Accounts accounts;

    private CaseWorld w;
    private long villageMediator;

    @BeforeAll
    void world() {
        w = new CaseWorld(jdbc, territory, registry, accounts, catalog, 5, 1);
        villageMediator = w.as(w.cadre, () -> disputes.addMediator(new Disputes.NewMediator(w.village, "调解员" + w.uniq, "13912345678"))).id();
    }

    @AfterEach
    void resetClock() {
        clock.set(CaseWorld.START);
    }

    private long dispute(String text) {
        long id = w.as(w.cadre, () -> desk.report(new ReportCase("NEIGHBOUR", null, null, text, w.householdsA.get(0), null, null,
                null, null, null, null, false, null, null, null, List.of(new ReportCase.Party("张甲", w.householdsA.get(0), "13800001111"),
                new ReportCase.Party("李乙", w.householdsA.get(4), null))))).id();
        w.as(w.cadre, () -> desk.accept(id, null));
        w.as(w.cadre, () -> desk.dispatch(id, new DispatchCase(w.cadre, null, null, null)));
        return id;
    }

    @Test
    void aDisputeNeedsTwoParties() {
        assertThatThrownBy(() -> w.as(w.cadre, () -> desk.report(new ReportCase("NEIGHBOUR", null, null, "只有一方", w.householdsA.get(0),
                null, null, null, null, null, null, false, null, null, null, List.of(new ReportCase.Party("张甲", null, null))))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("parties");
    }

    @Test
    void thePartiesChooseTheMediatorAFailedMediationGoesUpAndAnAgreementHandlesTheCase() {
        long id = dispute("宅基地滴水纠纷");
        Disputes.Dispute d = w.as(w.cadre, () -> disputes.dispute(id));
        assertThat(d.tier()).isEqualTo(Tier.VILLAGE);
        assertThat(d.parties()).extracting(Disputes.Party::name).containsExactly("张甲", "李乙");
        assertThat(d.parties().get(0).phone()).isEqualTo("138****1111");
        assertThat(w.as(w.cadre, () -> desk.get(id)).level()).isEqualTo(CaseLevel.HOUSEHOLD);

        // the list offers the village's mediators first, then the township's and the county's
        List<Disputes.Mediator> offered = w.as(w.villager, () -> disputes.mediators(w.village));
        assertThat(offered.get(0).id()).isEqualTo(villageMediator);
        assertThat(offered).extracting(Disputes.Mediator::tier).contains(Tier.TOWNSHIP, Tier.COUNTY);

        // a party (the villager of the household) chooses
        d = w.as(w.villager, () -> disputes.chooseMediator(id, villageMediator, false));
        assertThat(d.mediatorName()).isEqualTo("调解员" + w.uniq);
        assertThat(d.chosenByParties()).isTrue();

        assertThatThrownBy(() -> w.as(w.cadre, () -> disputes.refer(id, "还没调解"))).isInstanceOf(ConflictException.class);
        d = w.as(w.cadre, () -> disputes.recordSession(id, LocalDate.of(2026, 3, 3), Outcome.FAILED, "双方各执一词"));
        assertThat(d.outcome()).isEqualTo(Outcome.FAILED);
        d = w.as(w.cadre, () -> disputes.refer(id, "村级调解不成"));
        assertThat(d.tier()).isEqualTo(Tier.TOWNSHIP);
        assertThat(d.mediatorId()).isNull();
        assertThat(d.outcome()).isEqualTo(Outcome.PENDING);
        Case k = w.as(w.cadre, () -> desk.get(id));
        assertThat(k.level()).as("the township takes the case").isEqualTo(CaseLevel.TOWNSHIP);
        assertThat(k.handlerAccountId()).isNull();

        long townshipMediator = w.as("township_admin", () -> disputes.mediators(w.village)).stream()
                .filter(m -> m.tier() == Tier.TOWNSHIP).findFirst().orElseThrow().id();
        w.as("township_admin", () -> disputes.chooseMediator(id, townshipMediator, false));
        w.as("township_admin", () -> disputes.recordSession(id, LocalDate.of(2026, 3, 3), Outcome.CONTINUED, "实地查看"));
        d = w.as("township_admin", () -> disputes.agree(id, "李乙加装檐沟,费用各半", LocalDate.of(2026, 4, 3)));
        assertThat(d.outcome()).isEqualTo(Outcome.AGREED);
        assertThat(d.followUpOn()).isEqualTo(LocalDate.of(2026, 4, 3));
        assertThat(d.sessions()).extracting(Disputes.Session::outcome).containsExactly(Outcome.FAILED, Outcome.CONTINUED);
        assertThat(w.as(w.cadre, () -> desk.get(id)).status()).isEqualTo(CaseStatus.HANDLED);

        d = w.as("township_admin", () -> disputes.followUp(id, "檐沟已装,双方无异议"));
        assertThat(d.followedUpAt()).isNotNull();
        assertThat(w.as(w.cadre, () -> desk.log(id))).extracting(CaseLogEntry::action)
                .containsExactly("REPORT", "ACCEPT", "DISPATCH", "MEDIATE", "MEDIATE", "REFER", "MEDIATE", "MEDIATE", "AGREE", "FOLLOW_UP");
    }

    @Test
    void afterTheCountyTierTheCourtIsNext() {
        long id = dispute("山林界址纠纷");
        for (Tier expected : List.of(Tier.TOWNSHIP, Tier.COUNTY)) {
            w.as("county_admin", () -> disputes.recordSession(id, LocalDate.of(2026, 3, 3), Outcome.FAILED, "不成"));
            assertThat(w.as("county_admin", () -> disputes.refer(id, "提级")).tier()).isEqualTo(expected);
        }
        w.as("county_admin", () -> disputes.recordSession(id, LocalDate.of(2026, 3, 3), Outcome.FAILED, "不成"));
        assertThatThrownBy(() -> w.as("county_admin", () -> disputes.refer(id, "再提级"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("county");
    }

    @Test
    void aSessionIsNotInTheFutureAndAnOrdinaryCaseIsNoDispute() {
        long id = dispute("噪音纠纷");
        assertThatThrownBy(() -> w.as(w.cadre, () -> disputes.recordSession(id, LocalDate.of(2026, 3, 4), Outcome.FAILED, "明天")))
                .isInstanceOf(InvalidInputException.class);
        long plain = CaseWorld.system(() -> desk.report(CaseWorld.villageReport("ENV", "普通事件", w.village, null)).id());
        assertThatThrownBy(() -> w.as(w.cadre, () -> disputes.dispute(plain))).isInstanceOf(NotFoundException.class);
    }
}
