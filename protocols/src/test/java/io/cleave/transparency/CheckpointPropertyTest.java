package io.cleave.transparency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.transparency.CheckpointException.Reason;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Any checkpoint round-trips through sign and verify; any flipped signature bit is refused. */
class CheckpointPropertyTest {

  private static final int SIGNATURE_BITS = 64 * 8;

  @Property(tries = 100)
  void signThenVerify_anyCheckpoint_roundTripsAndFlippedSignatureBitIsRefused(
      @ForAll @AlphaChars @StringLength(min = 1, max = 40) String origin,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long size,
      @ForAll @Size(32) byte[] root,
      @ForAll @IntRange(min = 0, max = SIGNATURE_BITS - 1) int bit) throws CheckpointException {
    NoteSigningKey key = NoteSigningKey.generate(origin);
    Checkpoint checkpoint = new Checkpoint(origin, size, root);
    String note = new CheckpointSigner(key).sign(checkpoint);
    assertEquals(checkpoint, CheckpointVerifier.verify(note, key.verifierKey()));

    int b64Start = note.lastIndexOf(' ') + 1;
    byte[] framed = Base64.getDecoder().decode(note.substring(b64Start).strip());
    framed[4 + bit / 8] ^= (byte) (1 << (bit % 8));
    String tampered = note.substring(0, b64Start)
        + Base64.getEncoder().encodeToString(framed) + "\n";
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> CheckpointVerifier.verify(tampered, key.verifierKey()));
    assertEquals(Reason.BAD_SIGNATURE, e.reason());
  }
}
