package io.cleave.transparency;

/**
 * Signs checkpoints with a log's {@link NoteSigningKey} as C2SP signed notes. Immutable and
 * thread-safe.
 *
 * <p>The checkpoint's origin must equal the key name: the tlog-checkpoint spec recommends it,
 * and {@link CheckpointVerifier} requires it, so a key can never vouch for another log.
 * A log must never sign two inconsistent checkpoints; that is the caller's duty (sign only
 * roots computed by its own append-only {@link MerkleTree}).
 */
public final class CheckpointSigner {

  private final NoteSigningKey key;

  public CheckpointSigner(NoteSigningKey key) {
    this.key = key;
  }

  /** Returns the signed note: the checkpoint body, a blank line and one signature line. */
  public String sign(Checkpoint checkpoint) {
    if (!checkpoint.origin().equals(key.name())) {
      throw new IllegalArgumentException("checkpoint origin \"" + checkpoint.origin()
          + "\" is not the signing key name \"" + key.name() + "\"");
    }
    return key.signer().sign(checkpoint.body());
  }
}
