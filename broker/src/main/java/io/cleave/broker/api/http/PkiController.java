package io.cleave.broker.api.http;

import io.cleave.attestation.pki.PemFiles;
import io.cleave.broker.auth.Caller;
import io.cleave.broker.auth.Role;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.persistence.Organisation;
import io.cleave.broker.pki.CertificateRegistry;
import io.cleave.broker.pki.EnrolmentService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/**
 * The federation PKI over REST: enrolment by CSR, approval and revocation by the administrator,
 * the published root and CRLs (PEM, for any party), and provider certificates organisations
 * register. Maps and delegates only. Public, because an organisation has no user before it is
 * approved and every party must be able to check certificates: enrolment, the enrolment status, the
 * organisation certificate, the root and the CRLs. The rest needs the roles named on each method.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PkiController {
    private final EnrolmentService enrolments;
    private final CertificateRegistry registry;
    private final OrganisationService organisations;

    PkiController(EnrolmentService enrolments, CertificateRegistry registry, OrganisationService organisations) {
        this.enrolments = enrolments;
        this.registry = registry;
        this.organisations = organisations;
    }

    @Post("/organisations/enrolments")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<Views.OrganisationView> enrol(@Body PkiViews.EnrolmentBody body) {
        Organisation org = enrolments.enrol(body.csrPem(), "enrolment");
        return HttpResponse.created(new Views.OrganisationView(org.id(), org.name(), org.status(), org.createdAt()));
    }

    /** Only the state of an enrolment, for an organisation that has no user yet to poll with. */
    @Get("/organisations/{name}/enrolment")
    @Secured(SecurityRule.IS_ANONYMOUS)
    PkiViews.EnrolmentStatusView enrolmentStatus(String name) {
        Organisation org = organisations.byName(name);
        return new PkiViews.EnrolmentStatusView(org.name(), org.status());
    }

    @Post("/organisations/{name}/approve")
    @Secured(Role.Names.BROKER_ADMIN)
    PkiViews.CertificateView approve(Authentication authentication, String name) {
        return PkiViews.CertificateView.of(enrolments.approve(name, Caller.of(authentication).actor()), name);
    }

    @Post("/organisations/{name}/revoke")
    @Secured(Role.Names.BROKER_ADMIN)
    Views.OrganisationView revoke(Authentication authentication, String name) {
        Organisation org = enrolments.revoke(name, Caller.of(authentication).actor());
        return new Views.OrganisationView(org.id(), org.name(), org.status(), org.createdAt());
    }

    @Get("/organisations/{name}/certificate")
    @Secured(SecurityRule.IS_ANONYMOUS)
    PkiViews.CertificateView certificate(String name) {
        return PkiViews.CertificateView.of(enrolments.certificateOf(name), name);
    }

    @Post("/organisations/{name}/provider-certificates")
    @Secured(Role.Names.ORG_ADMIN)
    HttpResponse<PkiViews.CertificateView> registerProvider(Authentication authentication, String name,
            @Body PkiViews.ChainBody body) {
        Caller caller = Caller.of(authentication);
        caller.requireAdminOf(name);
        return HttpResponse.created(PkiViews.CertificateView.of(
                registry.registerProvider(name, body.chainPem(), caller.actor()), name));
    }

    @Get("/organisations/{name}/provider-certificates")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    List<PkiViews.CertificateView> providerCertificates(Authentication authentication, String name) {
        Caller.of(authentication).requireReadOf(name);
        return registry.providerCertificates(name).stream().map(c -> PkiViews.CertificateView.of(c, name)).toList();
    }

    /** Publishes the organisation's CRL; answers with the registered certificates it newly revoked. */
    @Put("/organisations/{name}/crl")
    @Secured(Role.Names.ORG_ADMIN)
    List<PkiViews.CertificateView> publishCrl(Authentication authentication, String name,
            @Body PkiViews.CrlBody body) {
        Caller caller = Caller.of(authentication);
        caller.requireAdminOf(name);
        return registry.publishOrganisationCrl(name, body.crlPem(), caller.actor()).stream()
                .map(c -> PkiViews.CertificateView.of(c, name)).toList();
    }

    @Get("/organisations/{name}/crl")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces(MediaType.TEXT_PLAIN)
    String organisationCrl(String name) {
        return registry.organisationCrlPem(name);
    }

    @Get("/pki/root")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces(MediaType.TEXT_PLAIN)
    String root() {
        return PemFiles.certificatesToPem(List.of(registry.root()));
    }

    @Get("/pki/crl")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces(MediaType.TEXT_PLAIN)
    String crl() {
        return PemFiles.crlToPem(registry.federationCrl());
    }
}
