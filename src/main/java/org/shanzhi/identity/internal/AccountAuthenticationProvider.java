package org.shanzhi.identity.internal;

import org.shanzhi.common.Actor;
import org.shanzhi.identity.Accounts;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/** Console form login through {@link Accounts#login}, which counts failures, locks and audits. */
@Component
class AccountAuthenticationProvider implements AuthenticationProvider {

    private final Accounts accounts;

    AccountAuthenticationProvider(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        try {
            Actor actor = accounts.login(authentication.getName(), String.valueOf(authentication.getCredentials()));
            var principal = new AccountPrincipal(actor, "", false, true);
            return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
        } catch (Accounts.LoginRefused e) {
            throw new BadCredentialsException(e.getMessage());
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
