package io.cleave.crypto;

/**
 * Signature algorithms Cleave uses. Provider identities are {@code ECDSA_P256_SHA256} because
 * gRPC's default TLS engine accepts only those certificates; {@code ED25519} serves
 * signatures outside TLS (audit, consent).
 */
public enum SignatureAlgorithm {
    /** ECDSA over NIST P-256 with SHA-256; signatures are DER-encoded (X9.62), as X.509 expects. */
    ECDSA_P256_SHA256,
    /** Ed25519 (RFC 8032), 64-byte signatures. */
    ED25519
}
