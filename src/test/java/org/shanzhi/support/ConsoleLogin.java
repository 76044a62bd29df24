package org.shanzhi.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import jakarta.servlet.http.Cookie;
import org.shanzhi.demo.DemoAccounts;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Logs a demo account into the console through the real form login (the app reads its own principal type,
 * so a mocked user would not do) and returns the session cookie for the following requests.
 */
public final class ConsoleLogin {

    private ConsoleLogin() {
    }

    public static Cookie login(MockMvc mvc, String username) throws Exception {
        var response = mvc.perform(formLogin("/login").user(username).password(DemoAccounts.PASSWORD))
                .andExpect(redirectedUrl("/")).andReturn().getResponse();
        Cookie session = response.getCookie("SESSION");
        if (session == null) {
            throw new IllegalStateException("no session cookie after logging in " + username);
        }
        return session;
    }
}
