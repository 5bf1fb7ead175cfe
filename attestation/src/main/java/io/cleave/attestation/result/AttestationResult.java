package io.cleave.attestation.result;

import io.cleave.attestation.VerifiedClaims;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The broker's signed statement that a provider's (or one job's workload's) evidence verified:
 * the verified claims, for whom, for which nonce, and until when a relying party may use it.
 * A relying party still judges the claims against its own {@link io.cleave.attestation.AppraisalPolicy}.
 *
 * @param id unique id of this result (JWT {@code jti})
 * @param provider the broker's id of the provider that presented the evidence (JWT {@code sub})
 * @param organisation the provider's organisation
 * @param job the job whose workload key the evidence binds; empty for the provider's own attestation
 * @param claims what the evidence proves
 * @param nonce the broker's fresh nonce bound into the report data; empty for registration evidence
 * @param issuedAt when the broker verified the evidence
 * @param expiresAt after this instant no relying party may accept the result
 */
public record AttestationResult(String id, String provider, String organisation, Optional<String> job,
        VerifiedClaims claims, byte[] nonce, Instant issuedAt, Instant expiresAt) {

    public AttestationResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(claims, "claims");
        nonce = Objects.requireNonNull(nonce, "nonce").clone();
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " must be after issuedAt " + issuedAt);
        }
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    public String nonceHex() {
        return HexFormat.of().formatHex(nonce);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttestationResult other && id.equals(other.id) && provider.equals(other.provider)
                && organisation.equals(other.organisation) && job.equals(other.job) && claims.equals(other.claims)
                && Arrays.equals(nonce, other.nonce) && issuedAt.equals(other.issuedAt)
                && expiresAt.equals(other.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, provider, organisation, job, claims, Arrays.hashCode(nonce), issuedAt, expiresAt);
    }

    @Override
    public String toString() {
        return "AttestationResult[" + id + ", provider=" + provider + ", organisation=" + organisation + ", job="
                + job.orElse("-") + ", " + claims + ", nonce=" + nonceHex() + ", issuedAt=" + issuedAt
                + ", expiresAt=" + expiresAt + "]";
    }
}
