/**
 * Low-level code of the verifiable log: SHA-256, flat hash storage, proof shapes, the signed
 * note format and Ed25519 key material. Only {@code io.cleave.transparency} uses it; no other
 * module may import it, and keys never leave it except through the opaque handles.
 */
package io.cleave.transparency.internal;
