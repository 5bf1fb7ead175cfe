package io.cleave.broker.api.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any failure that is not a refusal: logged here in full, answered with a bare 500 so that no SQL,
 * class name or stack trace reaches a client.
 */
@Produces
@Singleton
final class UnexpectedErrors implements ExceptionHandler<RuntimeException, HttpResponse<Views.ErrorView>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrors.class);

    @Override
    public HttpResponse<Views.ErrorView> handle(HttpRequest request, RuntimeException e) {
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), e);
        return HttpResponse.<Views.ErrorView>serverError().body(new Views.ErrorView("internal error; see the broker log"));
    }
}
