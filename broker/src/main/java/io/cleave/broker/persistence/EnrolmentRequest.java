package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An organisation's pending PKCS#10 request, kept until an administrator approves it. */
@MappedEntity("enrolment_requests")
public record EnrolmentRequest(@Id String organisationId, String csrPem, Instant submittedAt) {
}
