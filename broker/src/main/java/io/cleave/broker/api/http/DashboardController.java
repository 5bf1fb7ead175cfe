package io.cleave.broker.api.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;

/** Sends people who open the broker's address to the dashboard. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@io.swagger.v3.oas.annotations.Hidden
final class DashboardController {
    private static final URI DASHBOARD = URI.create("/dashboard/index.html");

    @Get
    HttpResponse<Void> root() {
        return HttpResponse.seeOther(DASHBOARD);
    }

    @Get("/dashboard")
    HttpResponse<Void> dashboard() {
        return HttpResponse.seeOther(DASHBOARD);
    }
}
