package io.cleave.transparency;

import io.cleave.transparency.internal.NoteSigner;

/**
 * An opaque Ed25519 key that signs a log's checkpoints as C2SP signed notes. The key name is
 * the log's origin. Immutable and thread-safe.
 *
 * <p>For storage on the broker's disk, {@link #exportSecretKeyText()} writes the
 * golang.org/x/mod/sumdb/note form {@code PRIVATE+KEY+<name>+<key ID>+<base64>} and
 * {@link #importSecretKeyText(String)} reads it back; the text is as secret as the key.
 */
public final class NoteSigningKey {

  private final NoteSigner signer;

  private NoteSigningKey(NoteSigner signer) {
    this.signer = signer;
  }

  /**
   * Generates a new key named {@code name}.
   *
   * @throws IllegalArgumentException if the name is empty or has a space or '+'
   */
  public static NoteSigningKey generate(String name) {
    return new NoteSigningKey(NoteSigner.generate(name));
  }

  /**
   * Reads a key written by {@link #exportSecretKeyText()} or by Go's note.GenerateKey.
   * Surrounding whitespace, such as the final newline of a key file, is ignored.
   */
  public static NoteSigningKey importSecretKeyText(String secretKeyText) throws CheckpointException {
    return new NoteSigningKey(NoteSigner.fromSecretKeyText(secretKeyText.strip()));
  }

  /** The secret storage form of this key; whoever reads it can sign as this log. */
  public String exportSecretKeyText() {
    return signer.secretKeyText();
  }

  /** The public key that verifies this key's signatures. */
  public NoteVerifierKey verifierKey() {
    return new NoteVerifierKey(signer.verifier());
  }

  public String name() {
    return signer.verifier().name();
  }

  NoteSigner signer() {
    return signer;
  }

  /** Names the key without revealing it. */
  @Override
  public String toString() {
    return "NoteSigningKey[" + signer.verifier().label() + "]";
  }
}
