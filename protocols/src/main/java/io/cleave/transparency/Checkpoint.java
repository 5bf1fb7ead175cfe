package io.cleave.transparency;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A log's tree head in the C2SP tlog-checkpoint format (c2sp.org/tlog-checkpoint): the origin
 * that names the log, the number of leaves, the RFC 9162 root hash, and optional opaque
 * extension lines (not recommended by the spec; this project writes none).
 *
 * @param origin non-empty, without control characters; should equal the log key's name
 * @param size number of leaves, at least 0
 * @param rootHash the 32-byte root hash (copied in and out)
 * @param extensionLines non-empty lines without control characters
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensionLines) {

  public Checkpoint {
    requireLine("origin", origin);
    if (size < 0) {
      throw new IllegalArgumentException("checkpoint size must be at least 0, got " + size);
    }
    rootHash = Rfc6962.requireHash("checkpoint root", rootHash).clone();
    extensionLines = List.copyOf(extensionLines);
    extensionLines.forEach(line -> requireLine("extension line", line));
  }

  /** A checkpoint without extension lines. */
  public Checkpoint(String origin, long size, byte[] rootHash) {
    this(origin, size, rootHash, List.of());
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The note text: origin, decimal size, base64 root, extension lines, each ending in "\n". */
  public String body() {
    StringBuilder text = new StringBuilder()
        .append(origin).append('\n')
        .append(size).append('\n')
        .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
    extensionLines.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint other && origin.equals(other.origin) && size == other.size
        && Arrays.equals(rootHash, other.rootHash) && extensionLines.equals(other.extensionLines);
  }

  @Override
  public int hashCode() {
    return (origin.hashCode() * 31 + Long.hashCode(size)) * 31 + Arrays.hashCode(rootHash);
  }

  @Override
  public String toString() {
    return "Checkpoint[origin=" + origin + ", size=" + size + ", rootHash="
        + HexFormat.of().formatHex(rootHash) + ", extensionLines=" + extensionLines.size() + "]";
  }

  private static void requireLine(String what, String line) {
    if (line.isEmpty()) {
      throw new IllegalArgumentException("checkpoint " + what + " must not be empty");
    }
    if (line.chars().anyMatch(c -> c < 0x20)) {
      throw new IllegalArgumentException(
          "checkpoint " + what + " must not contain control characters or newlines");
    }
  }
}
