package io.cleave.federation;

import io.cleave.crypto.SignaturePublicKey;
import io.cleave.crypto.Signer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * An organisation's decision on a job, signed with its organisation key over the spec hash
 * (statement in {@code jobspec.proto}). The statement names the job, the organisation and the
 * decision, so a signature cannot be moved to another job, organisation or decision.
 */
public final class Consent {
    public enum Decision { APPROVE, REFUSE }

    private Consent() {
    }

    public static byte[] statement(String jobId, String organisation, Decision decision, byte[] specHash) {
        return ("cleave/v1/consent\n" + jobId + "\n" + organisation + "\n" + decision + "\n"
                + HexFormat.of().formatHex(specHash)).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] sign(Signer organisationKey, String jobId, String organisation, Decision decision,
            byte[] specHash) throws GeneralSecurityException {
        return organisationKey.sign(statement(jobId, organisation, decision, specHash));
    }

    /** @throws GeneralSecurityException if {@code signature} is not the organisation's over this decision */
    public static void verify(SignaturePublicKey organisationKey, byte[] signature, String jobId, String organisation,
            Decision decision, byte[] specHash) throws GeneralSecurityException {
        organisationKey.verifier().verify(signature, statement(jobId, organisation, decision, specHash));
    }

    /**
     * What a provider checks before it serves or computes: the spec it was handed is the one its
     * own organisation approved.
     *
     * @throws GeneralSecurityException "no valid consent of ORG for job JOB" if not
     */
    public static void requireApproved(JointSpec spec, String organisation, SignaturePublicKey organisationKey,
            byte[] signature) throws GeneralSecurityException {
        try {
            verify(organisationKey, signature, spec.spec().getJobId(), organisation, Decision.APPROVE, spec.hash());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new GeneralSecurityException("no valid consent of " + organisation + " for job "
                    + spec.spec().getJobId() + " (spec " + spec.hashHex() + ")");
        }
    }
}
