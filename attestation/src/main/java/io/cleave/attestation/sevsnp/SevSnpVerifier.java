package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.Evidence;
import io.cleave.attestation.EvidenceType;
import io.cleave.attestation.EvidenceVerifier;
import io.cleave.attestation.VerifiedClaims;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies AMD SEV-SNP evidence against AMD's pinned roots for Milan, Genoa and Turin.
 *
 * <p>Steps, each failing with its own {@link Reason}: parse the report (version first); sort the
 * certificates; take the VCEK or VLEK the report names; read its product and TCB extensions and
 * match them to the report (reported TCB, chip id) and to the expected product; verify the chain
 * to the pinned ARK and every certificate's validity at the clock's instant; check the report's
 * CPUID against the product (version 3 and later); verify the report signature. The product is
 * detected from the certificates unless one is expected.
 *
 * <p>Authenticity only: debug, measurement, TCB floor and report-data binding are appraisal
 * ({@link io.cleave.attestation.AppraisalPolicy}). Immutable and thread-safe. This verifier never
 * fetches certificates or revocation lists from AMD; the caller supplies the VCEK or VLEK.
 *
 * <p>Not checked here: AMD's CRLs (offline by design), the VMPL the report was requested from,
 * the guest SVN, PLATFORM_INFO, the ID block and author key digests, and the current, committed
 * and launch TCBs (only the reported TCB, which the VCEK certifies, is checked and returned).
 */
public final class SevSnpVerifier implements EvidenceVerifier {
    private final Clock clock;
    private final Optional<SevSnpProduct> expectedProduct;

    private SevSnpVerifier(Clock clock, Optional<SevSnpProduct> expectedProduct) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.expectedProduct = Objects.requireNonNull(expectedProduct, "expectedProduct");
    }

    /** Detects the product from the certificates; checks validity at {@code clock.instant()}. */
    public static SevSnpVerifier create(Clock clock) {
        return new SevSnpVerifier(clock, Optional.empty());
    }

    /** Accepts only evidence of {@code product}. */
    public static SevSnpVerifier forProduct(Clock clock, SevSnpProduct product) {
        return new SevSnpVerifier(clock, Optional.of(Objects.requireNonNull(product, "product")));
    }

    @Override
    public VerifiedClaims verify(Evidence evidence) throws AttestationException {
        Objects.requireNonNull(evidence, "evidence");
        if (!(evidence instanceof Evidence.SevSnp snp)) {
            throw new AttestationException(Reason.UNSUPPORTED_EVIDENCE_TYPE,
                    "the SEV-SNP verifier cannot verify " + evidence.type() + " evidence");
        }
        return verify(SevSnpReport.parse(snp.report()), AmdCertificateSet.of(snp.certificates()));
    }

    private VerifiedClaims verify(SevSnpReport report, AmdCertificateSet certificates) throws AttestationException {
        Instant at = clock.instant();
        EndorsementKeyKind kind = report.signingKey();
        AmdCertificate endorsement = endorsement(certificates, kind);
        EndorsementExtensions extensions = EndorsementExtensions.read(endorsement, kind);
        SevSnpProduct product = extensions.product();
        checkExpectedProduct(product, kind);
        extensions.checkMatches(report, kind);
        EndorsementChain.verify(endorsement, kind, product, certificates, at);
        checkCpuid(report, product);
        ReportSignature.verify(report, endorsement.publicKey(), kind);
        return new VerifiedClaims(EvidenceType.SEV_SNP, report.measurement(), report.reportData(),
                Optional.of(extensions.tcb()), report.policy().flags(), kind.name(), product.amdName(), true);
    }

    private static AmdCertificate endorsement(AmdCertificateSet certificates, EndorsementKeyKind kind)
            throws AttestationException {
        Optional<AmdCertificate> cert = certificates.endorsement(kind);
        EndorsementKeyKind other = kind == EndorsementKeyKind.VCEK ? EndorsementKeyKind.VLEK : EndorsementKeyKind.VCEK;
        if (certificates.endorsement(other).isPresent()) {
            throw new AttestationException(Reason.SIGNER_MISMATCH, "the report is signed by the " + kind + " but a "
                    + other + " certificate was given" + (cert.isPresent() ? " as well" : ""));
        }
        if (cert.isPresent()) {
            return cert.get();
        }
        throw new AttestationException(Reason.MISSING_CERTIFICATE, "no " + kind
                + " certificate was given; supply it (this verifier does not fetch certificates from AMD KDS)");
    }

    private void checkExpectedProduct(SevSnpProduct product, EndorsementKeyKind kind) throws AttestationException {
        if (expectedProduct.isPresent() && expectedProduct.get() != product) {
            throw new AttestationException(Reason.WRONG_PRODUCT, "the " + kind + " is for " + product.amdName()
                    + " but " + expectedProduct.get().amdName() + " was expected");
        }
    }

    private static void checkCpuid(SevSnpReport report, SevSnpProduct product) throws AttestationException {
        Optional<SevSnpReport.Cpuid> cpuid = report.cpuid();
        if (cpuid.isPresent() && !product.matchesCpuid(cpuid.get().family(), cpuid.get().model())) {
            throw new AttestationException(Reason.WRONG_PRODUCT, String.format(
                    "the report's CPUID family 0x%02x model 0x%02x is not a %s processor",
                    cpuid.get().family(), cpuid.get().model(), product.amdName()));
        }
    }
}
