package io.cleave.broker.pki;

import io.cleave.attestation.pki.ChainValidator;
import io.cleave.attestation.pki.PemFiles;
import io.cleave.attestation.pki.PkiException;
import io.cleave.attestation.pki.ProviderIdentity;
import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.config.PkiConfig;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.persistence.CertificateRecord;
import io.cleave.broker.persistence.CertificateRepository;
import io.cleave.broker.persistence.Organisation;
import io.cleave.broker.persistence.OrganisationCrl;
import io.cleave.broker.persistence.OrganisationCrlRepository;
import io.cleave.broker.persistence.OrganisationRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the broker publishes of the PKI (root, federation CRL, organisation CRLs) and the provider
 * certificates organisations register with it. Provider certificates and organisation CRLs need no
 * caller authentication: a chain must validate to the root and a CRL must carry the organisation
 * CA's signature, which only the organisation can make.
 */
@Singleton
public class CertificateRegistry {
    private final FederationAuthority authority;
    private final CertificateRepository certificates;
    private final OrganisationCrlRepository crls;
    private final OrganisationRepository organisations;
    private final AuditTrail audit;
    private final PkiConfig config;
    private final Clock clock;

    CertificateRegistry(FederationAuthority authority, CertificateRepository certificates,
            OrganisationCrlRepository crls, OrganisationRepository organisations, AuditTrail audit, PkiConfig config,
            Clock clock) {
        this.authority = authority;
        this.certificates = certificates;
        this.crls = crls;
        this.organisations = organisations;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    public X509Certificate root() {
        return authority.ca().rootCertificate();
    }

    /** A freshly signed federation CRL listing every revoked organisation (replayed from the table). */
    @Transactional
    public X509CRL federationCrl() {
        for (CertificateRecord c : certificates.findByKind(CertificateRecord.ORGANISATION_CA)) {
            if (c.isRevoked()) {
                try {
                    authority.ca().revokeOrganisation(certificate(c));
                } catch (PkiException e) {
                    throw new IllegalStateException("stored organisation certificate " + c.serial()
                            + " was not issued by this federation CA", e);
                }
            }
        }
        return authority.ca().currentCrl(config.crlValidity());
    }

    /** The federation CRL and the latest CRL of every organisation: what a validator needs now. */
    @Transactional
    public List<X509CRL> currentCrls() {
        List<X509CRL> all = new ArrayList<>();
        all.add(federationCrl());
        for (OrganisationCrl stored : crls.findAll()) {
            all.add(parseCrl(stored.crlPem()));
        }
        return all;
    }

    public ChainValidator validator() {
        return new ChainValidator(root(), clock, this::currentCrls);
    }

    /** Validates a provider chain [provider, organisation CA] and records the provider certificate. */
    @Transactional
    public CertificateRecord registerProvider(String organisation, String chainPem, String actor) {
        Organisation org = organisation(organisation);
        List<X509Certificate> chain = parseChain(chainPem);
        ProviderIdentity identity;
        try {
            identity = validator().validate(chain);
        } catch (PkiException e) {
            throw FederationException.invalid("provider certificate refused: " + e.getMessage());
        }
        if (!identity.organisation().equals(org.name())) {
            throw FederationException.invalid("provider certificate names organisation '" + identity.organisation()
                    + "', not '" + org.name() + "'");
        }
        X509Certificate leaf = chain.get(0);
        String serial = Fingerprints.serial(leaf);
        if (certificates.existsById(serial)) {
            throw FederationException.conflict("provider certificate " + serial + " is already registered");
        }
        CertificateRecord record = certificates.save(new CertificateRecord(serial, org.id(),
                CertificateRecord.PROVIDER, identity.provider(), leaf.getSubjectX500Principal().getName(),
                PemFiles.certificatesToPem(List.of(leaf)), leaf.getNotAfter().toInstant(), clock.instant(), null));
        audit.record(new AuditEvent(org.name(), actor, "certificate.issued", "certificate", serial, null,
                Map.of("kind", record.kind(), "subject", record.subject(), "provider", identity.provider(),
                        "provider_kind", identity.kind().name(), "not_after", record.notAfter().toString())));
        return record;
    }

    /**
     * Stores the organisation's newest CRL (signed by its current CA certificate) and records every
     * registered provider certificate it newly revokes.
     */
    @Transactional
    public List<CertificateRecord> publishOrganisationCrl(String organisation, String crlPem, String actor) {
        Organisation org = organisation(organisation);
        X509CRL crl = parseCrl(crlPem);
        try {
            crl.verify(currentCa(org).getPublicKey());
        } catch (GeneralSecurityException e) {
            throw FederationException.invalid("CRL is not signed by the CA of organisation '" + org.name() + "'");
        }
        var previous = crls.findById(org.id());
        if (previous.isPresent() && crl.getThisUpdate().toInstant().isBefore(previous.get().thisUpdate())) {
            throw FederationException.conflict("CRL of '" + org.name() + "' is older than the one published at "
                    + previous.get().thisUpdate());
        }
        requireKeepsRevocations(org, crl);
        OrganisationCrl stored = new OrganisationCrl(org.id(), crlPem, crl.getThisUpdate().toInstant());
        if (previous.isPresent()) {
            crls.update(stored);
        } else {
            crls.save(stored);
        }
        return recordRevocations(org, crl, actor);
    }

    /** A replayed or forged-by-omission CRL must not bring a revoked provider back. */
    private void requireKeepsRevocations(Organisation org, X509CRL crl) {
        for (CertificateRecord c : certificates.findByOrganisationIdAndKindOrderByIssuedAt(org.id(),
                CertificateRecord.PROVIDER)) {
            if (c.isRevoked() && c.notAfter().isAfter(clock.instant())
                    && crl.getRevokedCertificate(new BigInteger(c.serial(), 16)) == null) {
                throw FederationException.conflict("CRL of '" + org.name() + "' omits revoked certificate " + c.serial()
                        + " of provider '" + c.providerName() + "'");
            }
        }
    }

    private List<CertificateRecord> recordRevocations(Organisation org, X509CRL crl, String actor) {
        List<CertificateRecord> newlyRevoked = new ArrayList<>();
        if (crl.getRevokedCertificates() == null) {
            return newlyRevoked;
        }
        for (X509CRLEntry entry : crl.getRevokedCertificates()) {
            certificates.findById(entry.getSerialNumber().toString(16))
                    .filter(c -> c.organisationId().equals(org.id()) && !c.isRevoked())
                    .ifPresent(c -> {
                        newlyRevoked.add(certificates.update(c.revoked(entry.getRevocationDate().toInstant())));
                        audit.record(new AuditEvent(org.name(), actor, "certificate.revoked", "certificate",
                                c.serial(), null, Map.of("kind", c.kind(), "subject", c.subject(),
                                        "provider", c.providerName())));
                    });
        }
        return newlyRevoked;
    }

    @Transactional
    public String organisationCrlPem(String organisation) {
        return crls.findById(organisation(organisation).id()).map(OrganisationCrl::crlPem)
                .orElseThrow(() -> FederationException.notFound("organisation '" + organisation
                        + "' has not published a CRL"));
    }

    @Transactional
    public List<CertificateRecord> providerCertificates(String organisation) {
        return certificates.findByOrganisationIdAndKindOrderByIssuedAt(organisation(organisation).id(),
                CertificateRecord.PROVIDER);
    }

    /** The organisation's current CA certificate: the key its consents and published keys are signed with. */
    @Transactional
    public X509Certificate organisationCertificate(String organisation) {
        return currentCa(organisation(organisation));
    }

    private Organisation organisation(String name) {
        return organisations.findByName(name)
                .orElseThrow(() -> FederationException.notFound("unknown organisation '" + name + "'"));
    }

    private X509Certificate currentCa(Organisation org) {
        List<CertificateRecord> issued = certificates.findByOrganisationIdAndKindOrderByIssuedAt(org.id(),
                CertificateRecord.ORGANISATION_CA);
        if (issued.isEmpty()) {
            throw FederationException.conflict("organisation '" + org.name() + "' has no certificate (status "
                    + org.status() + ")");
        }
        try {
            return certificate(issued.get(issued.size() - 1));
        } catch (PkiException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(CertificateRecord record) throws PkiException {
        return PemFiles.certificatesFromPem("certificate " + record.serial(), record.certificatePem()).get(0);
    }

    private static List<X509Certificate> parseChain(String pem) {
        if (pem == null || pem.isBlank()) {
            throw FederationException.invalid("a provider certificate registration needs the chain in PEM form");
        }
        try {
            return PemFiles.certificatesFromPem("certificate chain", pem);
        } catch (PkiException e) {
            throw FederationException.invalid(e.getMessage());
        }
    }

    private static X509CRL parseCrl(String pem) {
        if (pem == null || pem.isBlank()) {
            throw FederationException.invalid("a CRL publication needs the CRL in PEM form");
        }
        try {
            return PemFiles.crlFromPem("CRL", pem);
        } catch (PkiException e) {
            throw FederationException.invalid(e.getMessage());
        }
    }
}
