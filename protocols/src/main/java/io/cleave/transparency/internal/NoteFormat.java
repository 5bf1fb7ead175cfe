package io.cleave.transparency.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Shared rules of the C2SP signed-note format (c2sp.org/signed-note). */
public final class NoteFormat {

  /** Signature type byte of Ed25519 note signatures. */
  static final byte ALG_ED25519 = 0x01;
  /** Every signature line starts with an em dash (U+2014) and a space. */
  static final String SIGNATURE_PREFIX = "\u2014 ";

  private NoteFormat() {}

  /** Key names must be non-empty and contain neither Unicode spaces nor '+'. */
  static boolean isValidKeyName(String name) {
    return !name.isEmpty()
        && name.codePoints().noneMatch(c -> c == '+' || Character.isWhitespace(c)
            || Character.isSpaceChar(c) || c == 0x85 || c < 0x20);
  }

  /** key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian. */
  static int keyId(String name, byte[] typedPublicKey) {
    byte[] hash = Sha256.hash(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n'},
        typedPublicKey);
    return ByteBuffer.wrap(hash).getInt();
  }

  static String keyIdHex(int keyId) {
    return String.format("%08x", keyId);
  }

  /**
   * Decodes standard RFC 4648 §4 base64 only in its canonical form (padding present, unused
   * bits zero): otherwise two different strings would carry the same signature or key.
   */
  public static Optional<byte[]> decodeCanonicalBase64(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Base64.getEncoder().encodeToString(bytes).equals(text)
        ? Optional.of(bytes) : Optional.empty();
  }
}
