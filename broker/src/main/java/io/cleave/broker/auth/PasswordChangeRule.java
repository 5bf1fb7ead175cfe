package io.cleave.broker.auth;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * A user signed in with a one-time password may only replace it: every other request of such a
 * token is refused (403) before any other rule can allow it.
 */
@Singleton
final class PasswordChangeRule implements SecurityRule<HttpRequest<?>> {
    static final String CHANGE_PATH = "/api/users/me/password";

    static boolean mustChangePassword(@Nullable Authentication authentication) {
        return authentication != null
                && Boolean.TRUE.equals(authentication.getAttributes().get(Caller.PASSWORD_CHANGE_CLAIM));
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request,
            @Nullable Authentication authentication) {
        if (request != null && mustChangePassword(authentication) && !CHANGE_PATH.equals(request.getPath())) {
            return Publishers.just(SecurityRuleResult.REJECTED);
        }
        return Publishers.just(SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
