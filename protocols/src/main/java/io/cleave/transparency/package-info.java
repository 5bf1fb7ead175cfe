/**
 * The verifiable audit log (DESIGN.md §6): an RFC 9162 Merkle tree over audit records,
 * checkpoints in the C2SP formats, and the verifiers an organisation runs.
 *
 * <ul>
 *   <li>Log side (broker): {@link io.cleave.transparency.MerkleTree} over a
 *       {@link io.cleave.transparency.LeafHashStore} appends leaves and serves roots, inclusion
 *       and consistency proofs; {@link io.cleave.transparency.CheckpointSigner} signs
 *       {@link io.cleave.transparency.Checkpoint}s with a
 *       {@link io.cleave.transparency.NoteSigningKey}.
 *   <li>Client side (providers, CLI): {@link io.cleave.transparency.CheckpointVerifier},
 *       {@link io.cleave.transparency.ProofVerifier} and, offline over a whole export,
 *       {@link io.cleave.transparency.LogVerifier}.
 * </ul>
 *
 * <p>A leaf is the exact byte string the log hashed for one record ({@code SHA-256(0x00 ||
 * leaf)}); exporter and verifier must agree on it byte for byte. Every expected security
 * failure is a {@link java.security.GeneralSecurityException} subclass with a precise message:
 * {@link io.cleave.transparency.ProofException}, {@link io.cleave.transparency.CheckpointException}
 * (with a {@link io.cleave.transparency.CheckpointException.Reason}) and
 * {@link io.cleave.transparency.LogMismatchException}.
 */
package io.cleave.transparency;
