package org.shanzhi.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.Api;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class RegistrySearchTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Registry registry;
    @Autowired
    JdbcTemplate jdbc;

    private static final String VILLAGE = "469030202200";
    private String cadre;

    @BeforeEach
    void login() throws Exception {
        cadre = Api.token(mvc, "village_cadre");
        if (jdbc.queryForObject("select count(*) from households where number = 'SEARCH-1'", Long.class) == 0) {
            ScopeGuard.asSystem("469030", () -> {
                Household h = registry.createHousehold(new NewHousehold(VILLAGE, null, null, "SEARCH-1", "便文村搜索路1号",
                        "13912340000", List.of(), Map.of()));
                registry.addPerson(h.id(), new NewPerson("张三丰", "男", LocalDate.of(1980, 5, 17),
                        IdNumber.of("469030", LocalDate.of(1980, 5, 17), 771), "13912345678", "户主", List.of("党员")));
                return null;
            });
        }
    }

    @Test
    void findsAPersonByNameByPinyinInitialsAndByTheLastFourDigits() throws Exception {
        String last4 = IdNumber.of("469030", LocalDate.of(1980, 5, 17), 771).substring(14);
        for (String q : List.of("张三丰", "zsf", "ZSF", last4)) {
            mvc.perform(get("/api/v1/persons").param("division", VILLAGE).param("q", q).header("Authorization", Api.bearer(cadre)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.items[?(@.name == '张三丰')]").exists());
            mvc.perform(get("/api/v1/households").param("division", VILLAGE).param("q", q).header("Authorization", Api.bearer(cadre)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.items[?(@.number == 'SEARCH-1')]").exists());
        }
    }

    @Test
    void idNumbersAndPhonesAreMaskedInEveryAnswer() throws Exception {
        String id = IdNumber.of("469030", LocalDate.of(1980, 5, 17), 771);
        String json = mvc.perform(get("/api/v1/persons").param("division", VILLAGE).param("q", "张三丰").header("Authorization", Api.bearer(cadre)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("4690**********" + id.substring(14)).contains("139****5678").doesNotContain(id).doesNotContain("13912345678");
        String households = mvc.perform(get("/api/v1/households").param("q", "SEARCH-1").header("Authorization", Api.bearer(cadre)))
                .andReturn().getResponse().getContentAsString();
        assertThat(households).doesNotContain("13912340000");
    }

    @Test
    void revealingAnIdNumberShowsItInClearAndIsAudited() throws Exception {
        String id = IdNumber.of("469030", LocalDate.of(1980, 5, 17), 771);
        Long personId = jdbc.queryForObject("select id from persons where id_number = ?", Long.class, id);
        mvc.perform(post("/api/v1/persons/" + personId + "/reveal").param("reason", "核对低保材料").header("Authorization", Api.bearer(cadre)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.idNumber").value(id));
        assertThat(jdbc.queryForObject("select count(*) from audit_entries where action = 'person.revealed' and subject_person_id = ?",
                Long.class, personId)).isPositive();
    }

    @Test
    void searchIsLimitedToTheCallersScope() throws Exception {
        String other = Api.token(mvc, "village_cadre2");
        mvc.perform(get("/api/v1/persons").param("q", "张三丰").header("Authorization", Api.bearer(other)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[?(@.name == '张三丰')]").doesNotExist());
        mvc.perform(get("/api/v1/persons").param("division", VILLAGE).header("Authorization", Api.bearer(other)))
                .andExpect(status().isNotFound());
    }

    @Test
    void listsArePagedAndAnOversizedPageIsANamedError() throws Exception {
        mvc.perform(get("/api/v1/households").param("size", "5").header("Authorization", Api.bearer(cadre)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(5)).andExpect(jsonPath("$.total").isNumber());
        mvc.perform(get("/api/v1/households").param("size", "5000").header("Authorization", Api.bearer(cadre)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("size"));
        mvc.perform(get("/api/v1/households").param("page", "x").header("Authorization", Api.bearer(cadre)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("page"));
    }

    @Test
    void aBadPersonIsRefusedNamingEachField() throws Exception {
        Long household = jdbc.queryForObject("select id from households where number = 'SEARCH-1'", Long.class);
        mvc.perform(post("/api/v1/households/" + household + "/members").header("Authorization", Api.bearer(cadre))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"李四\",\"gender\":\"女\",\"birthDate\":\"1990-01-01\",\"idNumber\":\"469030199001010011\",\"relation\":\"女\",\"phone\":\"123\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'idNumber')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'phone')]").exists());
        mvc.perform(post("/api/v1/households/" + household + "/members").header("Authorization", Api.bearer(cadre))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("body"));
        mvc.perform(post("/api/v1/households/" + household + "/members").header("Authorization", Api.bearer(cadre))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"birthDate\":\"1990-13-01\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("birthDate"));
        // PostgreSQL refuses NUL in text: the field is named and nothing is written, on H2 as on PostgreSQL
        Long members = jdbc.queryForObject("select count(*) from persons where household_id = ?", Long.class, household);
        mvc.perform(post("/api/v1/households/" + household + "/members").header("Authorization", Api.bearer(cadre))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"李\\u0000四\",\"gender\":\"女\",\"birthDate\":\"1990-01-01\",\"relation\":\"女\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("name"));
        assertThat(jdbc.queryForObject("select count(*) from persons where household_id = ?", Long.class, household)).isEqualTo(members);
        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"\\u0000\",\"smsCode\":\"123456\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("phone"));
    }
}
