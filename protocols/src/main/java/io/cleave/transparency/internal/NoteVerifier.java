package io.cleave.transparency.internal;

import io.cleave.transparency.CheckpointException;
import io.cleave.transparency.CheckpointException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ed25519 note verifier key, {@code <name>+<key ID hex>+<base64(0x01 || public key)>} as
 * golang.org/x/mod/sumdb/note encodes it. Immutable and thread-safe.
 */
public final class NoteVerifier {

  private static final Pattern VERIFIER_KEY = Pattern.compile("([^+]*)\\+([0-9a-fA-F]{8})\\+(.*)");

  private final String name;
  private final int keyId;
  private final byte[] typedPublicKey;
  private final PublicKey publicKey;

  private NoteVerifier(String name, int keyId, byte[] typedPublicKey, PublicKey publicKey) {
    this.name = name;
    this.keyId = keyId;
    this.typedPublicKey = typedPublicKey;
    this.publicKey = publicKey;
  }

  /** Parses and checks an encoded verifier key. */
  public static NoteVerifier parse(String encoded) throws CheckpointException {
    Matcher m = VERIFIER_KEY.matcher(encoded);
    if (!m.matches() || !NoteFormat.isValidKeyName(m.group(1))) {
      throw malformed("verifier key must be <name>+<8 hex digits>+<base64 key>");
    }
    byte[] typed = NoteFormat.decodeCanonicalBase64(m.group(3))
        .orElseThrow(() -> malformed("verifier key is not canonical base64"));
    return of(m.group(1), Integer.parseUnsignedInt(m.group(2), 16), typed);
  }

  static NoteVerifier of(String name, int claimedKeyId, byte[] typed) throws CheckpointException {
    if (typed.length == 0 || typed[0] != NoteFormat.ALG_ED25519) {
      throw malformed("verifier key algorithm is not Ed25519 (0x01)");
    }
    if (typed.length != 1 + Ed25519.KEY_SIZE) {
      throw malformed("verifier key must hold 32 Ed25519 public-key bytes, got " + (typed.length - 1));
    }
    if (claimedKeyId != NoteFormat.keyId(name, typed)) {
      throw malformed("verifier key ID does not match its name and public key");
    }
    try {
      PublicKey key = Ed25519.publicKey(Arrays.copyOfRange(typed, 1, typed.length));
      return new NoteVerifier(name, claimedKeyId, typed.clone(), key);
    } catch (GeneralSecurityException e) {
      throw malformed("verifier key is not a valid Ed25519 public key");
    }
  }

  public String name() {
    return name;
  }

  /** The encoded key, {@code <name>+<key ID hex>+<base64>}. */
  public String encoded() {
    return name + "+" + NoteFormat.keyIdHex(keyId) + "+"
        + Base64.getEncoder().encodeToString(typedPublicKey);
  }

  /** {@code <name>+<key ID hex>}, how messages name this key. */
  public String label() {
    return name + "+" + NoteFormat.keyIdHex(keyId);
  }

  boolean matches(String signatureName, int signatureKeyId) {
    return name.equals(signatureName) && keyId == signatureKeyId;
  }

  boolean verify(String text, byte[] signature) {
    return Ed25519.verify(publicKey, text.getBytes(StandardCharsets.UTF_8), signature);
  }

  private static CheckpointException malformed(String message) {
    return new CheckpointException(Reason.MALFORMED_KEY, message);
  }
}
