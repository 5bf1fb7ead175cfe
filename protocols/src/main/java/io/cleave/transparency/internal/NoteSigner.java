package io.cleave.transparency.internal;

import io.cleave.transparency.CheckpointException;
import io.cleave.transparency.CheckpointException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ed25519 note signing key. Its storage form is the one of golang.org/x/mod/sumdb/note,
 * {@code PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 || 32-byte seed)>}, so a key can be moved
 * between this code and Go tooling. Immutable and thread-safe.
 */
public final class NoteSigner {

  private static final String SECRET_PREFIX = "PRIVATE+KEY+";
  private static final Pattern SECRET_KEY =
      Pattern.compile("PRIVATE\\+KEY\\+([^+]*)\\+([0-9a-fA-F]{8})\\+(.*)");

  private final PrivateKey privateKey;
  private final NoteVerifier verifier;
  private final int keyId;

  private NoteSigner(PrivateKey privateKey, NoteVerifier verifier, int keyId) {
    this.privateKey = privateKey;
    this.verifier = verifier;
    this.keyId = keyId;
  }

  /** Generates a fresh key for {@code name}, which must be a valid note key name. */
  public static NoteSigner generate(String name) {
    if (!NoteFormat.isValidKeyName(name)) {
      throw new IllegalArgumentException(
          "key name must be non-empty without spaces or '+', got \"" + name + "\"");
    }
    KeyPair pair = Ed25519.generate();
    return fromSeed(name, Ed25519.seed(pair.getPrivate()));
  }

  /** Reads the storage form written by {@link #secretKeyText()}. */
  public static NoteSigner fromSecretKeyText(String text) throws CheckpointException {
    Matcher m = SECRET_KEY.matcher(text);
    if (!m.matches() || !NoteFormat.isValidKeyName(m.group(1))) {
      throw malformed("signing key must be PRIVATE+KEY+<name>+<8 hex digits>+<base64 key>");
    }
    byte[] typed = NoteFormat.decodeCanonicalBase64(m.group(3))
        .orElseThrow(() -> malformed("signing key is not canonical base64"));
    if (typed.length != 1 + Ed25519.KEY_SIZE || typed[0] != NoteFormat.ALG_ED25519) {
      throw malformed("signing key must be 0x01 followed by a 32-byte Ed25519 seed");
    }
    NoteSigner signer = fromSeed(m.group(1), Arrays.copyOfRange(typed, 1, typed.length));
    if (signer.keyId != Integer.parseUnsignedInt(m.group(2), 16)) {
      throw malformed("signing key ID does not match its name and public key");
    }
    return signer;
  }

  private static NoteSigner fromSeed(String name, byte[] seed) {
    byte[] typed = typed(Ed25519.publicKeyOfSeed(seed));
    int keyId = NoteFormat.keyId(name, typed);
    try {
      return new NoteSigner(Ed25519.privateKey(seed), NoteVerifier.of(name, keyId, typed), keyId);
    } catch (CheckpointException e) {
      throw new IllegalStateException("a public key derived from a seed must be valid", e);
    }
  }

  /** The secret storage form; whoever reads it can sign as this log. */
  public String secretKeyText() {
    byte[] typed = typed(Ed25519.seed(privateKey));
    return SECRET_PREFIX + verifier.name() + "+" + NoteFormat.keyIdHex(keyId) + "+"
        + Base64.getEncoder().encodeToString(typed);
  }

  public NoteVerifier verifier() {
    return verifier;
  }

  /** Signs {@code text} (non-empty lines, each ending in a newline) as a one-signature note. */
  public String sign(String text) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    byte[] signature = Ed25519.sign(privateKey, text.getBytes(StandardCharsets.UTF_8));
    byte[] framed = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
    return text + "\n" + NoteFormat.SIGNATURE_PREFIX + verifier.name() + " "
        + Base64.getEncoder().encodeToString(framed) + "\n";
  }

  private static byte[] typed(byte[] key) {
    byte[] typed = new byte[1 + key.length];
    typed[0] = NoteFormat.ALG_ED25519;
    System.arraycopy(key, 0, typed, 1, key.length);
    return typed;
  }

  private static CheckpointException malformed(String message) {
    return new CheckpointException(Reason.MALFORMED_KEY, message);
  }
}
