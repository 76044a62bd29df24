package org.shanzhi.identity.internal;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import org.shanzhi.common.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in account as Spring Security holds it (also stored in the JDBC session). */
public record AccountPrincipal(Actor actor, String passwordHash, boolean locked, boolean enabled)
        implements UserDetails, Serializable {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + actor.role()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return actor.username();
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }
}
