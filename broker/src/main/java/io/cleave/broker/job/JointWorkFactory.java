package io.cleave.broker.job;

import com.google.protobuf.ByteString;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.persistence.Job;
import io.cleave.broker.persistence.JobAttempt;
import io.cleave.broker.persistence.JobParty;
import io.cleave.broker.persistence.OrganisationKey;
import io.cleave.broker.persistence.OrganisationKeyRepository;
import io.cleave.broker.persistence.Provider;
import io.cleave.broker.pki.CertificateRegistry;
import io.cleave.federation.JointSpec;
import io.cleave.protocols.v1.JointWork;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.RecipientKey;
import io.cleave.protocols.v1.RelayPeer;
import jakarta.inject.Singleton;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.List;

/**
 * What each provider needs to check consent itself and to take its part: the canonical spec, its
 * own organisation's approval, and in a SECRET_SHARED job its participant name, its peers and (a
 * compute party) the recipients' signed HPKE keys with their organisation certificates.
 */
@Singleton
class JointWorkFactory {
    private final JobService jobs;
    private final ConsentService consents;
    private final ProviderService providers;
    private final OrganisationService organisations;
    private final OrganisationKeyRepository keys;
    private final CertificateRegistry certificates;
    private final JobAttempts attempts;

    JointWorkFactory(JobService jobs, ConsentService consents, ProviderService providers,
            OrganisationService organisations, OrganisationKeyRepository keys, CertificateRegistry certificates,
            JobAttempts attempts) {
        this.attempts = attempts;
        this.jobs = jobs;
        this.consents = consents;
        this.providers = providers;
        this.organisations = organisations;
        this.keys = keys;
        this.certificates = certificates;
    }

    JointWork forParty(Job job, JobParty party, List<JobParty> parties, boolean compute) {
        JointSpec spec = jobs.jointSpec(job.id());
        String organisation = organisationOf(party);
        JointWork.Builder work = JointWork.newBuilder().setJobSpec(ByteString.copyFrom(spec.canonical()))
                .setConsentSignature(ByteString.copyFrom(consents.approval(job.id(), organisation)));
        if (spec.spec().getMode() == ProtectionMode.TRUSTED || spec.spec().getMode() == ProtectionMode.ENCLAVE) {
            return work.build();
        }
        JobAttempt attempt = attempts.current(job.id());
        work.setParticipant(party.key().role()).setAttempt(attempt.attempt());
        if (compute) {
            work.setResumeAfterEpoch(attempt.resumeAfterEpoch());
        }
        for (JobParty peer : parties) {
            boolean bothInputs = party.datasetId() != null && peer.datasetId() != null;
            if (peer.equals(party) || bothInputs) {
                continue;
            }
            Provider p = providers.byId(peer.key().providerId());
            work.addPeers(RelayPeer.newBuilder().setParticipant(peer.key().role()).setOrganisation(organisationOf(peer))
                    .setProvider(p.name()));
        }
        if (compute) {
            spec.spec().getRecipientsList().forEach(r -> work.addRecipients(recipient(r)));
        }
        return work.build();
    }

    private RecipientKey recipient(String organisation) {
        OrganisationKey key = keys.findById(organisation).orElseThrow(() -> new IllegalStateException(
                "recipient " + organisation + " has no published HPKE key"));
        try {
            return RecipientKey.newBuilder().setOrganisation(organisation)
                    .setHpkePublicKey(ByteString.copyFrom(Base64.getDecoder().decode(key.publicKey())))
                    .setSignature(ByteString.copyFrom(Base64.getDecoder().decode(key.signature())))
                    .setOrganisationCertificate(ByteString.copyFrom(
                            certificates.organisationCertificate(organisation).getEncoded()))
                    .build();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the certificate of " + organisation + " cannot be encoded", e);
        }
    }

    private String organisationOf(JobParty party) {
        return organisations.byId(providers.byId(party.key().providerId()).organisationId()).name();
    }
}
