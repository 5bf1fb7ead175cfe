package io.cleave.memory.serve;

import io.cleave.attestation.pki.ProviderCredentials;
import io.cleave.controlplane.ControlPlaneTls;
import io.cleave.dataset.Dataset;
import io.cleave.federation.ConsentPolicy;
import io.cleave.federation.ConsentPolicyFile;
import io.cleave.federation.JointSpec;
import io.cleave.federation.PolicyVerdict;
import io.cleave.memory.config.MemoryTlsConfig;
import io.cleave.memory.store.DatasetStore;
import io.cleave.memory.store.PagedDataset;
import io.cleave.mpc.InputParty;
import io.cleave.mpc.Participant;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.ServeGrant;
import io.cleave.protocols.v1.SpecDataset;
import io.cleave.relay.RelayTransport;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data owner's gate: a grant from the broker is honoured only if this provider's own
 * organisation signed the job spec the grant carries (checked with the organisation certificate
 * in this provider's own chain file) and the grant is the one that spec describes. The broker
 * alone cannot make it serve a page. A TRUSTED or ENCLAVE grant then goes to the {@link GrantBook}
 * (ENCLAVE pages are sealed under a data key released only to an attested workload); for a
 * SECRET_SHARED job this provider becomes the job's input party: it standardised its rows at load,
 * takes the spec's training split, receives its rows' two mask seeds from the dealer, and serves
 * blocks of {@code E = X − A} to the two compute parties' ExCaches over sealed channels through the
 * relay until both are done (it learns the mask of its own rows and which blocks are asked for
 * when: the public training schedule, never anything of the model).
 *
 * <p>When the organisation set a standing consent policy ({@code cleave.memory.consent-policy}), a
 * job outside it is refused even with a valid signature: an administrator's manual approval
 * overrides the policy's "ask", never its refusal. The file is read at every grant, so an edit
 * applies at once, and an unreadable file refuses every grant.
 */
@Singleton
public final class ConsentedServing {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentedServing.class);
    private static final Duration RELAY_TIMEOUT = Duration.ofMinutes(2);
    private final GrantBook grants;
    private final DatasetStore store;
    private final MemoryTlsConfig tls;
    private final Optional<Path> consentPolicy;
    private final Clock clock;
    private final InputRandomness randomness;
    private final Counter refused;
    private final Counter rowsShared;
    private final Counter bytesShared;
    /**
     * Job attempts whose rows this provider shared (or is sharing): a grant re-sent after a reconnect
     * is not shared twice; a paused job's next attempt is shared again.
     */
    private final Set<String> shared = ConcurrentHashMap.newKeySet();
    /** One thread per job in progress: an owner serves E to a job's ExCaches until its training no longer needs it. */
    private final ExecutorService sharing = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "input-party");
        t.setDaemon(true);
        return t;
    });

    /** @param consentPolicy the standing consent policy file; empty: the organisation's signature alone decides */
    public ConsentedServing(GrantBook grants, DatasetStore store, MemoryTlsConfig tls,
            @Value("${cleave.memory.consent-policy:}") String consentPolicy, Clock clock, MeterRegistry metrics,
            InputRandomness randomness) {
        this.randomness = randomness;
        this.grants = grants;
        this.store = store;
        this.tls = tls;
        this.consentPolicy = consentPolicy == null || consentPolicy.isBlank() ? Optional.empty()
                : Optional.of(Path.of(consentPolicy));
        this.clock = clock;
        this.refused = Counter.builder("cleave.grants.refused")
                .description("Grants refused: this organisation's consent did not verify, or the job is outside its"
                        + " standing consent policy").register(metrics);
        this.rowsShared = Counter.builder("cleave.shares.rows").description("Training rows secret-shared with jobs")
                .register(metrics);
        this.bytesShared = Counter.builder("cleave.shares.bytes").baseUnit("bytes")
                .description("Bytes of label shares and masked rows sent to compute parties (sealed)").register(metrics);
    }

    /** Reads the standing consent policy now, so a broken file shows at start and not at a job's first grant. */
    public void checkConsentPolicy() {
        consentPolicy.ifPresent(file -> {
            ConsentPolicy policy = ConsentPolicyFile.read(file);
            LOG.info("Standing consent policy {}: {} partner organisation(s), datasets {}, modes {}, action {}", file,
                    policy.partners().size(), policy.datasets(), policy.modes(), policy.action());
        });
    }

    /**
     * Checks consent and takes up the grant; a grant without this organisation's valid consent is
     * refused and logged, and nothing is served for it.
     *
     * @return false if refused
     */
    public boolean accept(ServeGrant grant, ManagedChannel broker) {
        JointSpec spec;
        try {
            spec = consentedSpec(grant);
        } catch (GeneralSecurityException | RuntimeException e) {
            refused.increment();
            LOG.warn("Refused to serve dataset {} for job {}: {}", grant.getDatasetId(), grant.getJobId(), e.getMessage());
            return false;
        }
        if (grant.getMode() == ProtectionMode.TRUSTED || grant.getMode() == ProtectionMode.ENCLAVE) {
            grants.add(grant);
            LOG.info("Granted: job {} may read dataset {} from provider {} (consent verified)", grant.getJobId(),
                    grant.getDatasetId(), grant.getGranteeProviderId());
        } else if (shared.add(grant.getJobId() + "/" + grant.getDatasetId() + "/"
                + Math.max(1, grant.getJoint().getAttempt()))) {
            sharing.submit(() -> share(grant, spec, broker));
        }
        return true;
    }

    private JointSpec consentedSpec(ServeGrant grant) throws GeneralSecurityException {
        if (!grant.hasJoint()) {
            throw new GeneralSecurityException("the grant carries no signed job spec");
        }
        JointSpec spec = JointSpec.parse(grant.getJoint().getJobSpec().toByteArray());
        ProviderCredentials credentials = credentials();
        credentials.requireConsent(spec, grant.getJoint().getConsentSignature().toByteArray());
        requireInsidePolicy(spec, credentials.organisation());
        boolean named = spec.spec().getDatasetsList().stream().map(SpecDataset::getDatasetId)
                .anyMatch(grant.getDatasetId()::equals);
        if (!named || !spec.describes(grant.getJobId(), grant.getMode(), grant.getParameters())) {
            throw new GeneralSecurityException("the grant differs from the job spec this organisation approved");
        }
        if (grant.getMode() != ProtectionMode.TRUSTED && grant.getMode() != ProtectionMode.ENCLAVE
                && grant.getMode() != ProtectionMode.SECRET_SHARED) {
            throw new GeneralSecurityException("protection mode " + grant.getMode() + " is not served here");
        }
        return spec;
    }

    private void requireInsidePolicy(JointSpec spec, String organisation) throws GeneralSecurityException {
        if (consentPolicy.isEmpty()) {
            return;
        }
        PolicyVerdict verdict = ConsentPolicyFile.read(consentPolicy.get()).evaluate(spec, organisation);
        if (verdict.outcome() == PolicyVerdict.Outcome.REFUSE) {
            throw new GeneralSecurityException("job " + spec.spec().getJobId() + " is " + verdict.reason()
                    + "; a signed approval does not override the policy's refusal");
        }
    }

    private void share(ServeGrant grant, JointSpec spec, ManagedChannel broker) {
        try {
            int index = spec.spec().getDatasetsList().stream().map(SpecDataset::getDatasetId).toList()
                    .indexOf(grant.getDatasetId());
            if (!Participant.inputParty(index).name().equals(grant.getJoint().getParticipant())) {
                throw new IllegalArgumentException("dataset " + index + " of the spec is input-" + index + ", not "
                        + grant.getJoint().getParticipant());
            }
            PagedDataset dataset = store.byBrokerId(grant.getDatasetId()).orElseThrow(() ->
                    new IllegalArgumentException("no dataset " + grant.getDatasetId() + " here"));
            Dataset train = dataset.rows(spec.split(index).train());
            ProviderCredentials credentials = credentials();
            long bytes;
            try (RelayTransport transport = RelayTransport.open(broker, RelayTransport.settingsFor(grant.getJobId(),
                    grant.getJoint(), credentials.localIdentity(), credentials.relayVerifiers(clock), RELAY_TIMEOUT))) {
                InputParty owner = new InputParty(index, spec.secureJobSpec(), transport, randomness.forJob());
                owner.share(owner.encode(train));
                bytes = owner.featureBytesSent() + (long) train.rows() * Long.BYTES;
            }
            rowsShared.increment(train.rows());
            bytesShared.increment(bytes);
            LOG.info("Served {} training rows of dataset '{}' to the two parties of job {} as {}: label shares and "
                    + "blocks of the masked rows E = X − A on request ({} bytes, sealed; the values never left in the "
                    + "clear)", train.rows(), dataset.name(), grant.getJobId(), grant.getJoint().getParticipant(), bytes);
        } catch (RuntimeException e) {
            LOG.warn("Sharing dataset {} for job {} failed: {}", grant.getDatasetId(), grant.getJobId(), e.getMessage());
        }
    }

    private ProviderCredentials credentials() {
        ControlPlaneTls files = tls.files();
        if (files == null) {
            throw new IllegalStateException("joint jobs need this provider's certificate files (cleave.memory.tls.*) "
                    + "to check consent and seal its channels");
        }
        return ProviderCredentials.load(files);
    }

    @PreDestroy
    void stop() {
        sharing.shutdownNow();
    }
}
