package io.cleave.broker.api.http;

import io.cleave.broker.persistence.CertificateRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** JSON shapes of the PKI endpoints. */
final class PkiViews {
    private PkiViews() {
    }

    @Serdeable
    record EnrolmentBody(@Nullable String csrPem) {
    }

    @Serdeable
    record ChainBody(@Nullable String chainPem) {
    }

    @Serdeable
    record CrlBody(@Nullable String crlPem) {
    }

    /** An enrolment's state (PENDING, ACTIVE, REVOKED): what a not-yet-enrolled organisation may poll. */
    @Serdeable
    record EnrolmentStatusView(String name, String status) {
    }

    /** A certificate as the federation records it; {@code revokedAt} null while it is not revoked. */
    @Serdeable
    record CertificateView(String serial, String organisation, String kind, @Nullable String provider, String subject,
            Instant notAfter, Instant issuedAt, @Nullable Instant revokedAt, String certificatePem) {
        static CertificateView of(CertificateRecord c, String organisation) {
            return new CertificateView(c.serial(), organisation, c.kind(), c.providerName(), c.subject(), c.notAfter(),
                    c.issuedAt(), c.revokedAt(), c.certificatePem());
        }
    }
}
