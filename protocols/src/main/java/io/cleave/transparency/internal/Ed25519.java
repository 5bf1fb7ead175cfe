package io.cleave.transparency.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * RFC 8032 Ed25519 through the JDK provider, on raw 32-byte keys as the note format encodes
 * them. Only deriving a public key from a stored seed uses Bouncy Castle: the JDK has no API
 * for it.
 */
final class Ed25519 {

  static final int KEY_SIZE = 32;
  /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), before the raw key. */
  private static final byte[] SPKI_PREFIX = {
      0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private Ed25519() {}

  static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK must provide Ed25519", e);
    }
  }

  static byte[] seed(PrivateKey key) {
    return ((EdECPrivateKey) key).getBytes()
        .orElseThrow(() -> new IllegalStateException("Ed25519 private key is not extractable"));
  }

  static PrivateKey privateKey(byte[] seed) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK must accept a 32-byte Ed25519 seed", e);
    }
  }

  static byte[] publicKeyOfSeed(byte[] seed) {
    return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
  }

  static byte[] rawPublicKey(PublicKey key) {
    byte[] spki = key.getEncoded();
    return Arrays.copyOfRange(spki, spki.length - KEY_SIZE, spki.length);
  }

  /** Decodes a raw public key; throws if the JDK cannot decode it as a curve point. */
  static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_SIZE);
    System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, KEY_SIZE);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }

  static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** Returns whether {@code sig} is a valid signature; malformed signatures are just invalid. */
  static boolean verify(PublicKey key, byte[] message, byte[] sig) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
