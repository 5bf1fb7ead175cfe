package io.cleave.attestation.software;

import java.util.Optional;

/**
 * Finds the verification key a relying party trusts for a key id: a fixed set during development,
 * the provider's certified key from the federation PKI later. Empty means "not trusted".
 */
@FunctionalInterface
public interface VerificationKeyResolver {
    Optional<EvidenceVerificationKey> find(String keyId);
}
