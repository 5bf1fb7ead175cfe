package io.cleave.broker.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A certificate of the federation: an organisation CA certificate the broker issued, or a
 * provider certificate an organisation issued and registered. {@code serial} is lowercase hex.
 */
@MappedEntity("certificates")
public record CertificateRecord(@Id String serial, String organisationId, String kind, @Nullable String providerName,
        String subject, String certificatePem, Instant notAfter, Instant issuedAt, @Nullable Instant revokedAt) {
    public static final String ORGANISATION_CA = "ORGANISATION_CA";
    public static final String PROVIDER = "PROVIDER";

    public CertificateRecord revoked(Instant at) {
        return new CertificateRecord(serial, organisationId, kind, providerName, subject, certificatePem, notAfter,
                issuedAt, at);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
