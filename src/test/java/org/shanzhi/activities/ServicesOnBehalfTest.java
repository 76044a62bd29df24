package org.shanzhi.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shanzhi.points.PointsWorld.as;
import static org.shanzhi.points.PointsWorld.cadre;
import static org.shanzhi.points.PointsWorld.system;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.cases.CaseDesk;
import org.shanzhi.cases.CaseLevel;
import org.shanzhi.cases.CaseStatus;
import org.shanzhi.cases.DispatchCase;
import org.shanzhi.cases.HandleCase;
import org.shanzhi.cases.Light;
import org.shanzhi.cases.Rating;
import org.shanzhi.common.Actor;
import org.shanzhi.common.ForbiddenException;
import org.shanzhi.identity.internal.AccountPrincipal;
import org.shanzhi.points.PointsResults;
import org.shanzhi.points.PointsSchemes;
import org.shanzhi.points.PointsWorld;
import org.shanzhi.points.ScoreEvents;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.registry.Household;
import org.shanzhi.registry.Registry;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.shanzhi.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** 昌江 便民代办: the shipped catalogue, the import's row-level report, and a request through the case loop against its limit. */
@IntegrationTest
class ServicesOnBehalfTest {

    static final String VILLAGE = "469030102208";

    @Autowired
    ServiceCatalogue catalogue;
    @Autowired
    CaseDesk cases;
    @Autowired
    Registry registry;
    @Autowired
    Territory territory;
    @Autowired
    PointsSchemes schemes;
    @Autowired
    ScoreEvents events;
    @Autowired
    PointsResults results;
    @Autowired
    NoticeBoard notices;
    @Autowired
    MutableClock clock;
    @Autowired
    MockMvc mvc;

    @AfterEach
    void restoreClock() {
        clock.set(PointsWorld.START);
    }

    private Household household() {
        return new PointsWorld(territory, registry, schemes, events, results, notices, clock).household(VILLAGE, null);
    }

    /** The example file's own rows, counted here without the importer. */
    private static List<String[]> exampleRows() throws IOException {
        try (InputStream in = new ClassPathResource(ServiceCatalogue.EXAMPLE).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("code,")).map(l -> l.split(",", -1)).toList();
        }
    }

    @Test
    void changjiang_theShippedCatalogueImports41Items_34Proxy7OnSite15Online3Phone() throws IOException {
        List<String[]> rows = exampleRows();
        int proxy = (int) rows.stream().filter(f -> f[2].equals("PROXY")).count();
        int onsite = (int) rows.stream().filter(f -> f[2].equals("ONSITE")).count();
        int online = (int) rows.stream().filter(f -> f[3].equals("true")).count();
        int phone = (int) rows.stream().filter(f -> f[4].equals("true")).count();
        // the figures of the seed (S3:L43): 5 categories, 41 items, 34 村级承诺代理 + 7 现场协助办, 15 online, 3 by phone
        assertThat(List.of(rows.size(), proxy, onsite, online, phone)).containsExactly(41, 34, 7, 15, 3);

        ServiceCatalogue.ImportReport r;
        try (InputStream in = new ClassPathResource(ServiceCatalogue.EXAMPLE).getInputStream()) {
            r = system(() -> catalogue.importFile(in));
        }
        assertThat(r.imported()).isTrue();
        assertThat(r.counts()).isEqualTo(new ServiceCatalogue.Imported(rows.size(), proxy, onsite, online, phone));
        List<ServiceCatalogue.Item> items = system(() -> catalogue.items()).stream().filter(i -> i.code().startsWith("CJ")).toList();
        assertThat(items).hasSize(41);
        assertThat(items.stream().filter(i -> i.mode().equals("ONSITE"))).hasSize(7);
        assertThat(items.stream().filter(ServiceCatalogue.Item::byPhone)).hasSize(3);
    }

    @Test
    void changjiang_aBadFileIsRefusedWhole_withRowColumnAndReason() {
        String file = """
                # a comment
                code,name,mode,online,phone,documents,limitDays
                ZZ01,好的事项,PROXY,true,false,身份证,5
                ZZ02,坏的方式,MAILBOX,true,false,身份证,5
                ZZ03,坏的时限,ONSITE,是,否,"身份证,户口簿",0
                ZZ01,重复编码,PROXY,false,false,,3
                ZZ05,列数不对,PROXY
                """;
        ServiceCatalogue.ImportReport r = system(() -> catalogue.importFile(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8))));
        assertThat(r.imported()).isFalse();
        assertThat(r.errors()).extracting(e -> e.row() + ":" + e.column())
                .containsExactly("4:mode", "5:limitDays", "6:code", "7:");
        assertThat(r.errors().get(0).reason()).contains("PROXY");
        assertThat(r.errors().get(3).reason()).contains("7 列");
        // nothing saved, not even the good row
        assertThat(system(() -> catalogue.item("ZZ01"))).isEmpty();
        // only the county admin imports
        assertThatThrownBy(() -> as(cadre(VILLAGE), () -> catalogue.importFile(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void changjiang_aRequestRunsThroughTheCaseLoopAgainstTheItemsLimit_lightTurnsRedWhenTheClockPassesIt() {
        system(() -> catalogue.importExample());
        ServiceCatalogue.Item item = system(() -> catalogue.items()).stream().filter(i -> i.code().startsWith("CJ") && i.limitDays() == 3)
                .findFirst().orElseThrow();
        Household h = household();
        Actor me = PointsWorld.villager(VILLAGE, h.id());
        Actor agent = cadre(VILLAGE);

        ServiceCatalogue.ServiceRequest asked = as(me, () -> catalogue.request(new ServiceCatalogue.NewRequest(item.code(), null, null)));
        ServiceCatalogue.RequestView v = as(me, () -> catalogue.view(asked.id()));
        assertThat(v.dueAt()).isEqualTo(LocalDateTime.of(2026, 3, 6, 9, 0));
        assertThat(v.status()).isEqualTo(CaseStatus.REPORTED);
        assertThat(v.light()).isEqualTo(Light.GREEN);
        // the agent's case carries the limit
        assertThat(as(agent, () -> cases.get(asked.caseId())).description()).contains("办理时限 3 天", "2026-03-06 09:00");

        // the agent: accept, collect the documents, hand them in
        as(agent, () -> cases.accept(asked.caseId(), "受理代办"));
        as(agent, () -> cases.dispatch(asked.caseId(), new DispatchCase(null, CaseLevel.VILLAGE, null, "已上门收取材料:" + item.documents())));
        // 2.5 of 3 days gone (over 80 %): yellow
        clock.advance(Duration.ofHours(60));
        assertThat(as(me, () -> catalogue.view(asked.id())).light()).isEqualTo(Light.YELLOW);
        // the clock passes the limit: red, and it stays red once handled late
        clock.advance(Duration.ofHours(13));
        assertThat(as(me, () -> catalogue.view(asked.id())).light()).isEqualTo(Light.RED);
        assertThat(as(agent, () -> catalogue.requests())).filteredOn(x -> x.id() == asked.id()).singleElement()
                .satisfies(x -> assertThat(x.light()).isEqualTo(Light.RED));
        as(agent, () -> cases.handle(asked.caseId(), new HandleCase("材料已递交乡镇服务中心,办结", null)));
        as(agent, () -> cases.feedback(asked.caseId(), "证件已办好,请到村委会领取"));
        ServiceCatalogue.RequestView done = as(me, () -> catalogue.view(asked.id()));
        assertThat(done.light()).isEqualTo(Light.RED);
        assertThat(done.mayRate()).isTrue();
        // the villager rates: satisfied closes it
        ServiceCatalogue.RequestView rated = as(me, () -> catalogue.rate(asked.id(), Rating.SATISFIED, "方便"));
        assertThat(rated.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(rated.rating()).isEqualTo(Rating.SATISFIED);

        // a request handled within its limit stays green even after the clock passes the limit
        clock.set(PointsWorld.START);
        ServiceCatalogue.ServiceRequest quick = as(me, () -> catalogue.request(new ServiceCatalogue.NewRequest(item.code(), null, null)));
        as(agent, () -> cases.accept(quick.caseId(), null));
        as(agent, () -> cases.dispatch(quick.caseId(), new DispatchCase(null, CaseLevel.VILLAGE, null, "收取材料")));
        clock.advance(Duration.ofDays(1));
        as(agent, () -> cases.handle(quick.caseId(), new HandleCase("已办结", null)));
        clock.advance(Duration.ofDays(5));
        assertThat(as(me, () -> catalogue.view(quick.id())).light()).isEqualTo(Light.GREEN);
        assertThat(as(me, () -> catalogue.requests())).extracting(ServiceCatalogue.RequestView::id).containsExactly(quick.id(), asked.id());
        // another household's villager does not see it
        Actor stranger = PointsWorld.villager(VILLAGE, household().id());
        assertThatThrownBy(() -> as(stranger, () -> catalogue.view(quick.id()))).isInstanceOf(org.shanzhi.common.NotFoundException.class);
    }

    @Test
    void changjiang_pages_importReportAndTheVillagersPhonePages() throws Exception {
        system(() -> catalogue.importExample());
        Household h = household();
        Actor me = PointsWorld.villager(VILLAGE, h.id());
        var villager = user(new AccountPrincipal(me, "", false, true));
        String page = mvc.perform(get("/m/services").with(villager)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("申请代办", "村级承诺代理");
        String location = mvc.perform(post("/m/services").with(villager).with(csrf()).param("itemCode", "CJ01"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/m/services/\\d+");
        String follow = mvc.perform(get(location).with(villager)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(follow).contains("正常 / on time", "办理时限", "2026-03-06 09:00");

        Actor admin = new Actor(9L, "ca", "县管理员", "COUNTY_ADMIN", "469030", "469030", null, java.util.Set.of(), false);
        var county = user(new AccountPrincipal(admin, "", false, true));
        MockMultipartFile bad = new MockMultipartFile("file", "bad.csv", "text/csv", "ZZ9,名称,PROXY,maybe,false,,3\n".getBytes(StandardCharsets.UTF_8));
        String report = mvc.perform(multipart("/services/import").file(bad).with(county).with(csrf())).andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(report).contains("全部未导入", "online");
        String catalogue = mvc.perform(get("/services").with(county)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(catalogue).contains("村级承诺代理 34", "可电话办 3");
    }
}
