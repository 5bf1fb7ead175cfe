/**
 * Small public crypto primitives with opaque key handles (after Tink): {@link io.cleave.crypto.Hpke}
 * (RFC 9180 single-shot sealing, base and auth modes) with {@link io.cleave.crypto.HpkeKeyPair},
 * and {@link io.cleave.crypto.Signer}/{@link io.cleave.crypto.Verifier} over
 * {@link io.cleave.crypto.SigningKeyPair} (ECDSA P-256, Ed25519). Private keys leave a handle only
 * through methods named {@code export…ForOwnerStorage}. Verification and opening throw
 * {@link java.security.GeneralSecurityException} with uniform messages; they never return a boolean.
 * Key material and {@code javax.crypto} live in {@code io.cleave.crypto.internal}, which no other
 * module may import.
 */
package io.cleave.crypto;
