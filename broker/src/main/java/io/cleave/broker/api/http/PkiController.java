package io.cleave.broker.api.http;

import io.cleave.attestation.pki.PemFiles;
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
import java.util.List;

/**
 * The federation PKI over REST: enrolment by CSR, approval and revocation by the administrator,
 * the published root and CRLs (PEM, for any party), and provider certificates organisations
 * register. Maps and delegates only.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PkiController {
    private static final String ADMIN = "admin";
    private final EnrolmentService enrolments;
    private final CertificateRegistry registry;

    PkiController(EnrolmentService enrolments, CertificateRegistry registry) {
        this.enrolments = enrolments;
        this.registry = registry;
    }

    @Post("/organisations/enrolments")
    HttpResponse<Views.OrganisationView> enrol(@Body PkiViews.EnrolmentBody body) {
        Organisation org = enrolments.enrol(body.csrPem(), "enrolment");
        return HttpResponse.created(new Views.OrganisationView(org.id(), org.name(), org.status(), org.createdAt()));
    }

    @Post("/organisations/{name}/approve")
    PkiViews.CertificateView approve(String name) {
        return PkiViews.CertificateView.of(enrolments.approve(name, ADMIN), name);
    }

    @Post("/organisations/{name}/revoke")
    Views.OrganisationView revoke(String name) {
        Organisation org = enrolments.revoke(name, ADMIN);
        return new Views.OrganisationView(org.id(), org.name(), org.status(), org.createdAt());
    }

    @Get("/organisations/{name}/certificate")
    PkiViews.CertificateView certificate(String name) {
        return PkiViews.CertificateView.of(enrolments.certificateOf(name), name);
    }

    @Post("/organisations/{name}/provider-certificates")
    HttpResponse<PkiViews.CertificateView> registerProvider(String name, @Body PkiViews.ChainBody body) {
        return HttpResponse.created(PkiViews.CertificateView.of(
                registry.registerProvider(name, body.chainPem(), "org:" + name), name));
    }

    @Get("/organisations/{name}/provider-certificates")
    List<PkiViews.CertificateView> providerCertificates(String name) {
        return registry.providerCertificates(name).stream().map(c -> PkiViews.CertificateView.of(c, name)).toList();
    }

    /** Publishes the organisation's CRL; answers with the registered certificates it newly revoked. */
    @Put("/organisations/{name}/crl")
    List<PkiViews.CertificateView> publishCrl(String name, @Body PkiViews.CrlBody body) {
        return registry.publishOrganisationCrl(name, body.crlPem(), "org:" + name).stream()
                .map(c -> PkiViews.CertificateView.of(c, name)).toList();
    }

    @Get("/organisations/{name}/crl")
    @Produces(MediaType.TEXT_PLAIN)
    String organisationCrl(String name) {
        return registry.organisationCrlPem(name);
    }

    @Get("/pki/root")
    @Produces(MediaType.TEXT_PLAIN)
    String root() {
        return PemFiles.certificatesToPem(List.of(registry.root()));
    }

    @Get("/pki/crl")
    @Produces(MediaType.TEXT_PLAIN)
    String crl() {
        return PemFiles.crlToPem(registry.federationCrl());
    }
}
