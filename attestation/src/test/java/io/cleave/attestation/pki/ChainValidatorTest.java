package io.cleave.attestation.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SignaturePublicKey;
import io.cleave.crypto.SigningKeyPair;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class ChainValidatorTest {
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void validate_validChain_returnsIdentity() throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationCa acme = f.enrol("acme");
        TestFederation.Provider p = TestFederation.provider(acme, "compute-1", ProviderKind.COMPUTE, DAY);
        ProviderIdentity identity = f.validator().validate(Certificates.encodeChain(p.chain()));
        assertEquals(new ProviderIdentity("acme", "compute-1", ProviderKind.COMPUTE, p.key().publicKey(),
                p.certificate().getNotAfter().toInstant()), identity);
    }

    @Test
    void validate_chainFromAnotherFederation_isRejected() throws Exception {
        TestFederation ours = new TestFederation("cleave");
        TestFederation theirs = new TestFederation("other");
        ours.enrol("acme");
        TestFederation.Provider p = TestFederation.provider(theirs.enrol("acme"), "compute-1", ProviderKind.COMPUTE, DAY);
        assertRejected(ours.validator(), p.chain(), "certificate chain does not lead to this federation's root");
    }

    @Test
    void validate_expiredProvider_isRejected() throws Exception {
        TestFederation f = new TestFederation("cleave");
        TestFederation.Provider p = TestFederation.provider(f.enrol("acme"), "compute-1", ProviderKind.COMPUTE, DAY);
        f.clock.advance(DAY.plusSeconds(1));
        assertRejected(f.validator(), p.chain(), "provider certificate '" + p.certificate().getSubjectX500Principal() + "' expired");
    }

    @Test
    void validate_revokedOrganisation_isRejected() throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationCa acme = f.enrol("acme");
        TestFederation.Provider p = TestFederation.provider(acme, "compute-1", ProviderKind.COMPUTE, DAY);
        f.federation.revokeOrganisation(acme.certificate());
        assertRejected(f.validator(), p.chain(),
                "organisation certificate revoked: '" + acme.certificate().getSubjectX500Principal() + "'");
    }

    @Test
    void validate_revokedProvider_isRejectedAndOthersStillPass() throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationCa acme = f.enrol("acme");
        TestFederation.Provider revoked = TestFederation.provider(acme, "compute-1", ProviderKind.COMPUTE, DAY);
        TestFederation.Provider kept = TestFederation.provider(acme, "memory-1", ProviderKind.MEMORY, DAY);
        acme.revokeProvider(revoked.certificate());
        assertRejected(f.validator(), revoked.chain(),
                "provider certificate revoked: '" + revoked.certificate().getSubjectX500Principal() + "'");
        assertEquals("memory-1", f.validator().validate(kept.chain()).provider());
    }

    @Test
    void validate_providerCertificateOfOrgAClaimingOrgB_violatesNameConstraints() throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr("org-a");
        OrganisationCa orgA = enrolment.complete(f.federation.approve(enrolment.csr(), Duration.ofDays(30)),
                f.federation.rootCertificate(), f.clock);
        f.enrol("org-b");
        SigningKeyPair providerKey = SigningKeyPair.generate(
                SignatureAlgorithm.ECDSA_P256_SHA256);
        X509Certificate forged = forge(enrolment.key(), orgA.certificate(),
                Names.provider("org-b", ProviderKind.COMPUTE, "compute-b"), providerKey);
        List<X509Certificate> chain = List.of(forged, orgA.certificate());
        ChainValidator validator = new ChainValidator(f.federation.rootCertificate(), f.clock,
                () -> List.of(f.federation.currentCrl(TestFederation.CRL_VALIDITY),
                        orgA.currentCrl(TestFederation.CRL_VALIDITY)));
        assertRejected(validator, chain,
                "provider certificate '" + forged.getSubjectX500Principal() + "' violates its issuer's name constraints");
    }

    @Test
    void validate_aBitFlipInEveryByteOfTheProviderCertificate_isRejected() throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationCa acme = f.enrol("acme");
        TestFederation.Provider p = TestFederation.provider(acme, "compute-1", ProviderKind.COMPUTE, DAY);
        List<X509CRL> crls = f.currentCrls();
        ChainValidator validator = new ChainValidator(f.federation.rootCertificate(), f.clock, () -> crls);
        validator.validate(p.chain());
        byte[] leaf = p.certificate().getEncoded();
        byte[] org = acme.certificate().getEncoded();
        List<Integer> accepted = new ArrayList<>();
        // One flip per byte, at a bit position that rotates with the offset: every byte is hit
        // at an eighth of the cost of all bits (each attempt is a full PKIX validation).
        for (int offset = 0; offset < leaf.length; offset++) {
            int bit = offset * 8 + offset % 8;
            byte[] mutated = leaf.clone();
            mutated[bit / 8] ^= (byte) (1 << (bit % 8));
            try {
                validator.validate(concat(mutated, org));
                accepted.add(bit);
            } catch (PkiException expected) {
                assertTrue(!expected.getMessage().isBlank());
            }
        }
        assertEquals(List.of(), accepted);
    }

    @Test
    void validate_missingOrStaleCrl_isRevocationStatusUnknown() throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationCa acme = f.enrol("acme");
        TestFederation.Provider p = TestFederation.provider(acme, "compute-1", ProviderKind.COMPUTE, DAY);
        X509CRL stale = acme.currentCrl(TestFederation.CRL_VALIDITY);
        X509CRL federationCrl = f.federation.currentCrl(Duration.ofDays(2));
        f.clock.advance(Duration.ofHours(2));
        String expected = "revocation status unknown: no current CRL from '" + acme.certificate().getSubjectX500Principal() + "'";
        assertRejected(new ChainValidator(f.federation.rootCertificate(), f.clock, () -> List.of(federationCrl)),
                p.chain(), expected);
        assertRejected(new ChainValidator(f.federation.rootCertificate(), f.clock, () -> List.of(federationCrl, stale)),
                p.chain(), expected);
    }

    @Test
    void validate_crlSignedByAnotherKey_isIgnored() throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationCa acme = f.enrol("acme");
        TestFederation.Provider p = TestFederation.provider(acme, "compute-1", ProviderKind.COMPUTE, DAY);
        TestFederation impostor = new TestFederation("cleave");
        List<X509CRL> crls = List.of(impostor.federation.currentCrl(TestFederation.CRL_VALIDITY),
                acme.currentCrl(TestFederation.CRL_VALIDITY));
        assertRejected(new ChainValidator(f.federation.rootCertificate(), f.clock, () -> crls), p.chain(),
                "revocation status unknown: no current CRL from '" + f.federation.rootCertificate().getSubjectX500Principal() + "'");
    }

    @Test
    void validate_wrongChainShape_isRejected() throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationCa acme = f.enrol("acme");
        assertRejected(f.validator(), List.of(acme.certificate()),
                "certificate chain must be [provider, organisation], got 1 certificates");
        assertEquals("malformed certificate chain: trailing bytes", assertThrows(PkiException.class,
                () -> f.validator().validate(concat(Certificates.encodeChain(List.of(acme.certificate())), new byte[] {0}))).getMessage());
    }

    @Test
    void renew_nearExpiry_issuesNewValidCertificateForSameKey() throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationCa acme = f.enrol("acme");
        TestFederation.Provider p = TestFederation.provider(acme, "compute-1", ProviderKind.COMPUTE, DAY);
        assertTrue(!OrganisationCa.needsRenewal(p.certificate(), f.clock, Duration.ofHours(6)));
        f.clock.advance(Duration.ofHours(20));
        assertTrue(OrganisationCa.needsRenewal(p.certificate(), f.clock, Duration.ofHours(6)));
        X509Certificate renewed = acme.renew(p.certificate(), DAY);
        f.clock.advance(Duration.ofHours(10));
        ProviderIdentity identity = f.validator().validate(acme.chainFor(renewed));
        assertEquals(p.key().publicKey(), identity.key());
        assertTrue(!renewed.getSerialNumber().equals(p.certificate().getSerialNumber()));
    }

    @Test
    void issue_validityBeyondLimits_isRefused() throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationCa acme = f.enrol("acme");
        SignaturePublicKey key = SigningKeyPair.generate(
                SignatureAlgorithm.ECDSA_P256_SHA256).publicKey();
        assertEquals("provider certificate validity must be in (0, PT720H], got PT744H",
                assertThrows(IllegalArgumentException.class, () -> acme.issueProviderCertificate("p", ProviderKind.COMPUTE,
                        key, Duration.ofDays(31))).getMessage());
    }

    private static void assertRejected(ChainValidator validator, List<X509Certificate> chain, String message) {
        assertEquals(message, assertThrows(PkiException.class, () -> validator.validate(chain)).getMessage());
    }

    /** What a rogue organisation CA could sign directly, bypassing OrganisationCa's own checks. */
    static X509Certificate forge(SigningKeyPair issuerKey, X509Certificate issuer, X500Name subject,
            SigningKeyPair subjectKey) throws Exception {
        PrivateKey signingKey = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(issuerKey.exportPkcs8ForOwnerStorage()));
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), BigInteger.TEN,
                issuer.getNotBefore(), new Date(issuer.getNotBefore().getTime() + 86_400_000L), subject,
                SubjectPublicKeyInfo.getInstance(subjectKey.publicKey().encoded()));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
