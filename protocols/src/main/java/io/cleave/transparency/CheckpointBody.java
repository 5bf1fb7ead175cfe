package io.cleave.transparency;

import io.cleave.transparency.CheckpointException.Reason;
import io.cleave.transparency.internal.NoteFormat;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Parses verified note text as a tlog-checkpoint body, strictly (c2sp.org/tlog-checkpoint). */
final class CheckpointBody {

  /** ASCII decimal without leading zeros, except "0" itself. */
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");

  private CheckpointBody() {}

  /** Parses {@code text}, which ends in a newline (as signed-note text always does). */
  static Checkpoint parse(String text) throws CheckpointException {
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw malformed("checkpoint body must have at least 3 lines, got " + lines.length);
    }
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        throw malformed("checkpoint line " + (i + 1) + " is empty");
      }
    }
    return new Checkpoint(lines[0], size(lines[1]), rootHash(lines[2]),
        List.of(Arrays.copyOfRange(lines, 3, lines.length)));
  }

  private static long size(String line) throws CheckpointException {
    if (!DECIMAL.matcher(line).matches()) {
      throw malformed("checkpoint tree size \"" + line
          + "\" is not a decimal number without leading zeros");
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw malformed("checkpoint tree size " + line + " is larger than 2^63-1");
    }
  }

  private static byte[] rootHash(String line) throws CheckpointException {
    byte[] root = NoteFormat.decodeCanonicalBase64(line)
        .orElseThrow(() -> malformed("checkpoint root hash is not canonical base64"));
    if (root.length != Rfc6962.HASH_SIZE) {
      throw malformed("checkpoint root hash must be 32 bytes, got " + root.length);
    }
    return root;
  }

  private static CheckpointException malformed(String message) {
    return new CheckpointException(Reason.MALFORMED_CHECKPOINT, message);
  }
}
