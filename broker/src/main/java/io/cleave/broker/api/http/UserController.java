package io.cleave.broker.api.http;

import io.cleave.broker.auth.Caller;
import io.cleave.broker.auth.Role;
import io.cleave.broker.auth.SessionTokens;
import io.cleave.broker.auth.UserService;
import io.cleave.broker.federation.FederationException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/** People: who am I, who is in my organisation, add and remove users, replace one's own password. */
@Controller("/api/users")
@ExecuteOn(TaskExecutors.BLOCKING)
final class UserController {
    private final UserService users;
    private final SessionTokens tokens;

    UserController(UserService users, SessionTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    List<AuthViews.UserView> list(Authentication authentication) {
        return users.visibleTo(Caller.of(authentication)).stream().map(AuthViews.UserView::of).toList();
    }

    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    AuthViews.UserView me(Authentication authentication) {
        return AuthViews.UserView.of(users.profile(authentication.getName()));
    }

    /** A new user with a one-time password, answered once; broker administrators, or an organisation's administrators for it. */
    @Post
    @Secured({Role.Names.BROKER_ADMIN, Role.Names.ORG_ADMIN})
    HttpResponse<AuthViews.CreatedUserView> create(Authentication authentication, @Body AuthViews.UserCreate body) {
        return HttpResponse.created(AuthViews.CreatedUserView.of(
                users.create(Caller.of(authentication), body.username(), body.role(), body.organisation())));
    }

    @Delete("/{name}")
    @Secured({Role.Names.BROKER_ADMIN, Role.Names.ORG_ADMIN})
    HttpResponse<Void> remove(Authentication authentication, String name) {
        users.remove(Caller.of(authentication), name);
        return HttpResponse.noContent();
    }

    /** Replaces the caller's password (also a one-time one) and answers as a sign-in does, with a fresh token. */
    @Post("/me/password")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    AuthViews.LoginView changePassword(Authentication authentication, @Body AuthViews.PasswordChange body) {
        if (body.currentPassword() == null || body.newPassword() == null) {
            throw FederationException.invalid("a password change needs current_password and new_password");
        }
        UserService.Profile user = users.changeOwnPassword(authentication.getName(),
                body.currentPassword().toCharArray(), body.newPassword().toCharArray());
        return AuthViews.LoginView.of(user, tokens.issue(user));
    }
}
