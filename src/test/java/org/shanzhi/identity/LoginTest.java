package org.shanzhi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.demo.DemoAccounts;
import org.shanzhi.support.Api;
import org.shanzhi.support.IntegrationTest;
import org.shanzhi.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class LoginTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;

    private final Instant start = Instant.parse("2026-03-03T01:00:00Z");

    @AfterEach
    void resetClock() {
        clock.set(start);
    }

    private Account newAccount(String username, Role role, String scope) {
        return ScopeGuard.asSystem("469030", () -> accounts.create(new NewAccount(username, "测试", "abc12345", role, scope, null, null, null, null)));
    }

    private int tokenStatus(String username, String password) throws Exception {
        return mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")).andReturn().getResponse().getStatus();
    }

    @Test
    void fiveFailedLoginsLockTheAccountForFifteenMinutesAndItIsAudited() throws Exception {
        Account a = newAccount("lock_test", Role.VILLAGE_CADRE, "469030202203");
        for (int i = 0; i < 5; i++) {
            assertThat(tokenStatus("lock_test", "wrong-password-1")).isEqualTo(401);
        }
        assertThat(tokenStatus("lock_test", "abc12345")).as("locked even with the right password").isEqualTo(401);
        clock.advance(Duration.ofMinutes(14));
        assertThat(tokenStatus("lock_test", "abc12345")).isEqualTo(401);
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokenStatus("lock_test", "abc12345")).isEqualTo(200);
        assertThat(jdbc.queryForList("select action from audit_entries where entity_id = ? order by id", String.class, String.valueOf(a.id())))
                .contains("login.failed", "account.locked", "login.locked", "login.succeeded");
    }

    @Test
    void aTokenExpiresAndCanBeRevoked() throws Exception {
        String token = Api.token(mvc, "village_cadre");
        mvc.perform(get("/api/v1/me").header("Authorization", Api.bearer(token))).andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("village_cadre")).andExpect(jsonPath("$.scopeCode").value("469030202200"));
        mvc.perform(delete("/api/v1/auth/token").header("Authorization", Api.bearer(token))).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/me").header("Authorization", Api.bearer(token))).andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("problem+json")));
        String second = Api.token(mvc, "village_cadre");
        clock.advance(Duration.ofHours(13));
        mvc.perform(get("/api/v1/me").header("Authorization", Api.bearer(second))).andExpect(status().isUnauthorized());
    }

    @Test
    void aTokenIsRememberedForSecondsOnlyAndALogoutEndsItAtOnce() throws Exception {
        newAccount("token_cache_test", Role.VILLAGE_CADRE, "469030202203");
        String token = Api.token(mvc, "token_cache_test", "abc12345");
        mvc.perform(get("/api/v1/me").header("Authorization", Api.bearer(token))).andExpect(status().isOk());
        // another node disables the account (or revokes the token): this node may answer from its cache for up to 5 s
        jdbc.update("update accounts set enabled = false where username = 'token_cache_test'");
        clock.advance(Duration.ofSeconds(4));
        mvc.perform(get("/api/v1/me").header("Authorization", Api.bearer(token))).andExpect(status().isOk());
        clock.advance(Duration.ofSeconds(2));
        mvc.perform(get("/api/v1/me").header("Authorization", Api.bearer(token))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").header("Authorization", Api.bearer(token))) // a refusal is not remembered
                .andExpect(status().isUnauthorized());
        jdbc.update("update accounts set enabled = true where username = 'token_cache_test'");

        // a logout on this node ends the token at once, although it was looked up a moment ago
        String second = Api.token(mvc, "token_cache_test", "abc12345");
        mvc.perform(get("/api/v1/me").header("Authorization", Api.bearer(second))).andExpect(status().isOk());
        mvc.perform(delete("/api/v1/auth/token").header("Authorization", Api.bearer(second))).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/me").header("Authorization", Api.bearer(second))).andExpect(status().isUnauthorized());

        // a remembered token still ends at its own expiry
        String third = Api.token(mvc, "token_cache_test", "abc12345");
        clock.advance(Duration.ofHours(12).minusSeconds(2));
        mvc.perform(get("/api/v1/me").header("Authorization", Api.bearer(third))).andExpect(status().isOk());
        clock.advance(Duration.ofSeconds(3));
        mvc.perform(get("/api/v1/me").header("Authorization", Api.bearer(third))).andExpect(status().isUnauthorized());
    }

    @Test
    void villagersLogInWithTheirPhoneOrAnSmsCodeWrittenToTheLog(CapturedOutput output) throws Exception {
        String phone = jdbc.queryForObject("select phone from accounts where username = 'villager'", String.class);
        assertThat(tokenStatus(phone, DemoAccounts.PASSWORD)).isEqualTo(200);
        mvc.perform(post("/api/v1/auth/sms-code").contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"" + phone + "\"}"))
                .andExpect(status().isAccepted());
        var m = java.util.regex.Pattern.compile("SMS login code for \\d{3}\\*{4}\\d{4}: (\\d{6})").matcher(output.getAll());
        assertThat(m.find()).as("the code is in the log, the phone masked").isTrue();
        assertThat(output.getAll()).doesNotContain(phone);
        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"" + phone + "\",\"smsCode\":\"" + m.group(1) + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.token").isString());
        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"" + phone + "\",\"smsCode\":\"" + m.group(1) + "\"}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aTownshipAdminCannotCreateACountyAdminNorAnAccountOutsideTheTownship() throws Exception {
        String ta = Api.token(mvc, "township_admin");
        mvc.perform(post("/api/v1/accounts").header("Authorization", Api.bearer(ta)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"up_1\",\"displayName\":\"x\",\"password\":\"abc12345\",\"role\":\"COUNTY_ADMIN\",\"scopeCode\":\"469030\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/accounts").header("Authorization", Api.bearer(ta)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"up_2\",\"displayName\":\"x\",\"password\":\"abc12345\",\"role\":\"TOWNSHIP_ADMIN\",\"scopeCode\":\"469030202\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/accounts").header("Authorization", Api.bearer(ta)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"up_3\",\"displayName\":\"x\",\"password\":\"abc12345\",\"role\":\"VILLAGE_CADRE\",\"scopeCode\":\"469030100001\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/accounts").header("Authorization", Api.bearer(ta)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"up_4\",\"displayName\":\"x\",\"password\":\"abc12345\",\"role\":\"VILLAGE_CADRE\",\"scopeCode\":\"469030202203\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.role").value("VILLAGE_CADRE"));
        mvc.perform(post("/api/v1/accounts").header("Authorization", Api.bearer(ta)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"up_5\",\"displayName\":\"x\",\"password\":\"short\",\"role\":\"VILLAGE_CADRE\",\"scopeCode\":\"469030202203\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("password"));
    }

    @Test
    void passwordsAreStoredWithAnAdaptiveHash() {
        String hash = jdbc.queryForObject("select password_hash from accounts where username = 'county_admin'", String.class);
        assertThat(hash).startsWith("{bcrypt}$2a$").doesNotContain(DemoAccounts.PASSWORD);
    }

    @Test
    void theConsoleLogsInWithAFormStoresTheSessionInTheDatabaseAndSendsSecurityHeaders() throws Exception {
        var result = mvc.perform(formLogin("/login").user("county_admin").password(DemoAccounts.PASSWORD)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("error");
        assertThat(jdbc.queryForObject("select count(*) from spring_session where principal_name = 'county_admin'", Long.class)).isPositive();
        mvc.perform(get("/login")).andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().exists("Content-Security-Policy"));
        // a form post without a CSRF token is refused
        mvc.perform(post("/logout")).andExpect(status().isForbidden());
    }
}
