package io.cleave.attestation.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import java.security.KeyFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class EnrolmentTest {

    @Test
    void approve_validCsr_issuesNameConstrainedIntermediateForThatOrganisation() throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr("acme");
        OrganisationCsr csr = OrganisationCsr.parsePem(enrolment.csrPem());
        assertEquals("acme", csr.organisation());
        X509Certificate certificate = f.federation.approve(csr, Duration.ofDays(365));
        assertEquals(0, certificate.getBasicConstraints());
        assertEquals("CN=acme organisation CA,O=acme", certificate.getSubjectX500Principal().getName());
        assertEquals("acme", enrolment.complete(certificate, f.federation.rootCertificate(), f.clock).organisation());
    }

    @Test
    void parse_garbage_isMalformedCsr() throws Exception {
        assertCsrRefused("malformed CSR: not a DER PKCS#10 request", new byte[] {0x30, 0x03, 1, 2, 3});
        byte[] certificate = new TestFederation("cleave").federation.rootCertificate().getEncoded();
        assertEquals("malformed CSR: PEM does not hold a CERTIFICATE REQUEST", assertThrows(PkiException.class,
                () -> OrganisationCsr.parsePem(PemFiles.toPem("CERTIFICATE", certificate))).getMessage());
        assertEquals("malformed CSR: unreadable PEM", assertThrows(PkiException.class,
                () -> OrganisationCsr.parsePem(PemFiles.toPem("CERTIFICATE REQUEST", new byte[] {0x30, 0}))).getMessage());
    }

    @Test
    void parse_tamperedCsr_hasInvalidSignature() {
        byte[] der = OrganisationEnrolment.createCsr("acme").csr().encoded();
        der[der.length - 5] ^= 0x01;
        assertCsrRefused("CSR signature invalid: the requester did not prove possession of the key", der);
    }

    @Test
    void parse_csrWithEd25519Key_isRefused() throws Exception {
        SigningKeyPair ed = SigningKeyPair.generate(SignatureAlgorithm.ED25519);
        byte[] der = new PKCS10CertificationRequestBuilder(new X500Name("O=acme"),
                SubjectPublicKeyInfo.getInstance(ed.publicKey().encoded()))
                .build(new JcaContentSignerBuilder("Ed25519").build(
                        KeyFactory.getInstance("Ed25519").generatePrivate(
                                new PKCS8EncodedKeySpec(ed.exportPkcs8ForOwnerStorage()))))
                .getEncoded();
        assertCsrRefused("CSR key must be ECDSA P-256, got ED25519", der);
    }

    @Test
    void parse_csrWithoutOrganisationOrBadName_isRefused() throws Exception {
        SigningKeyPair key = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertCsrRefused("CSR subject must have exactly one O, subject is 'CN=acme'", csr(key, "CN=acme"));
        assertCsrRefused("CSR organisation name 'Acme Corp' is invalid: use lowercase letters, digits and '-'",
                csr(key, "O=Acme Corp"));
    }

    @Test
    void complete_certificateForAnotherKey_isRefused() throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationEnrolment mine = OrganisationEnrolment.createCsr("acme");
        OrganisationEnrolment other = OrganisationEnrolment.createCsr("acme");
        X509Certificate theirs = f.federation.approve(other.csr(), Duration.ofDays(30));
        assertEquals("organisation key does not match the organisation certificate", assertThrows(PkiException.class,
                () -> mine.complete(theirs, f.federation.rootCertificate(), f.clock)).getMessage());
    }

    @Test
    void complete_certificateFromAnotherFederation_isRefused() throws Exception {
        TestFederation ours = new TestFederation("cleave");
        TestFederation theirs = new TestFederation("other");
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr("acme");
        X509Certificate certificate = theirs.federation.approve(enrolment.csr(), Duration.ofDays(30));
        assertEquals("organisation certificate was not issued by this federation root", assertThrows(PkiException.class,
                () -> enrolment.complete(certificate, ours.federation.rootCertificate(), ours.clock)).getMessage());
    }

    @Test
    void resume_storedKey_reproducesTheSameCsrKey() {
        OrganisationEnrolment first = OrganisationEnrolment.createCsr("acme");
        OrganisationEnrolment resumed = OrganisationEnrolment.resume("acme", first.key());
        assertArrayEquals(first.csr().publicKey().encoded(), resumed.csr().publicKey().encoded());
    }

    private static byte[] csr(SigningKeyPair key, String subject) throws Exception {
        return new PKCS10CertificationRequestBuilder(new X500Name(subject),
                SubjectPublicKeyInfo.getInstance(key.publicKey().encoded())).build(BcSigners.of(key.signer())).getEncoded();
    }

    private static void assertCsrRefused(String message, byte[] der) {
        assertEquals(message, assertThrows(PkiException.class, () -> OrganisationCsr.parse(der)).getMessage());
    }
}
