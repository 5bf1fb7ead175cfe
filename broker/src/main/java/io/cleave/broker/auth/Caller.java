package io.cleave.broker.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.Objects;

/**
 * The signed-in person behind a request, from the claims of its verified token, with the
 * organisation-scoped checks every controller applies. Each check throws
 * {@link AccessDeniedException} (HTTP 403) naming the caller and what was refused.
 *
 * @param organisation the organisation of an ORG_ADMIN or ORG_MEMBER; null for the broker-wide roles
 */
public record Caller(String username, Role role, @Nullable String organisation) {
    /** Token claim carrying the organisation name. */
    public static final String ORGANISATION_CLAIM = "organisation";
    /** Token claim present (true) while the user still has a one-time password. */
    public static final String PASSWORD_CHANGE_CLAIM = "password_change_required";

    public Caller {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if (role.organisationScoped() != (organisation != null)) {
            throw new IllegalArgumentException("a " + role + " " + (organisation == null ? "needs" : "has no")
                    + " organisation");
        }
    }

    /** The caller of a verified token; a token without exactly one known role is refused. */
    public static Caller of(Authentication authentication) {
        Collection<String> roles = authentication.getRoles();
        if (roles.size() != 1) {
            throw new AccessDeniedException("the token of '" + authentication.getName() + "' must carry exactly one "
                    + "role, found " + roles);
        }
        Role role;
        try {
            role = Role.parse(roles.iterator().next());
        } catch (IllegalArgumentException e) {
            throw new AccessDeniedException(e.getMessage());
        }
        Object organisation = authentication.getAttributes().get(ORGANISATION_CLAIM);
        if (role.organisationScoped() != (organisation != null)) {
            throw new AccessDeniedException("the token of '" + authentication.getName() + "' has role " + role
                    + (organisation == null ? " but no organisation" : " and an organisation"));
        }
        return new Caller(authentication.getName(), role, organisation == null ? null : organisation.toString());
    }

    /** The caller as an audit record's actor. */
    public String actor() {
        return "user:" + username;
    }

    /** BROKER_ADMIN and AUDITOR read every organisation's private details. */
    public boolean readsEverything() {
        return role == Role.BROKER_ADMIN || role == Role.AUDITOR;
    }

    public boolean belongsTo(@Nullable String org) {
        return organisation != null && organisation.equals(org);
    }

    /** Reading an organisation's private details: its own people, the broker administrator, auditors. */
    public void requireReadOf(String org) {
        if (!readsEverything() && !belongsTo(org)) {
            throw denied("read the private details of organisation '" + org + "'");
        }
    }

    /** Acting for an organisation (submitting its jobs, consenting for it): its own administrators and members. */
    public void requireActFor(@Nullable String org) {
        if (!belongsTo(org)) {
            throw denied("act for organisation '" + org + "'");
        }
    }

    /** Administering an organisation (its providers, certificates, users): its own administrators. */
    public void requireAdminOf(String org) {
        if (role != Role.ORG_ADMIN || !belongsTo(org)) {
            throw denied("administer organisation '" + org + "'");
        }
    }

    public AccessDeniedException denied(String what) {
        return new AccessDeniedException(this + " may not " + what);
    }

    @Override
    public String toString() {
        return "user '" + username + "' (" + role + (organisation == null ? "" : " of '" + organisation + "'") + ")";
    }
}
