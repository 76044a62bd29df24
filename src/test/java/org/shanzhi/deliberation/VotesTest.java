package org.shanzhi.deliberation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.demo.DemoAccounts;
import org.shanzhi.identity.Accounts;
import org.shanzhi.identity.NewAccount;
import org.shanzhi.identity.Role;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Votes of assemblies and councils: quorum and majority, one ballot per member, secret ballots, council sizes and terms. */
@IntegrationTest
@RecordApplicationEvents
class VotesTest {

    static final String VILLAGE = "469030202200";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Accounts accounts;
    @Autowired
    ApplicationEvents events;

    private Calls api;
    private String cadre;

    @BeforeEach
    void setUp() throws Exception {
        api = new Calls(mvc, json);
        cadre = api.token("village_cadre");
    }

    private String body(String kind, int paperMembers, String... usernames) throws Exception {
        String id = api.post(cadre, "/api/v1/deliberation/bodies", "{\"villageCode\":\"" + VILLAGE + "\",\"kind\":\"" + kind
                + "\",\"name\":\"测试" + Calls.uniq() + "\"}", 201).get("id").asString();
        for (String u : usernames) {
            api.post(cadre, "/api/v1/deliberation/bodies/" + id + "/members", "{\"username\":\"" + u + "\"}", 201);
        }
        for (int i = 1; i <= paperMembers; i++) {
            api.post(cadre, "/api/v1/deliberation/bodies/" + id + "/members", "{\"name\":\"代表" + i + "\"}", 201);
        }
        return id;
    }

    private String open(String body, boolean secret) throws Exception {
        return api.post(cadre, "/api/v1/deliberation/votes", "{\"bodyId\":\"" + body + "\",\"motion\":\"测试动议" + Calls.uniq()
                + "\",\"secret\":" + secret + "}", 201).get("id").asString();
    }

    private JsonNode closeWithPaper(String vote, int inFavour, int against, int abstained) throws Exception {
        return api.post(cadre, "/api/v1/deliberation/votes/" + vote + "/close", "{\"paperFor\":" + inFavour + ",\"paperAgainst\":"
                + against + ",\"paperAbstain\":" + abstained + "}", 200);
    }

    /** A second villager of 便文村 with an account, so two members can vote online. */
    private String newVoter() throws Exception {
        long household = jdbc.queryForObject("select max(id) from households where village_code = ?", Long.class, VILLAGE);
        String username = "voter" + Calls.uniq();
        ScopeGuard.asSystem("469030", () -> accounts.create(new NewAccount(username, "村民代表", DemoAccounts.PASSWORD, Role.VILLAGER,
                VILLAGE, null, household, null, null)));
        return username;
    }

    @Test
    void thirtyRepresentativesWithNineteenPresentAreShortOfQuorum() throws Exception {
        String vote = open(body("REPRESENTATIVE_ASSEMBLY", 30), false);
        JsonNode v = closeWithPaper(vote, 19, 0, 0);
        assertThat(v.get("present").asInt()).isEqualTo(19);
        assertThat(v.get("outcome").asString()).isEqualTo("NO_QUORUM");
    }

    @Test
    void twentyPresentWithElevenInFavourPassesAndWithTenFails() throws Exception {
        String body = body("REPRESENTATIVE_ASSEMBLY", 30);
        assertThat(closeWithPaper(open(body, false), 11, 9, 0).get("outcome").asString()).isEqualTo("PASSED");
        assertThat(closeWithPaper(open(body, false), 10, 9, 1).get("outcome").asString()).isEqualTo("FAILED");
        api.post(cadre, "/api/v1/deliberation/votes/" + open(body, false) + "/close", "{\"paperFor\":31}", 400);
    }

    @Test
    void aMemberVotesOnceAndNothingChangesAfterTheClose() throws Exception {
        String voter = newVoter();
        String vote = open(body("REPRESENTATIVE_ASSEMBLY", 1, "villager", voter), false);
        String villager = api.token("villager");
        assertThat(api.get(villager, "/api/v1/deliberation/votes/" + vote, 200).get("youMayVote").asBoolean()).isTrue();
        assertThat(api.post(villager, "/api/v1/deliberation/votes/" + vote + "/ballots", "{\"choice\":\"FOR\"}", 201)
                .get("choice").asString()).isEqualTo("FOR");
        assertThat(api.post(villager, "/api/v1/deliberation/votes/" + vote + "/ballots", "{\"choice\":\"AGAINST\"}", 409)
                .get("detail").asString()).contains("已投票");
        api.post(api.token("grid_worker"), "/api/v1/deliberation/votes/" + vote + "/ballots", "{\"choice\":\"FOR\"}", 403);

        JsonNode closed = api.post(cadre, "/api/v1/deliberation/votes/" + vote + "/close", "{}", 200);
        assertThat(closed.get("inFavour").asInt()).isEqualTo(1);
        assertThat(api.post(api.token(voter), "/api/v1/deliberation/votes/" + vote + "/ballots", "{\"choice\":\"AGAINST\"}", 409)
                .get("detail").asString()).contains("表决已结束");
        api.post(cadre, "/api/v1/deliberation/votes/" + vote + "/close", "{}", 409);
        JsonNode after = api.get(cadre, "/api/v1/deliberation/votes/" + vote, 200);
        assertThat(after.get("inFavour").asInt()).isEqualTo(1);
        assertThat(after.get("against").asInt()).isZero();
        // an open vote shows who voted what
        JsonNode ballots = api.get(cadre, "/api/v1/deliberation/votes/" + vote + "/ballots", 200);
        assertThat(ballots.findValuesAsString("choice").stream().filter(c -> !c.isEmpty())).containsExactly("FOR");
    }

    @Test
    void aSecretBallotNeverRevealsWhoVotedWhat() throws Exception {
        String voter = newVoter();
        String vote = open(body("REPRESENTATIVE_ASSEMBLY", 1, "villager", voter), true);
        String villager = api.token("villager");
        JsonNode ballot = api.post(villager, "/api/v1/deliberation/votes/" + vote + "/ballots", "{\"choice\":\"AGAINST\"}", 201);
        assertThat(ballot.get("choice").isNull()).isTrue();
        api.post(api.token(voter), "/api/v1/deliberation/votes/" + vote + "/ballots", "{\"choice\":\"FOR\"}", 201);

        JsonNode open = api.get(cadre, "/api/v1/deliberation/votes/" + vote, 200);
        assertThat(open.get("ballotsCast").asInt()).isEqualTo(2);
        assertThat(open.get("inFavour").isNull()).as("no counts while open").isTrue();
        JsonNode closed = api.post(cadre, "/api/v1/deliberation/votes/" + vote + "/close", "{}", 200);
        assertThat(closed.get("inFavour").asInt()).isEqualTo(1);
        assertThat(closed.get("against").asInt()).isEqualTo(1);

        JsonNode ballots = api.get(cadre, "/api/v1/deliberation/votes/" + vote + "/ballots", 200);
        assertThat(ballots.size()).isEqualTo(3);
        for (JsonNode b : ballots) {
            assertThat(b.get("choice").isNull()).isTrue();
        }
        assertThat(ballots.toString()).doesNotContain("AGAINST").doesNotContain("\"FOR\"");
        // nor in the database or the audit trail
        assertThat(jdbc.queryForObject("select count(*) from vote_electors where vote_id = ? and choice is not null", Long.class,
                Long.parseLong(vote))).isZero();
        List<String> audit = jdbc.queryForList("select coalesce(after_value, '') from audit_entries where entity_type = 'vote' and entity_id = ? and action = 'vote.cast'",
                String.class, vote);
        assertThat(audit).hasSize(2).allSatisfy(a -> assertThat(a).doesNotContain("AGAINST").doesNotContain("FOR"));
        assertThat(events.stream(VoteClosed.class).filter(e -> e.voteId() == Long.parseLong(vote))).singleElement()
                .satisfies(e -> assertThat(e.noticeText()).contains("无记名").contains("赞成 1 票,反对 1 票"));
    }

    @Test
    void councilSizesFollowTheSeeds() throws Exception {
        // 米易 红白理事会: 5-7 members (001 L147)
        String council = body("WEDDING_FUNERAL_COUNCIL", 4);
        assertThat(api.post(cadre, "/api/v1/deliberation/votes", "{\"bodyId\":\"" + council + "\",\"motion\":\"人数不足\"}", 409)
                .get("detail").asString()).contains("5-7");
        for (int i = 5; i <= 7; i++) {
            api.post(cadre, "/api/v1/deliberation/bodies/" + council + "/members", "{\"name\":\"理事" + i + "\"}", 201);
        }
        assertThat(api.post(cadre, "/api/v1/deliberation/bodies/" + council + "/members", "{\"name\":\"理事8\"}", 409)
                .get("detail").asString()).contains("最多 7 人");
        open(council, false);
        // 米易 党务村务财务事务监督会: 7-9; 邻里互助会: 3-5
        JsonNode b = api.get(cadre, "/api/v1/deliberation/bodies/" + body("SUPERVISION_COUNCIL", 0), 200);
        assertThat(b.get("minSize").asInt()).isEqualTo(7);
        assertThat(b.get("maxSize").asInt()).isEqualTo(9);
        b = api.get(cadre, "/api/v1/deliberation/bodies/" + body("MUTUAL_AID_COUNCIL", 0), 200);
        assertThat(b.get("maxSize").asInt()).isEqualTo(5);
    }

    @Autowired
    DeliberationSettings deliberationSettings;

    @Test
    void aBodyServesFiveYearsByDefaultAndCannotVoteOutsideItsTerm() throws Exception {
        // the county's term may have been changed by an earlier test (the API fuzz test sets random valid values)
        org.shanzhi.common.ScopeGuard.asSystem("469030", () -> deliberationSettings.change(new DeliberationSettings.Change(null, 5)));
        JsonNode b = api.get(cadre, "/api/v1/deliberation/bodies/" + body("REPRESENTATIVE_ASSEMBLY", 3), 200);
        assertThat(LocalDate.parse(b.get("termEnd").asString())).isEqualTo(LocalDate.parse(b.get("termStart").asString()).plusYears(5).minusDays(1));
        String old = api.post(cadre, "/api/v1/deliberation/bodies", "{\"villageCode\":\"" + VILLAGE
                + "\",\"kind\":\"REPRESENTATIVE_ASSEMBLY\",\"termStart\":\"2020-01-01\",\"termEnd\":\"2024-12-31\"}", 201).get("id").asString();
        api.post(cadre, "/api/v1/deliberation/bodies/" + old + "/members", "{\"name\":\"老代表\"}", 201);
        assertThat(api.post(cadre, "/api/v1/deliberation/votes", "{\"bodyId\":\"" + old + "\",\"motion\":\"任期已满\"}", 409)
                .get("detail").asString()).contains("任期");
    }

    @Test
    void anAssemblyResolutionTakenByVoteCarriesTheVotesCountsAndOutcome() throws Exception {
        String matter = api.post(cadre, "/api/v1/deliberation/matters", "{\"villageCode\":\"" + VILLAGE + "\",\"title\":\"表决形成决议"
                + Calls.uniq() + "\",\"description\":\"说明\"}", 201).get("id").asString();
        for (String s : List.of("PARTY_BRANCH_PROPOSAL", "TWO_COMMITTEES_DISCUSSION", "PARTY_MEMBERS_REVIEW")) {
            api.post(cadre, "/api/v1/deliberation/matters/" + matter + "/steps", "{\"step\":\"" + s
                    + "\",\"heldOn\":\"2026-03-02\",\"present\":5,\"expected\":5,\"minutes\":\"纪要\",\"outcome\":\"PASSED\"}", 201);
        }
        String vote = api.post(cadre, "/api/v1/deliberation/votes", "{\"bodyId\":\"" + body("REPRESENTATIVE_ASSEMBLY", 30)
                + "\",\"motion\":\"同意该事项\",\"matterId\":\"" + matter + "\"}", 201).get("id").asString();
        api.post(cadre, "/api/v1/deliberation/matters/" + matter + "/steps", "{\"step\":\"ASSEMBLY_RESOLUTION\",\"voteId\":\"" + vote + "\"}", 409);
        closeWithPaper(vote, 11, 9, 0);
        JsonNode m = api.post(cadre, "/api/v1/deliberation/matters/" + matter + "/steps", "{\"step\":\"ASSEMBLY_RESOLUTION\",\"voteId\":\""
                + vote + "\",\"minutes\":\"村民代表会议表决\"}", 201);
        JsonNode step = m.get("steps").get(3);
        assertThat(step.get("outcome").asString()).isEqualTo("PASSED");
        assertThat(step.get("present").asInt()).isEqualTo(20);
        assertThat(step.get("expected").asInt()).isEqualTo(30);
        assertThat(m.get("status").asString()).isEqualTo("RESOLVED");
    }
}
