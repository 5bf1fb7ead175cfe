package io.cleave.transparency;

import io.cleave.transparency.internal.NoteVerifier;

/**
 * A log's public note key in the text form {@code <name>+<key ID hex>+<base64(0x01 || key)>}
 * of c2sp.org/signed-note and golang.org/x/mod/sumdb/note. Immutable and thread-safe.
 */
public final class NoteVerifierKey {

  private final NoteVerifier verifier;

  NoteVerifierKey(NoteVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * Parses an encoded verifier key, checking that its key ID matches its name and key.
   * Surrounding whitespace, such as the final newline of a key file, is ignored.
   */
  public static NoteVerifierKey parse(String encoded) throws CheckpointException {
    return new NoteVerifierKey(NoteVerifier.parse(encoded.strip()));
  }

  /** The key name, which is the origin of the log's checkpoints. */
  public String name() {
    return verifier.name();
  }

  /** The encoded form that {@link #parse(String)} reads. */
  public String encoded() {
    return verifier.encoded();
  }

  NoteVerifier verifier() {
    return verifier;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteVerifierKey other && other.encoded().equals(encoded());
  }

  @Override
  public int hashCode() {
    return encoded().hashCode();
  }

  @Override
  public String toString() {
    return encoded();
  }
}
