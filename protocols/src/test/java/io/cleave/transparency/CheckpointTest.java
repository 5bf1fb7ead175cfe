package io.cleave.transparency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CheckpointTest {

  private static final byte[] ROOT = Rfc6962.emptyRoot();

  @Test
  void constructor_invalidFields_throwNamingTheRule() {
    assertInvalid("checkpoint origin must not be empty", () -> new Checkpoint("", 0, ROOT));
    assertInvalid("checkpoint origin must not contain control characters or newlines",
        () -> new Checkpoint("a\nb", 0, ROOT));
    assertInvalid("checkpoint size must be at least 0, got -1", () -> new Checkpoint("o", -1, ROOT));
    assertInvalid("checkpoint root hash must be 32 bytes, got 3",
        () -> new Checkpoint("o", 0, new byte[3]));
    assertInvalid("checkpoint extension line must not be empty",
        () -> new Checkpoint("o", 0, ROOT, List.of("")));
  }

  @Test
  void rootHash_isCopiedInAndOut() {
    byte[] root = ROOT.clone();
    Checkpoint checkpoint = new Checkpoint("o", 0, root);
    root[0] ^= 1;
    checkpoint.rootHash()[0] ^= 1;
    assertArrayEquals(ROOT, checkpoint.rootHash());
  }

  private static void assertInvalid(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
