package io.cleave.transparency;

import io.cleave.transparency.CheckpointException.Reason;
import io.cleave.transparency.internal.SignedNote;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Verifies a signed checkpoint against a log's {@link NoteVerifierKey}: the note syntax, a
 * valid Ed25519 signature by that key (signatures by other keys, such as witnesses, are
 * ignored), then the body. The body is parsed only after the signature verified.
 */
public final class CheckpointVerifier {

  private CheckpointVerifier() {}

  /** Returns the checkpoint that {@code key} signed in {@code signedNote}. */
  public static Checkpoint verify(String signedNote, NoteVerifierKey key)
      throws CheckpointException {
    String text = SignedNote.open(signedNote, key.verifier());
    Checkpoint checkpoint = CheckpointBody.parse(text);
    if (!checkpoint.origin().equals(key.name())) {
      throw new CheckpointException(Reason.WRONG_ORIGIN, "checkpoint origin \""
          + checkpoint.origin() + "\" is not the log key name \"" + key.name() + "\"");
    }
    return checkpoint;
  }

  /** As {@link #verify(String, NoteVerifierKey)} for a note read as bytes (strict UTF-8). */
  public static Checkpoint verify(byte[] signedNote, NoteVerifierKey key)
      throws CheckpointException {
    try {
      String note = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(signedNote))
          .toString();
      return verify(note, key);
    } catch (CharacterCodingException e) {
      throw new CheckpointException(Reason.MALFORMED_NOTE, "note is not valid UTF-8");
    }
  }
}
