package io.cleave.broker.auth;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Issues the bearer tokens (signed JWTs, RFC 7519) of signed-in users. A token carries the user's
 * one role, organisation and whether a one-time password must still be replaced; it is valid for
 * {@code micronaut.security.token.generator.access-token.expiration} seconds.
 */
@Singleton
public final class SessionTokens {
    private final TokenGenerator generator;
    private final AccessTokenConfiguration configuration;

    SessionTokens(TokenGenerator generator, AccessTokenConfiguration configuration) {
        this.generator = generator;
        this.configuration = configuration;
    }

    /** A signed token and how many seconds it stays valid. */
    public record Issued(String accessToken, int expiresIn) {
        @Override
        public String toString() {
            return "Issued[expires in " + expiresIn + " s]";
        }
    }

    public Issued issue(UserService.Profile user) {
        Map<String, Object> claims = new HashMap<>();
        if (user.organisation() != null) {
            claims.put(Caller.ORGANISATION_CLAIM, user.organisation());
        }
        if (user.passwordChangeRequired()) {
            claims.put(Caller.PASSWORD_CHANGE_CLAIM, true);
        }
        int expiresIn = configuration.getExpiration();
        String token = generator.generateToken(Authentication.build(user.username(), List.of(user.role().name()),
                claims), expiresIn).orElseThrow(() -> new IllegalStateException("no token generator is configured"));
        return new Issued(token, expiresIn);
    }
}
