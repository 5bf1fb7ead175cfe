package io.cleave.broker;

import io.cleave.broker.federation.DatasetRegistration;
import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.ProviderRegistration;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.federation.SchemaView;
import io.cleave.broker.persistence.DatasetRecord;
import io.cleave.broker.persistence.Provider;
import io.cleave.broker.pki.EnrolmentService;
import io.cleave.broker.pki.OrganisationKeyService;
import io.cleave.attestation.pki.OrganisationEnrolment;
import io.cleave.crypto.HpkeKeyPair;
import io.cleave.crypto.HpkeSuite;
import io.cleave.crypto.SigningKeyPair;
import io.cleave.federation.Consent;
import io.cleave.federation.JointSpec;
import io.cleave.federation.PublishedKey;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a small federation through the services, organisations enrolled by CSR with their keys
 * kept here: a data organisation and two compute organisations, so tests can sign consents.
 */
public final class FederationScenario {
    public final String hospital;
    public final String computeB;
    public final String computeC;
    public final Provider memory;
    public final Provider compute;
    public final Provider computeOfC;
    public final DatasetRecord dataset;
    private final Map<String, SigningKeyPair> keys = new HashMap<>();

    public FederationScenario(EnrolmentService enrolments, OrganisationKeyService hpkeKeys, ProviderService providers,
            DatasetService datasets, String suffix) {
        hospital = "hospital-" + suffix;
        computeB = "compute-" + suffix;
        computeC = "computec-" + suffix;
        for (String org : List.of(hospital, computeB, computeC)) {
            OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr(org);
            enrolments.enrol(enrolment.csrPem(), "test");
            enrolments.approve(org, "admin");
            keys.put(org, enrolment.key());
        }
        try {
            HpkeKeyPair results = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
            hpkeKeys.publish(hospital, Base64.getEncoder().encodeToString(results.publicKey().encode()),
                    Base64.getEncoder().encodeToString(PublishedKey.sign(keys.get(hospital).signer(), hospital,
                            results.publicKey())), "test");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        memory = providers.register(new ProviderRegistration(hospital, "memory-1", "MEMORY", 0, 1 << 20,
                "127.0.0.1:50061"));
        compute = providers.register(new ProviderRegistration(computeB, "compute-1", "COMPUTE", 2, 1 << 30, ""));
        computeOfC = providers.register(new ProviderRegistration(computeC, "compute-1", "COMPUTE", 2, 1 << 30, ""));
        dataset = datasets.register(new DatasetRegistration(memory.id(), "cancer", new SchemaView(List.of(
                new SchemaView.ColumnView("radius", false, 14.1, 3.5),
                new SchemaView.ColumnView("texture", false, 19.3, 4.3),
                new SchemaView.ColumnView("target", true, 0, 1))), 569, 64, 9, 569 * 3 * 8));
    }

    /** The organisation's signature over its decision on the job, made with its own key. */
    public String sign(String organisation, JointSpec spec, Consent.Decision decision) {
        try {
            return Base64.getEncoder().encodeToString(Consent.sign(keys.get(organisation).signer(),
                    spec.spec().getJobId(), organisation, decision, spec.hash()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
