package io.cleave.broker.api.http;

import io.cleave.broker.auth.SessionTokens;
import io.cleave.broker.auth.UserService;
import io.cleave.broker.federation.FederationException;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** Sign-in with the local user store: username and password in, a bearer token out. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class LoginController {
    private final UserService users;
    private final SessionTokens tokens;

    LoginController(UserService users, SessionTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Post("/login")
    AuthViews.LoginView login(@Body AuthViews.LoginBody body) {
        if (body.username() == null || body.password() == null) {
            throw FederationException.invalid("a sign-in needs a username and a password");
        }
        UserService.Profile user = users.authenticate(body.username(), body.password().toCharArray());
        return AuthViews.LoginView.of(user, tokens.issue(user));
    }
}
