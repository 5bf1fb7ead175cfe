package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An organisation's published HPKE public key for results and its organisation-key signature (base64). */
@MappedEntity("organisation_keys")
public record OrganisationKey(@Id String organisation, String publicKey, String signature, Instant publishedAt) {
}
