package io.cleave.broker.attestation;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.DispatchingEvidenceVerifier;
import io.cleave.attestation.Evidence;
import io.cleave.attestation.EvidenceType;
import io.cleave.attestation.EvidenceVerifier;
import io.cleave.attestation.ReportDataBinding;
import io.cleave.attestation.VerifiedClaims;
import io.cleave.attestation.result.AttestationResult;
import io.cleave.attestation.result.AttestationResultSigner;
import io.cleave.attestation.sevsnp.SevSnpVerifier;
import io.cleave.attestation.software.CertifiedProviderKeys;
import io.cleave.attestation.software.SoftwareEvidenceFormat;
import io.cleave.attestation.software.SoftwareEvidenceVerifier;
import io.cleave.broker.config.AttestationConfig;
import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.job.JobService;
import io.cleave.broker.persistence.AttestationRecord;
import io.cleave.broker.persistence.Provider;
import io.cleave.crypto.HpkePublicKey;
import io.cleave.crypto.SignaturePublicKey;
import io.cleave.crypto.SigningKeyPair;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The broker's attestation service (a verifier in RATS terms, RFC 9334): verifies a provider's
 * evidence — its signatures, and that its report data binds the provider's certified key (or, for
 * an ENCLAVE job, the workload's HPKE key) and the broker's fresh nonce — and issues a signed
 * attestation result that expires. It does not appraise measurements: each data owner does that
 * against its own policy. Every verdict is stored and audited.
 */
@Singleton
public final class AttestationService {
    private final ProviderService providers;
    private final OrganisationService organisations;
    private final JobService jobs;
    private final ChallengeBook challenges;
    private final AttestationVerdicts verdicts;
    private final AttestationConfig config;
    private final Clock clock;
    private final SigningKeyPair resultKey;
    private final AttestationResultSigner signer;
    private final EvidenceVerifier sevSnp;

    AttestationService(ProviderService providers, OrganisationService organisations, JobService jobs,
            ChallengeBook challenges, AttestationVerdicts verdicts, AttestationConfig config, BrokerConfig broker,
            Clock clock) {
        this.providers = providers;
        this.organisations = organisations;
        this.jobs = jobs;
        this.challenges = challenges;
        this.verdicts = verdicts;
        this.config = config;
        this.clock = clock;
        this.resultKey = ResultSigningKey.loadOrGenerate(config, broker);
        this.signer = new AttestationResultSigner(resultKey.signer(), "cleave-attestation-1");
        this.sevSnp = SevSnpVerifier.create(clock);
    }

    /** The key relying parties pin to check results. */
    public SignaturePublicKey resultKey() {
        return resultKey.publicKey();
    }

    /** A fresh nonce for the provider's next {@link #attest}. */
    public Challenge challenge(String providerId) {
        providers.byId(providerId);
        return challenges.issue(providerId);
    }

    /**
     * Verifies evidence given at registration: it binds the provider's certified key, no nonce.
     *
     * @param certifiedKey the key of the caller's validated certificate; null without mutual TLS
     */
    public Verdict attestAtRegistration(String providerId, EvidenceSubmission s, @Nullable SignaturePublicKey certifiedKey) {
        if (s.nonce().length != 0 || s.jobId() != null) {
            throw FederationException.invalid("registration evidence binds the provider key alone, without nonce or job");
        }
        return verifyAndRecord(providers.byId(providerId), s, certifiedKey);
    }

    /** Verifies evidence bound to a nonce from {@link #challenge}: re-attestation, or a job's workload key. */
    public Verdict attest(String providerId, EvidenceSubmission s, @Nullable SignaturePublicKey certifiedKey) {
        Provider provider = providers.byId(providerId);
        if (!challenges.redeem(providerId, s.nonce())) {
            return refuse(provider, s, "the nonce was not issued to this provider, was used already, or expired");
        }
        if (s.jobId() != null && jobs.parties(jobs.byId(s.jobId()).id()).stream()
                .noneMatch(p -> p.key().providerId().equals(providerId))) {
            throw FederationException.invalid("provider " + providerId + " has no part in job " + s.jobId());
        }
        return verifyAndRecord(provider, s, certifiedKey);
    }

    public Optional<AttestationRecord> latestFor(String providerId) {
        return verdicts.latestFor(providerId);
    }

    /** Whether the provider's latest verdict on its own evidence is valid and has not expired. */
    public boolean isCurrentlyAttested(String providerId) {
        return latestFor(providerId).filter(v -> v.valid() && v.expiresAt() != null
                && v.expiresAt().isAfter(clock.instant())).isPresent();
    }

    private Verdict verifyAndRecord(Provider provider, EvidenceSubmission s, @Nullable SignaturePublicKey certifiedKey) {
        String organisation = organisations.byId(provider.organisationId()).name();
        VerifiedClaims claims;
        try {
            claims = verifier(organisation + "/" + provider.name(), certifiedKey).verify(decode(s));
            byte[] boundKey = boundKey(s, certifiedKey);
            if (!ReportDataBinding.forWorkloadKey(boundKey, s.nonce()).matches(claims.reportData())) {
                throw new AttestationException(Reason.REPORT_DATA_MISMATCH, s.jobId() == null
                        ? "report data does not bind the provider's certified key and the nonce"
                        : "report data does not bind the workload key and the nonce");
            }
        } catch (AttestationException e) {
            return refuse(provider, s, e.getMessage());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AttestationResult result = new AttestationResult(UUID.randomUUID().toString(), provider.id(), organisation,
                Optional.ofNullable(s.jobId()), claims, s.nonce(), now, now.plus(config.resultLifetime()));
        String token = signer.sign(result);
        verdicts.record(new AttestationRecord(result.id(), provider.id(), s.jobId(), s.type().name(), true, null,
                claims.measurement().hex(), claims.tcb().map(Object::toString).orElse(null), claims.hardwareIsolated(),
                HexFormat.of().formatHex(s.nonce()), now, result.expiresAt(), token), organisation);
        return new Verdict(token, result.expiresAt(), null);
    }

    private Verdict refuse(Provider provider, EvidenceSubmission s, String reason) {
        verdicts.record(new AttestationRecord(UUID.randomUUID().toString(), provider.id(), s.jobId(), s.type().name(),
                false, reason, null, null, s.type().hardwareIsolated(), HexFormat.of().formatHex(s.nonce()),
                clock.instant(), null, null), organisations.byId(provider.organisationId()).name());
        return new Verdict(null, null, reason);
    }

    private EvidenceVerifier verifier(String providerKeyId, @Nullable SignaturePublicKey certifiedKey) {
        SoftwareEvidenceVerifier software = new SoftwareEvidenceVerifier(keyId -> certifiedKey != null
                && keyId.equals(providerKeyId) ? Optional.of(CertifiedProviderKeys.verificationKey(keyId, certifiedKey))
                : Optional.empty());
        return new DispatchingEvidenceVerifier(Optional.of(sevSnp), Optional.of(software));
    }

    private static Evidence decode(EvidenceSubmission s) throws AttestationException {
        return switch (s.type()) {
            case SOFTWARE -> SoftwareEvidenceFormat.decode(s.evidence());
            case SEV_SNP -> new Evidence.SevSnp(s.evidence(), s.certificates());
        };
    }

    private static byte[] boundKey(EvidenceSubmission s, @Nullable SignaturePublicKey certifiedKey)
            throws AttestationException {
        if (s.workloadPublicKey() != null) {
            try {
                return HpkePublicKey.decode(s.workloadPublicKey()).encode();
            } catch (GeneralSecurityException e) {
                throw new AttestationException(Reason.MALFORMED_EVIDENCE, "the workload public key is not an HPKE key: "
                        + e.getMessage());
            }
        }
        if (certifiedKey == null) {
            throw new AttestationException(Reason.UNKNOWN_SIGNING_KEY,
                    "the provider has no certified key here: the control plane runs without mutual TLS");
        }
        return certifiedKey.encoded();
    }

    /** How evidence types are shown: software evidence always with its missing isolation said plainly. */
    public static String label(EvidenceType type) {
        return type.hardwareIsolated() ? "hardware isolation (" + type + ")" : "no hardware isolation";
    }
}
