package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Verifies VCEK → ASK → ARK or VLEK → ASVK → ARK for one product: every link by its RSASSA-PSS
 * SHA-384 signature and issuer name, the ARK by its pinned fingerprint, every certificate at the
 * verification instant. An ASK or ASVK given with the evidence is used (it must still chain to the
 * pinned ARK); otherwise the shipped one is. Every AMD CA certificate given is verified, even one
 * this report does not need (the ASVK of a VCEK report): a certificate that is presented but fails
 * is a sign of tampering, not something to skip.
 */
final class EndorsementChain {
    private EndorsementChain() {
    }

    static void verify(AmdCertificate endorsement, EndorsementKeyKind kind, SevSnpProduct product,
            AmdCertificateSet given, Instant at) throws AttestationException {
        List<String> foreign = given.caCertificatesOfOtherProducts(product);
        if (!foreign.isEmpty()) {
            throw new AttestationException(Reason.WRONG_PRODUCT, "the certificate chain contains " + foreign
                    + " but the " + kind + " is for " + product.amdName());
        }
        AmdCertificate ark = AmdRoots.ark(product);
        checkGivenArk(given, product, ark);
        String issuerRole = kind.issuerRole();
        AmdCertificate intermediate = given.get(issuerRole, product)
                .orElseGet(() -> AmdRoots.intermediate(product, kind));
        checkIntermediate(intermediate, issuerRole, product, ark);
        endorsement.checkIssuedBy(intermediate, kind.name());
        ark.checkValidAt(at, AmdRoots.ARK);
        intermediate.checkValidAt(at, issuerRole);
        endorsement.checkValidAt(at, kind.name());
        checkOtherGivenIntermediates(given, product, ark, issuerRole, at);
    }

    private static void checkOtherGivenIntermediates(AmdCertificateSet given, SevSnpProduct product,
            AmdCertificate ark, String usedRole, Instant at) throws AttestationException {
        for (String role : List.of(AmdRoots.ASK, AmdRoots.ASVK)) {
            Optional<AmdCertificate> other = given.get(role, product);
            if (!role.equals(usedRole) && other.isPresent()) {
                checkIntermediate(other.get(), role, product, ark);
                other.get().checkValidAt(at, role);
            }
        }
    }

    /**
     * A given ASK or ASVK byte-identical to the shipped one was verified when the roots loaded; only
     * a different one costs an RSA verification here.
     */
    private static void checkIntermediate(AmdCertificate intermediate, String role, SevSnpProduct product,
            AmdCertificate ark) throws AttestationException {
        if (!AmdRoots.isShipped(intermediate, role, product)) {
            intermediate.checkIssuedBy(ark, role);
        }
    }

    private static void checkGivenArk(AmdCertificateSet given, SevSnpProduct product, AmdCertificate pinned)
            throws AttestationException {
        var ark = given.get(AmdRoots.ARK, product);
        if (ark.isPresent() && !ark.get().sha256Hex().equals(pinned.sha256Hex())) {
            throw new AttestationException(Reason.UNTRUSTED_ROOT, "the given ARK-" + product.amdName()
                    + " has SHA-256 " + ark.get().sha256Hex() + ", not the pinned AMD root " + product.arkSha256());
        }
    }
}
