package org.shanzhi.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.identity.Accounts;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The loop step by step, as the people who take each step, and every refused step over HTTP. */
@IntegrationTest
@RecordApplicationEvents
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseLoopTest {

    @Autowired
    CaseDesk desk;
    @Autowired
    CaseCatalog catalog;
    @Autowired
    MockMvc mvc;
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

    @BeforeAll
    void world() {
        w = new CaseWorld(jdbc, territory, registry, accounts, catalog, 6, 2);
    }

    @AfterEach
    void resetClock() {
        clock.set(CaseWorld.START);
    }

    private ReportCase villagerReport(String text) {
        return new ReportCase("ENV", null, null, text, null, null, null, "村口", null, null, null, false, null, null, null, null);
    }

    @Test
    void aVillagersReportGoesRoundTheWholeLoop() {
        Case k = w.as(w.villager, () -> desk.report(villagerReport("垃圾池满了没人清运")));
        assertThat(k.status()).isEqualTo(CaseStatus.REPORTED);
        assertThat(k.channel()).isEqualTo(Channel.APP);
        assertThat(k.householdId()).isEqualTo(w.householdsA.get(0));
        assertThat(k.gridId()).isEqualTo(w.gridA.id());
        assertThat(k.level()).isEqualTo(CaseLevel.VILLAGE);
        assertThat(k.light()).isEqualTo(Light.GREEN);
        long id = k.id();

        clock.advance(java.time.Duration.ofHours(1));
        assertThat(w.as(w.cadre, () -> desk.accept(id, "属实,立案")).status()).isEqualTo(CaseStatus.ACCEPTED);
        assertThat(w.as(w.cadre, () -> desk.dispatch(id, new DispatchCase(w.gridWorker, null, null, "请今天处理"))))
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(CaseStatus.DISPATCHED);
                    assertThat(c.handlerName()).contains(w.uniq);
                });
        clock.advance(java.time.Duration.ofHours(5));
        assertThat(w.as(w.gridWorker, () -> desk.handle(id, new HandleCase("已联系保洁员清运", null))).status())
                .isEqualTo(CaseStatus.HANDLED);
        assertThat(w.as(w.gridWorker, () -> desk.feedback(id, "垃圾已清运,请评价")).status()).isEqualTo(CaseStatus.FEEDBACK);
        Case closed = w.as(w.villager, () -> desk.rate(id, Rating.SATISFIED, "很快"));
        assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(closed.rating()).isEqualTo(Rating.SATISFIED);
        assertThat(closed.closedAt()).isNotNull();

        List<CaseLogEntry> log = w.as(w.villager, () -> desk.log(id));
        assertThat(log).extracting(CaseLogEntry::action)
                .containsExactly("REPORT", "ACCEPT", "DISPATCH", "HANDLE", "FEEDBACK", "RATE", "CLOSE");
        assertThat(log).extracting(CaseLogEntry::toStatus).containsExactly(CaseStatus.REPORTED, CaseStatus.ACCEPTED,
                CaseStatus.DISPATCHED, CaseStatus.HANDLED, CaseStatus.FEEDBACK, CaseStatus.RATED, CaseStatus.CLOSED);
        assertThat(log.get(1).fromStatus()).isEqualTo(CaseStatus.REPORTED);
        assertThat(log.get(1).actorId()).isEqualTo(w.actor(w.cadre).accountId());
        assertThat(log.get(3).actorId()).isEqualTo(w.actor(w.gridWorker).accountId());
        assertThat(log.get(3).at()).isEqualTo(log.get(2).at().plusHours(5));
        assertThat(log).extracting(CaseLogEntry::seq).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void eachRoleTakesOnlyItsOwnSteps() {
        Case k = w.as(w.villager, () -> desk.report(villagerReport("路灯坏了")));
        long id = k.id();
        // the villager cannot accept their own report; the supervisor reads but never changes
        assertThatThrownBy(() -> w.as(w.villager, () -> desk.accept(id, null))).isInstanceOf(ForbiddenException.class);
        assertThat(w.as(w.supervisor, () -> desk.get(id)).id()).isEqualTo(id);
        assertThatThrownBy(() -> w.as(w.supervisor, () -> desk.accept(id, null))).isInstanceOf(ForbiddenException.class);
        // the central household sees its linked households only; a department sees nothing not sent to it
        assertThatThrownBy(() -> w.as(w.partyCenter, () -> desk.get(id))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> w.as(w.deptStaff, () -> desk.get(id))).isInstanceOf(NotFoundException.class);
        // a cadre of the neighbouring village does not see it at all
        assertThatThrownBy(() -> w.as("village_cadre2", () -> desk.get(id))).isInstanceOf(NotFoundException.class);

        w.as(w.cadre, () -> desk.accept(id, null));
        w.as(w.cadre, () -> desk.dispatch(id, new DispatchCase(null, null, w.department, null)));
        // dispatched to the department: its staff now see and handle it, county-wide
        assertThat(w.as(w.deptStaff, () -> desk.list(null, null, null, null, false, 0, 50)).items())
                .extracting(Case::id).contains(id);
        assertThat(w.as(w.deptStaff, () -> desk.handle(id, new HandleCase("已更换灯泡", null))).status()).isEqualTo(CaseStatus.HANDLED);
        // the grid worker of grid A handles there, but the rating is the reporter's
        assertThat(w.as(w.gridWorker, () -> desk.feedback(id, "已修好")).status()).isEqualTo(CaseStatus.FEEDBACK);
        assertThatThrownBy(() -> w.as(w.cadre, () -> desk.rate(id, Rating.SATISFIED, null))).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aCentralHouseholdReportsForItsLinkedHouseholdsOnly() {
        long linked = w.householdsA.get(2);
        Case k = w.as(w.partyCenter, () -> desk.report(new ReportCase("CARE", null, null, "联系户老人行动不便,需要代办", linked,
                null, null, null, null, null, null, false, null, null, null, null)));
        assertThat(k.level()).isEqualTo(CaseLevel.HOUSEHOLD);
        assertThat(k.channel()).isEqualTo(Channel.GRID);
        long other = w.householdsA.get(4);
        assertThatThrownBy(() -> w.as(w.partyCenter, () -> desk.report(new ReportCase("CARE", null, null, "不是联系户", other,
                null, null, null, null, null, null, false, null, null, null, null)))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRefusalNeedsAReasonAndEndsTheLoop() {
        long id = w.as(w.villager, () -> desk.report(villagerReport("要求村里出钱修我家院墙"))).id();
        assertThatThrownBy(() -> w.as(w.cadre, () -> desk.refuse(id, " "))).isInstanceOf(InvalidInputException.class);
        Case refused = w.as(w.cadre, () -> desk.refuse(id, "属家庭私人事务"));
        assertThat(refused.status()).isEqualTo(CaseStatus.REFUSED);
        assertThat(refused.respondedAt()).isNotNull();
        assertThatThrownBy(() -> w.as(w.cadre, () -> desk.accept(id, null))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("REFUSED");
    }

    @Test
    void aNotSatisfiedCaseReopensOnlyOnce() {
        long id = w.as(w.villager, () -> desk.report(villagerReport("水沟堵了"))).id();
        w.as(w.cadre, () -> desk.accept(id, null));
        w.as(w.cadre, () -> desk.dispatch(id, new DispatchCase(w.gridWorker, null, null, null)));
        w.as(w.gridWorker, () -> desk.handle(id, new HandleCase("已清理", null)));
        w.as(w.gridWorker, () -> desk.feedback(id, "已清理"));
        Case rated = w.as(w.villager, () -> desk.rate(id, Rating.NOT_SATISFIED, "只清了一半"));
        assertThat(rated.status()).isEqualTo(CaseStatus.RATED);

        clock.advance(java.time.Duration.ofHours(2));
        Case reopened = w.as(w.villager, () -> desk.reopen(id, "另一半还堵着"));
        assertThat(reopened.status()).isEqualTo(CaseStatus.DISPATCHED);
        assertThat(reopened.reopenCount()).isEqualTo(1);
        assertThat(reopened.handledAt()).isNull();
        assertThat(reopened.levelStartedAt()).isEqualTo(java.time.LocalDateTime.ofInstant(clock.instant(), clock.getZone()));
        assertThat(reopened.handlerName()).contains(w.uniq); // back to the same handler

        w.as(w.gridWorker, () -> desk.handle(id, new HandleCase("全部清理", null)));
        w.as(w.gridWorker, () -> desk.feedback(id, "全部清理"));
        w.as(w.villager, () -> desk.rate(id, Rating.NOT_SATISFIED, "还是不满意"));
        assertThatThrownBy(() -> w.as(w.villager, () -> desk.reopen(id, "再来一次"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("只能重办一次");
        // the desk closes it with a note instead
        assertThat(w.as(w.cadre, () -> desk.close(id, "已两次处理,经核实已疏通")).status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void aSatisfiedCaseCannotReopen() {
        long id = w.as(w.villager, () -> desk.report(villagerReport("井盖松动"))).id();
        w.as(w.cadre, () -> desk.accept(id, null));
        w.as(w.cadre, () -> desk.dispatch(id, new DispatchCase(null, CaseLevel.VILLAGE, null, null)));
        w.as(w.cadre, () -> desk.handle(id, new HandleCase("已固定", null)));
        w.as(w.cadre, () -> desk.feedback(id, "已固定"));
        w.as(w.villager, () -> desk.rate(id, Rating.BASICALLY_SATISFIED, null));
        assertThatThrownBy(() -> w.as(w.villager, () -> desk.reopen(id, "x"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("CLOSED");
    }

    @Test
    void aCaseClosedWithAVolunteersHelpIsAnnounced(ApplicationEvents events) {
        long volunteer = w.householdsA.get(5);
        long id = w.as(w.villager, () -> desk.report(villagerReport("台风后树枝挡路"))).id();
        w.as(w.cadre, () -> desk.accept(id, null));
        w.as(w.cadre, () -> desk.dispatch(id, new DispatchCase(w.gridWorker, null, null, null)));
        w.as(w.gridWorker, () -> desk.handle(id, new HandleCase("邻居帮忙清理了树枝", volunteer)));
        w.as(w.gridWorker, () -> desk.feedback(id, "已清理"));
        assertThat(events.stream(VolunteerHelped.class).filter(e -> e.caseId() == id)).isEmpty();
        w.as(w.villager, () -> desk.rate(id, Rating.SATISFIED, null));
        assertThat(events.stream(VolunteerHelped.class).filter(e -> e.caseId() == id).toList()).singleElement().satisfies(e -> {
            assertThat(e.householdId()).isEqualTo(volunteer);
            assertThat(e.countyCode()).isEqualTo(CaseWorld.COUNTY);
            assertThat(e.villageCode()).isEqualTo(w.village);
            assertThat(e.closedAt()).isNotNull();
        });
    }

    // ---- every refused step over HTTP: 409 problem+json naming the state ------------------------------

    private static final Map<String, String> BODIES = new LinkedHashMap<>();

    static {
        BODIES.put("accept", "{}");
        BODIES.put("refuse", "{\"reason\":\"理由\"}");
        BODIES.put("dispatch", "{\"level\":\"VILLAGE\"}");
        BODIES.put("handle", "{\"note\":\"结果\"}");
        BODIES.put("feedback", "{\"note\":\"反馈\"}");
        BODIES.put("rate", "{\"rating\":\"SATISFIED\"}");
        BODIES.put("close", "{}");
        BODIES.put("reopen", "{\"reason\":\"理由\"}");
        BODIES.put("whistle", "{\"departments\":[\"DEPT\"]}");
    }

    private static CaseAction actionOf(String path) {
        return CaseAction.valueOf(path.toUpperCase());
    }

    /** A case of the villager's household brought to {@code state} by the system. */
    private long caseIn(CaseStatus state) {
        return CaseWorld.system(() -> {
            long id = desk.report(new ReportCase("ENV", null, null, "状态 " + state, w.householdsA.get(0), null, null, null,
                    null, null, null, false, null, null, null, null)).id();
            switch (state) {
                case REPORTED -> {
                }
                case REFUSED -> desk.refuse(id, "不属实");
                default -> {
                    desk.accept(id, null);
                    if (state == CaseStatus.ACCEPTED) {
                        return id;
                    }
                    desk.dispatch(id, new DispatchCase(null, CaseLevel.VILLAGE, null, null));
                    if (state == CaseStatus.DISPATCHED) {
                        return id;
                    }
                    desk.handle(id, new HandleCase("办结", null));
                    if (state == CaseStatus.HANDLED) {
                        return id;
                    }
                    desk.feedback(id, "反馈");
                    if (state == CaseStatus.FEEDBACK) {
                        return id;
                    }
                    desk.rate(id, state == CaseStatus.RATED ? Rating.NOT_SATISFIED : Rating.SATISFIED, null);
                }
            }
            return id;
        });
    }

    @Test
    void everyStepTheStateRefusesAnswers409NamingTheState() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(w.cadre, token(w.cadre, CaseWorld.PASSWORD));
        tokens.put(w.villager, token(w.villager, CaseWorld.PASSWORD));
        tokens.put("township_admin", token("township_admin", "shanzhi2026"));
        List<String> checked = new ArrayList<>();
        for (CaseStatus state : CaseStatus.values()) {
            long id = caseIn(state);
            assertThat(CaseWorld.system(() -> desk.get(id)).status()).isEqualTo(state);
            for (var e : BODIES.entrySet()) {
                CaseAction action = actionOf(e.getKey());
                if (action.allowedFrom(state)) {
                    continue;
                }
                String who = switch (e.getKey()) {
                    case "rate" -> w.villager;
                    case "whistle" -> "township_admin";
                    default -> w.cadre;
                };
                MvcResult r = mvc.perform(post("/api/v1/cases/" + id + "/" + e.getKey()).header("Authorization", "Bearer " + tokens.get(who))
                        .contentType(MediaType.APPLICATION_JSON).content(e.getValue().replace("DEPT", w.department))).andReturn();
                String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
                assertThat(r.getResponse().getStatus()).as(e.getKey() + " from " + state + ": " + body).isEqualTo(409);
                assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
                assertThat(body).as(e.getKey() + " from " + state).contains(state.name()).contains(state.label());
                checked.add(e.getKey() + "@" + state);
            }
        }
        // 8 states × 9 steps, less the 11 allowed pairs (accept, refuse; dispatch ×2; handle; feedback; rate; close;
        // reopen; whistle ×2)
        assertThat(checked).hasSize(8 * 9 - 11);
    }

    private String token(String username, String password) throws Exception {
        MvcResult res = mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")).andReturn();
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(res.getResponse().getContentAsString());
        assertThat(m.find()).as("login " + username).isTrue();
        return m.group(1);
    }
}
