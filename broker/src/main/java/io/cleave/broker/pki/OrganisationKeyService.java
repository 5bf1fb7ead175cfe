package io.cleave.broker.pki;

import io.cleave.attestation.pki.OrganisationKeys;
import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.persistence.OrganisationKey;
import io.cleave.broker.persistence.OrganisationKeyRepository;
import io.cleave.federation.PublishedKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

/**
 * Organisations' HPKE public keys for results. A key is stored only with a valid signature of the
 * organisation key over it, and compute parties check that signature again themselves, so the
 * broker cannot put its own key in an organisation's place.
 */
@Singleton
public class OrganisationKeyService {
    private final OrganisationKeyRepository keys;
    private final CertificateRegistry certificates;
    private final AuditTrail audit;
    private final Clock clock;

    OrganisationKeyService(OrganisationKeyRepository keys, CertificateRegistry certificates, AuditTrail audit,
            Clock clock) {
        this.keys = keys;
        this.certificates = certificates;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public OrganisationKey publish(String organisation, @Nullable String publicKeyBase64,
            @Nullable String signatureBase64, String actor) {
        byte[] key = base64("public_key", publicKeyBase64);
        byte[] signature = base64("signature", signatureBase64);
        try {
            PublishedKey.verify(OrganisationKeys.keyOf(certificates.organisationCertificate(organisation)), organisation,
                    key, signature);
        } catch (GeneralSecurityException e) {
            throw FederationException.invalid(e.getMessage());
        }
        OrganisationKey stored = new OrganisationKey(organisation, publicKeyBase64, signatureBase64, clock.instant());
        if (keys.existsById(organisation)) {
            keys.update(stored);
        } else {
            keys.save(stored);
        }
        audit.record(new AuditEvent(organisation, actor, "organisation.hpke_key_published", "organisation",
                organisation, null, Map.of("public_key", publicKeyBase64)));
        return stored;
    }

    @Transactional
    public OrganisationKey key(String organisation) {
        return keys.findById(organisation).orElseThrow(() -> FederationException.notFound("organisation '"
                + organisation + "' has published no HPKE key"));
    }

    private static byte[] base64(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw FederationException.invalid(field + " is required (base64)");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw FederationException.invalid(field + " is not base64");
        }
    }
}
