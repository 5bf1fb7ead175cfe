package io.cleave.memory.serve;

import io.cleave.attestation.AppraisalPolicy;
import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.EnclavePolicyFile;
import io.cleave.attestation.ReportDataBinding;
import io.cleave.attestation.result.AttestationResult;
import io.cleave.attestation.result.AttestationResultVerifier;
import io.cleave.crypto.DataKey;
import io.cleave.crypto.HpkePublicKey;
import io.cleave.crypto.SignaturePublicKey;
import io.cleave.enclave.EnclaveLabels;
import io.cleave.protocols.v1.DataKeyRequest;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.ServeGrant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data owner's side of ENCLAVE jobs: one data key per job and dataset, which pages are sealed
 * under, released only to a workload whose broker-signed attestation result passes this
 * organisation's own policy file ({@code cleave.memory.enclave-policy}) and binds the workload's
 * HPKE key. The broker never holds a data key. The policy file is read at every release, so a
 * data owner's edit takes effect at once. Thread-safe.
 */
@Singleton
public final class EnclaveKeyRelease {
    private static final Logger LOG = LoggerFactory.getLogger(EnclaveKeyRelease.class);
    private final GrantBook grants;
    private final Optional<Path> policyFile;
    private final Clock clock;
    private final Map<String, DataKey> keys = new ConcurrentHashMap<>();
    private final Counter released;
    private final Counter refused;
    private volatile AttestationResultVerifier brokerResults;

    /** @param policyFile empty: no ENCLAVE job ever receives a key from this provider */
    public EnclaveKeyRelease(GrantBook grants, @Value("${cleave.memory.enclave-policy:}") String policyFile, Clock clock,
            MeterRegistry metrics) {
        this.grants = grants;
        this.policyFile = policyFile == null || policyFile.isBlank() ? Optional.empty() : Optional.of(Path.of(policyFile));
        this.clock = clock;
        this.released = Counter.builder("cleave.enclave.keys.released")
                .description("Data keys wrapped to attested ENCLAVE workloads").register(metrics);
        this.refused = Counter.builder("cleave.enclave.keys.refused")
                .description("Data key requests refused (grant, attestation or policy)").register(metrics);
    }

    /** Pins the key that signs the broker's attestation results, as received at registration. */
    public void trustBrokerResultKey(SignaturePublicKey key) {
        brokerResults = new AttestationResultVerifier(key, clock);
    }

    /** Checks the policy file now, so a broken file shows at start and not at a job's first request. */
    public void checkPolicyFile() throws IOException {
        if (policyFile.isPresent()) {
            AppraisalPolicy policy = EnclavePolicyFile.read(policyFile.get());
            LOG.info("ENCLAVE policy {}: evidence types {}, {} reference measurement(s), minimum TCB {}",
                    policyFile.get(), policy.allowedEvidenceTypes(), policy.allowedMeasurements().size(),
                    policy.minimumTcb());
        }
    }

    /**
     * @return the job's data key for the dataset, wrapped (HPKE) to the attested workload key
     * @throws GrantBook.GrantException when the request has no ENCLAVE grant
     * @throws AttestationException when the result or its claims do not pass; nothing is released
     */
    byte[] release(DataKeyRequest r) throws GrantBook.GrantException, AttestationException {
        try {
            byte[] wrapped = check(r);
            released.increment();
            LOG.info("Released the data key of dataset {} for job {} to the attested workload of provider {}",
                    r.getDatasetId(), r.getJobId(), r.getRequesterProviderId());
            return wrapped;
        } catch (GrantBook.GrantException | AttestationException e) {
            refused.increment();
            LOG.warn("Refused the data key of dataset {} for job {} to provider {}: {}", r.getDatasetId(),
                    r.getJobId(), r.getRequesterProviderId(), e.getMessage());
            throw e;
        }
    }

    private byte[] check(DataKeyRequest r) throws GrantBook.GrantException, AttestationException {
        ServeGrant grant = grants.check(r.getJobId(), r.getDatasetId(), r.getRequesterProviderId(),
                r.getGrant().toByteArray());
        if (grant.getMode() != ProtectionMode.ENCLAVE) {
            throw new GrantBook.GrantException("job " + r.getJobId() + " is " + grant.getMode()
                    + "; data keys are released to ENCLAVE jobs only");
        }
        AttestationResultVerifier verifier = brokerResults;
        if (verifier == null) {
            throw new IllegalStateException("not registered with the broker yet: no attestation key is pinned");
        }
        AttestationResult result = verifier.verify(r.getAttestationResult());
        if (!result.provider().equals(r.getRequesterProviderId()) || !result.job().equals(Optional.of(r.getJobId()))) {
            throw new AttestationException(Reason.RESULT_SUBJECT_MISMATCH, "the attestation result is for provider "
                    + result.provider() + " and job " + result.job().orElse("(none)") + ", not for this request");
        }
        HpkePublicKey workloadKey;
        try {
            workloadKey = HpkePublicKey.decode(r.getWorkloadPublicKey().toByteArray());
        } catch (GeneralSecurityException e) {
            throw new AttestationException(Reason.MALFORMED_EVIDENCE, "the workload public key is not an HPKE key");
        }
        policy().appraise(result.claims(), ReportDataBinding.forWorkloadKey(workloadKey.encode(), result.nonce()));
        try {
            return dataKey(r.getJobId(), r.getDatasetId())
                    .wrapTo(workloadKey, EnclaveLabels.dataKeyInfo(r.getJobId(), r.getDatasetId())).encode();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("wrapping the data key failed", e);
        }
    }

    private AppraisalPolicy policy() throws AttestationException {
        if (policyFile.isEmpty()) {
            throw new AttestationException(Reason.EVIDENCE_TYPE_NOT_ALLOWED,
                    "this memory provider has no ENCLAVE policy (cleave.memory.enclave-policy): it releases no data key");
        }
        try {
            return EnclavePolicyFile.read(policyFile.get());
        } catch (IOException | IllegalArgumentException e) {
            throw new AttestationException(Reason.EVIDENCE_TYPE_NOT_ALLOWED,
                    "the ENCLAVE policy cannot be read, so no key is released: " + e.getMessage());
        }
    }

    /** Seals one page of an ENCLAVE job under the job's data key for the dataset. */
    byte[] sealPage(String jobId, String datasetId, String partition, int page, byte[] plaintext) {
        try {
            return dataKey(jobId, datasetId).seal(plaintext, EnclaveLabels.pageAad(jobId, datasetId, partition, page));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a page failed", e);
        }
    }

    /** Forgets the data keys of a job that ended: its pages can no longer be opened by anyone new. */
    public void endJob(String jobId) {
        keys.keySet().removeIf(k -> k.startsWith(jobId + "/"));
    }

    private DataKey dataKey(String jobId, String datasetId) {
        return keys.computeIfAbsent(jobId + "/" + datasetId, k -> DataKey.generate());
    }
}
