package io.cleave.attestation.pki;

import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A federation with organisations enrolled through real CSRs, and CRLs fetched at validation time. */
final class TestFederation {
    static final Duration CRL_VALIDITY = Duration.ofHours(1);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    final FederationCa federation;
    private final List<OrganisationCa> organisations = new ArrayList<>();

    record Provider(SigningKeyPair key, X509Certificate certificate, List<X509Certificate> chain) {
    }

    TestFederation(String name) {
        federation = FederationCa.create(name, Duration.ofDays(3650), clock);
    }

    OrganisationCa enrol(String organisation) throws PkiException {
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr(organisation);
        OrganisationCsr received = OrganisationCsr.parse(enrolment.csr().encoded());
        X509Certificate approved = federation.approve(received, Duration.ofDays(365));
        OrganisationCa ca = enrolment.complete(approved, federation.rootCertificate(), clock);
        organisations.add(ca);
        return ca;
    }

    static Provider provider(OrganisationCa ca, String name, ProviderKind kind, Duration validity) {
        SigningKeyPair key = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        X509Certificate certificate = ca.issueProviderCertificate(name, kind, key.publicKey(), validity);
        return new Provider(key, certificate, ca.chainFor(certificate));
    }

    /** The CRLs a party would hold now: freshly published by every CA. */
    List<X509CRL> currentCrls() {
        List<X509CRL> crls = new ArrayList<>();
        crls.add(federation.currentCrl(CRL_VALIDITY));
        organisations.forEach(o -> crls.add(o.currentCrl(CRL_VALIDITY)));
        return crls;
    }

    ChainValidator validator() {
        return new ChainValidator(federation.rootCertificate(), clock, this::currentCrls);
    }
}
