package io.cleave.broker.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A person who signs in; {@code passwordHash} is an Argon2id PHC string, never the password. */
@MappedEntity("users")
public record UserAccount(@Id String username, String role, @Nullable String organisationId, String passwordHash,
        boolean passwordChangeRequired, Instant createdAt) {

    public UserAccount withPassword(String newHash, boolean changeRequired) {
        return new UserAccount(username, role, organisationId, newHash, changeRequired, createdAt);
    }

    @Override
    public String toString() {
        return "UserAccount[" + username + ", " + role + ", organisation " + organisationId + "]";
    }
}
