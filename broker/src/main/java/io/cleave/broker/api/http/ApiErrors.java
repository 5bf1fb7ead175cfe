package io.cleave.broker.api.http;

import io.cleave.broker.federation.FederationException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Maps refusals to 4xx with the refusal's message; nothing else of an exception reaches the client. */
@Produces
@Singleton
@Requires(classes = {FederationException.class, ExceptionHandler.class})
final class ApiErrors implements ExceptionHandler<FederationException, HttpResponse<Views.ErrorView>> {
    @Override
    public HttpResponse<Views.ErrorView> handle(HttpRequest request, FederationException e) {
        HttpStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return HttpResponse.<Views.ErrorView>status(status).body(new Views.ErrorView(e.getMessage()));
    }
}
