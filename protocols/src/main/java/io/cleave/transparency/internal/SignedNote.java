package io.cleave.transparency.internal;

import io.cleave.transparency.CheckpointException;
import io.cleave.transparency.CheckpointException.Reason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Opens a C2SP signed note (c2sp.org/signed-note) for one trusted key: checks the syntax of the
 * whole note, ignores signatures by other keys, and verifies every signature by the trusted
 * one. Returns the text only once it is verified, so nothing reads unauthenticated text.
 */
public final class SignedNote {

  /** Bounds the work an attacker can cause; the spec requires accepting at least 16. */
  static final int MAX_SIGNATURES = 100;

  private record SignatureLine(String name, int keyId, byte[] signature) {}

  private SignedNote() {}

  /** Returns the verified note text, including its final newline. */
  public static String open(String note, NoteVerifier trusted) throws CheckpointException {
    checkCharacters(note);
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw malformed("note has no blank line before its signatures");
    }
    String text = note.substring(0, split + 1);
    String block = note.substring(split + 2);
    if (block.isEmpty() || !block.endsWith("\n")) {
      throw malformed("note must end with signature lines, each ending in a newline");
    }
    boolean signed = false;
    for (SignatureLine line : parseSignatures(block)) {
      if (trusted.matches(line.name(), line.keyId())) {
        if (!trusted.verify(text, line.signature())) {
          throw new CheckpointException(
              Reason.BAD_SIGNATURE, "invalid signature for key " + trusted.label());
        }
        signed = true;
      }
    }
    if (!signed) {
      throw new CheckpointException(
          Reason.UNKNOWN_KEY, "note has no signature by key " + trusted.label());
    }
    return text;
  }

  private static void checkCharacters(String note) throws CheckpointException {
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw malformed(String.format("note contains control character U+%04X at offset %d", (int) c, i));
      }
      if (Character.isSurrogate(c) && !isPairedSurrogate(note, i++)) {
        throw malformed("note contains an unpaired surrogate at offset " + (i - 1));
      }
    }
  }

  private static boolean isPairedSurrogate(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1));
  }

  private static List<SignatureLine> parseSignatures(String block) throws CheckpointException {
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw malformed("note has more than " + MAX_SIGNATURES + " signatures");
    }
    List<SignatureLine> parsed = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      parsed.add(parseSignature(lines[i], i + 1));
    }
    return parsed;
  }

  private static SignatureLine parseSignature(String line, int number) throws CheckpointException {
    if (!line.startsWith(NoteFormat.SIGNATURE_PREFIX)) {
      throw malformed("signature line " + number + " does not start with an em dash and a space");
    }
    String rest = line.substring(NoteFormat.SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    String name = space < 0 ? rest : rest.substring(0, space);
    if (space < 0 || !NoteFormat.isValidKeyName(name)) {
      throw malformed("signature line " + number + " must be a key name, a space and base64");
    }
    byte[] framed = NoteFormat.decodeCanonicalBase64(rest.substring(space + 1))
        .orElseThrow(() -> malformed("signature line " + number + " is not canonical base64"));
    if (framed.length < 5) {
      throw malformed("signature line " + number + " is shorter than a key ID and a signature");
    }
    int keyId = ByteBuffer.wrap(framed).getInt();
    return new SignatureLine(name, keyId, Arrays.copyOfRange(framed, 4, framed.length));
  }

  private static CheckpointException malformed(String message) {
    return new CheckpointException(Reason.MALFORMED_NOTE, message);
  }
}
