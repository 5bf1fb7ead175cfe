package io.cleave.compute.attest;

import com.google.protobuf.ByteString;
import io.cleave.attestation.Measurement;
import io.cleave.attestation.ReportDataBinding;
import io.cleave.attestation.pki.PemFiles;
import io.cleave.attestation.pki.PkiException;
import io.cleave.attestation.software.CertifiedProviderKeys;
import io.cleave.attestation.software.CodeMeasurement;
import io.cleave.attestation.software.SoftwareEvidenceFormat;
import io.cleave.attestation.software.SoftwareEvidenceIssuer;
import io.cleave.compute.config.ComputeProviderConfig;
import io.cleave.compute.config.ComputeTlsConfig;
import io.cleave.controlplane.BrokerSession;
import io.cleave.controlplane.ControlPlaneTls;
import io.cleave.crypto.HpkePublicKey;
import io.cleave.crypto.SigningKeyPair;
import io.cleave.protocols.v1.AttestRequest;
import io.cleave.protocols.v1.AttestationChallengeRequest;
import io.cleave.protocols.v1.EvidenceFormat;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This provider's attestation on a development machine: software evidence of its own code's
 * measurement, signed with its certified provider key (no hardware isolation — the broker and every
 * data owner see it labelled so). It attests the provider at registration, again with a fresh broker
 * nonce before each result expires, and each ENCLAVE job's ephemeral HPKE key. Without TLS files
 * (insecure plaintext development mode) there is no certified key and nothing is attested.
 */
@Singleton
public final class WorkloadAttestor {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadAttestor.class);
    private final Optional<SoftwareEvidenceIssuer> issuer;
    private final Optional<SigningKeyPair> certifiedKey;
    private final Measurement measurement;
    private final Duration reattestInterval;
    /** Heartbeats ask every few seconds; a refused provider must not flood the broker's audit trail. */
    private static final Duration ASKED_AGAIN_AFTER = Duration.ofSeconds(30);
    /** One re-attestation at a time, and none again within {@link #ASKED_AGAIN_AFTER}, however often heartbeats ask. */
    private final AtomicBoolean reattesting = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reattestation");
        t.setDaemon(true);
        return t;
    });

    WorkloadAttestor(ComputeProviderConfig config, ComputeTlsConfig tls,
            @Value("${cleave.compute.reattest-interval:5m}") Duration reattestInterval) {
        this.reattestInterval = reattestInterval;
        this.measurement = CodeMeasurement.ofCodeOf(WorkloadAttestor.class);
        ControlPlaneTls files = tls.files();
        this.certifiedKey = Optional.ofNullable(files).map(f -> readKey(f));
        this.issuer = certifiedKey.map(k -> new SoftwareEvidenceIssuer(
                CertifiedProviderKeys.signingKey(config.organisation() + "/" + config.name(), k)));
        LOG.info("Workload measurement {} (software evidence: no hardware isolation){}", measurement.hex(),
                issuer.isPresent() ? "" : "; not attested: no certified key without TLS files");
    }

    public Measurement measurement() {
        return measurement;
    }

    /** Evidence for registration, binding the certified key without a nonce; empty without a key. */
    public Optional<ByteString> registrationEvidence() {
        return certifiedKey.map(k -> evidence(k.publicKey().encoded(), new byte[0]));
    }

    /**
     * Re-attests the provider with a fresh broker nonce every {@code cleave.compute.reattest-interval},
     * and whenever the broker asks (its heartbeat answer says the latest result expired or is missing).
     */
    public void keepAttested(BrokerSession session) {
        if (certifiedKey.isEmpty()) {
            return;
        }
        long every = reattestInterval.toMillis();
        timer.scheduleWithFixedDelay(() -> reattest(session), every, every, TimeUnit.MILLISECONDS);
        session.onAttestationRequested(() -> {
            if (reattesting.compareAndSet(false, true)) {
                timer.execute(() -> reattest(session));
            }
        });
    }

    private void reattest(BrokerSession session) {
        try {
            byte[] nonce = nonce(session);
            session.stub().attest(request(session, nonce, evidence(certifiedKey.get().publicKey().encoded(), nonce))
                    .build());
            LOG.info("Re-attested to the broker with a fresh nonce");
        } catch (StatusRuntimeException e) {
            LOG.warn("Re-attestation failed ({}); trying again in {}", e.getStatus(), reattestInterval);
        } finally {
            timer.schedule(() -> reattesting.set(false), ASKED_AGAIN_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Attests an ENCLAVE job's workload key with a fresh broker nonce.
     *
     * @return the broker-signed attestation result to show the job's memory providers
     * @throws StatusRuntimeException PERMISSION_DENIED with the broker's reason when refused
     */
    public String attestWorkload(BrokerSession session, String jobId, HpkePublicKey workloadKey) {
        if (certifiedKey.isEmpty()) {
            throw new IllegalStateException("ENCLAVE jobs need attestation, and this provider has no certified key "
                    + "(it runs without TLS files)");
        }
        byte[] nonce = nonce(session);
        return session.stub().attest(request(session, nonce, evidence(workloadKey.encode(), nonce)).setJobId(jobId)
                .setWorkloadPublicKey(ByteString.copyFrom(workloadKey.encode())).build()).getAttestationResult();
    }

    private static byte[] nonce(BrokerSession session) {
        return session.stub().attestationChallenge(AttestationChallengeRequest.newBuilder()
                .setProviderId(session.providerId()).build()).getNonce().toByteArray();
    }

    private static AttestRequest.Builder request(BrokerSession session, byte[] nonce, ByteString evidence) {
        return AttestRequest.newBuilder().setProviderId(session.providerId())
                .setEvidenceFormat(EvidenceFormat.SOFTWARE_EVIDENCE).setEvidence(evidence)
                .setNonce(ByteString.copyFrom(nonce));
    }

    private ByteString evidence(byte[] boundKey, byte[] nonce) {
        try {
            return ByteString.copyFrom(SoftwareEvidenceFormat.encode(issuer.orElseThrow().issue(measurement,
                    ReportDataBinding.forWorkloadKey(boundKey, nonce).reportData())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing software evidence failed", e);
        }
    }

    private static SigningKeyPair readKey(ControlPlaneTls files) {
        try {
            return PemFiles.readPrivateKey(files.key());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the provider key " + files.key(), e);
        } catch (PkiException e) {
            throw new IllegalStateException("the provider key " + files.key() + " is unusable: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }
}
