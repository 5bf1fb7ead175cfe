package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** The latest CRL an organisation CA published; the broker relays it, it cannot sign one. */
@MappedEntity("organisation_crls")
public record OrganisationCrl(@Id String organisationId, String crlPem, Instant thisUpdate) {
}
