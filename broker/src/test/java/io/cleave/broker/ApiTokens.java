package io.cleave.broker;

import io.cleave.broker.auth.Role;
import io.cleave.broker.auth.SessionTokens;
import io.cleave.broker.auth.UserService;
import io.micronaut.context.ApplicationContext;

/**
 * Bearer tokens for tests that exercise other parts of the REST API: minted by the broker's own
 * {@link SessionTokens}, exactly as a sign-in would, without the Argon2id cost of a password check.
 * Sign-in itself is tested over HTTP in {@code AuthHttpTest} and {@code AuthorisationTableTest}.
 */
public final class ApiTokens {
    private ApiTokens() {
    }

    public static String brokerAdmin(ApplicationContext ctx) {
        return of(ctx, "admin", Role.BROKER_ADMIN, null);
    }

    public static String orgAdmin(ApplicationContext ctx, String organisation) {
        return of(ctx, organisation + "-admin", Role.ORG_ADMIN, organisation);
    }

    public static String of(ApplicationContext ctx, String username, Role role, String organisation) {
        return ctx.getBean(SessionTokens.class)
                .issue(new UserService.Profile(username, role, organisation, false)).accessToken();
    }
}
