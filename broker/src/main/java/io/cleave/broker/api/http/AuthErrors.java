package io.cleave.broker.api.http;

import io.cleave.broker.auth.AccessDeniedException;
import io.cleave.broker.auth.BadCredentialsException;
import io.cleave.broker.auth.Caller;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Sign-in and access refusals as JSON: 401 when no valid token came (missing, expired, tampered, or
 * wrong credentials at sign-in), 403 when the signed-in caller may not do what it asked, saying what.
 */
final class AuthErrors {
    static final String NOT_SIGNED_IN = "not signed in: send 'Authorization: Bearer <token>' with a token from POST /login";

    private AuthErrors() {
    }

    private static MutableHttpResponse<AuthViews.RefusalView> refuse(HttpStatus status, String message) {
        MutableHttpResponse<AuthViews.RefusalView> response = HttpResponse.<AuthViews.RefusalView>status(status)
                .body(AuthViews.RefusalView.of(message));
        return status == HttpStatus.UNAUTHORIZED ? response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer") : response;
    }

    /** Refusals of the security filter (no rule allowed the request). */
    @Produces
    @Singleton
    @Replaces(DefaultAuthorizationExceptionHandler.class)
    static final class Unauthorised implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
        @Override
        public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
            Authentication who = e.getAuthentication();
            if (!e.isForbidden() || who == null) {
                return refuse(HttpStatus.UNAUTHORIZED, NOT_SIGNED_IN);
            }
            String caller = describe(who);
            if (Boolean.TRUE.equals(who.getAttributes().get(Caller.PASSWORD_CHANGE_CLAIM))) {
                return refuse(HttpStatus.FORBIDDEN, caller + " must replace its one-time password first "
                        + "(POST /api/users/me/password)");
            }
            return refuse(HttpStatus.FORBIDDEN, caller + " may not " + request.getMethodName() + " "
                    + request.getPath());
        }
    }

    /** The caller as {@link Caller#toString()} words it, or its raw name and roles if its token is malformed. */
    private static String describe(Authentication who) {
        try {
            return Caller.of(who).toString();
        } catch (AccessDeniedException malformed) {
            return "user '" + who.getName() + "' " + who.getRoles();
        }
    }

    @Produces
    @Singleton
    static final class Denied implements ExceptionHandler<AccessDeniedException, MutableHttpResponse<?>> {
        @Override
        public MutableHttpResponse<?> handle(HttpRequest request, AccessDeniedException e) {
            return refuse(HttpStatus.FORBIDDEN, e.getMessage());
        }
    }

    @Produces
    @Singleton
    static final class BadCredentials implements ExceptionHandler<BadCredentialsException, MutableHttpResponse<?>> {
        @Override
        public MutableHttpResponse<?> handle(HttpRequest request, BadCredentialsException e) {
            return refuse(HttpStatus.UNAUTHORIZED, e.getMessage());
        }
    }
}
