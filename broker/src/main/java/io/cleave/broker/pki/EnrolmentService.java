package io.cleave.broker.pki;

import io.cleave.attestation.pki.OrganisationCsr;
import io.cleave.attestation.pki.PemFiles;
import io.cleave.attestation.pki.PkiException;
import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.config.PkiConfig;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.persistence.CertificateRecord;
import io.cleave.broker.persistence.CertificateRepository;
import io.cleave.broker.persistence.EnrolmentRequest;
import io.cleave.broker.persistence.EnrolmentRequestRepository;
import io.cleave.broker.persistence.Organisation;
import io.cleave.broker.persistence.OrganisationRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Organisation enrolment by PKCS#10 CSR: a request makes the organisation PENDING; an
 * administrator's approval issues its name-constrained CA certificate and makes it ACTIVE;
 * revocation makes it REVOKED and puts its certificate on the next federation CRL. Each step is
 * one transaction with its audit record, so every certificate issued or revoked is on the log.
 */
@Singleton
public class EnrolmentService {
    public static final String PENDING = "PENDING";
    public static final String REVOKED = "REVOKED";

    private final OrganisationRepository organisations;
    private final EnrolmentRequestRepository requests;
    private final CertificateRepository certificates;
    private final FederationAuthority authority;
    private final AuditTrail audit;
    private final PkiConfig config;
    private final Clock clock;

    EnrolmentService(OrganisationRepository organisations, EnrolmentRequestRepository requests,
            CertificateRepository certificates, FederationAuthority authority, AuditTrail audit, PkiConfig config,
            Clock clock) {
        this.organisations = organisations;
        this.requests = requests;
        this.certificates = certificates;
        this.authority = authority;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** Checks the CSR (well-formed, self-signed, P-256, valid name) and records the PENDING organisation. */
    @Transactional
    public Organisation enrol(String csrPem, String actor) {
        if (csrPem == null || csrPem.isBlank()) {
            throw FederationException.invalid("an enrolment needs a CSR in PEM form");
        }
        OrganisationCsr csr = parse(csrPem);
        String name = csr.organisation();
        if (organisations.findByName(name).isPresent()) {
            throw FederationException.conflict("organisation '" + name + "' already exists");
        }
        Organisation org = organisations.save(new Organisation(UUID.randomUUID().toString(), name, PENDING,
                clock.instant()));
        requests.save(new EnrolmentRequest(org.id(), csrPem, clock.instant()));
        audit.record(new AuditEvent(name, actor, "organisation.enrolment_requested", "organisation", org.id(), null,
                Map.of("name", name, "key_sha256", Fingerprints.sha256(csr.publicKey().encoded()))));
        return org;
    }

    /** Issues the organisation CA certificate for the pending CSR of {@code name}. */
    @Transactional
    public CertificateRecord approve(String name, String actor) {
        Organisation org = byName(name);
        EnrolmentRequest request = requests.findById(org.id()).filter(r -> org.status().equals(PENDING))
                .orElseThrow(() -> FederationException.conflict("organisation '" + name + "' has no pending enrolment"
                        + " (status " + org.status() + ")"));
        X509Certificate issued = authority.ca().approve(parse(request.csrPem()), config.organisationValidity());
        CertificateRecord record = certificates.save(new CertificateRecord(Fingerprints.serial(issued), org.id(),
                CertificateRecord.ORGANISATION_CA, null, issued.getSubjectX500Principal().getName(),
                PemFiles.certificatesToPem(List.of(issued)), issued.getNotAfter().toInstant(), clock.instant(), null));
        requests.delete(request);
        organisations.update(new Organisation(org.id(), org.name(), OrganisationService.ACTIVE, org.createdAt()));
        audit.record(new AuditEvent(name, actor, "certificate.issued", "certificate", record.serial(), null,
                Map.of("kind", record.kind(), "subject", record.subject(), "not_after", record.notAfter().toString())));
        return record;
    }

    /** Revokes every organisation CA certificate of {@code name}; its providers fail their next handshake. */
    @Transactional
    public Organisation revoke(String name, String actor) {
        Organisation org = byName(name);
        if (org.status().equals(REVOKED)) {
            throw FederationException.conflict("organisation '" + name + "' is already revoked");
        }
        for (CertificateRecord c : certificates.findByOrganisationIdAndKindOrderByIssuedAt(org.id(),
                CertificateRecord.ORGANISATION_CA)) {
            if (!c.isRevoked()) {
                certificates.update(c.revoked(clock.instant()));
                audit.record(new AuditEvent(name, actor, "certificate.revoked", "certificate", c.serial(), null,
                        Map.of("kind", c.kind(), "subject", c.subject())));
            }
        }
        return organisations.update(new Organisation(org.id(), org.name(), REVOKED, org.createdAt()));
    }

    /** The organisation's current (latest, unrevoked) CA certificate. */
    @Transactional
    public CertificateRecord certificateOf(String name) {
        Organisation org = byName(name);
        List<CertificateRecord> issued = certificates.findByOrganisationIdAndKindOrderByIssuedAt(org.id(),
                CertificateRecord.ORGANISATION_CA);
        if (issued.isEmpty()) {
            throw FederationException.notFound("organisation '" + name + "' has no certificate (status "
                    + org.status() + ")");
        }
        return issued.get(issued.size() - 1);
    }

    private Organisation byName(String name) {
        return organisations.findByName(name)
                .orElseThrow(() -> FederationException.notFound("unknown organisation '" + name + "'"));
    }

    private static OrganisationCsr parse(String pem) {
        try {
            return OrganisationCsr.parsePem(pem);
        } catch (PkiException e) {
            throw FederationException.invalid(e.getMessage());
        }
    }
}
