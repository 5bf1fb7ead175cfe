package io.cleave.transparency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.transparency.CheckpointException.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class NoteKeyTest {

  private static final GoNoteVectors GO = GoNoteVectors.load();

  @Test
  void importSecretKeyText_goSigningKey_derivesGoVerifierKeyAndExportsSameText()
      throws CheckpointException {
    NoteSigningKey key = NoteSigningKey.importSecretKeyText(GO.signingKey());
    assertEquals(GO.verifierKey(), key.verifierKey().encoded());
    assertEquals(GO.signingKey(), key.exportSecretKeyText());
    assertEquals("PeterNeumann", key.name());
  }

  @Test
  void parse_goVerifierKey_roundTrips() throws CheckpointException {
    NoteVerifierKey key = NoteVerifierKey.parse(GO.verifierKey() + "\n");
    assertEquals(GO.verifierKey(), key.encoded());
    assertEquals("PeterNeumann", key.name());
  }

  @Test
  void parse_everySubstringAndEveryIncrementedCharOfGoKey_isRefused() {
    assertEquals(List.of(), accepted(manglings(GO.verifierKey()), NoteVerifierKey::parse));
  }

  @Test
  void importSecretKeyText_everySubstringAndEveryIncrementedChar_isRefused() {
    assertEquals(List.of(), accepted(manglings(GO.signingKey()), NoteSigningKey::importSecretKeyText));
  }

  @Test
  void parse_goBadKeys_refusedWithReason() {
    assertRefused(Reason.MALFORMED_KEY, "verifier key is not canonical base64",
        () -> NoteVerifierKey.parse(GO.wrongLengthKeyWithAdjustedHash()));
    assertRefused(Reason.MALFORMED_KEY, "verifier key algorithm is not Ed25519 (0x01)",
        () -> NoteVerifierKey.parse(GO.unknownAlgorithmKeyWithAdjustedHash()));
    assertRefused(Reason.MALFORMED_KEY, "verifier key ID does not match its name and public key",
        () -> NoteVerifierKey.parse(GO.verifierKey().replace("c74f20a3", "c74f20a4")));
    assertRefused(Reason.MALFORMED_KEY, "verifier key must be <name>+<8 hex digits>+<base64 key>",
        () -> NoteVerifierKey.parse("Peter Neumann+c74f20a3+ARpc"));
    assertRefused(Reason.MALFORMED_KEY,
        "signing key ID does not match its name and public key",
        () -> NoteSigningKey.importSecretKeyText(GO.signingKey().replace("Peter", "Petra")));
  }

  @Test
  void generate_exportThenImport_sameKeyAndToStringHidesSecret() throws CheckpointException {
    NoteSigningKey key = NoteSigningKey.generate("cleave.example/audit");
    String secret = key.exportSecretKeyText();
    NoteSigningKey again = NoteSigningKey.importSecretKeyText(secret);
    assertEquals(key.verifierKey(), again.verifierKey());
    assertEquals(secret, again.exportSecretKeyText());
    String[] secretParts = secret.split("\\+", 5);
    String[] publicParts = key.verifierKey().encoded().split("\\+", 3);
    assertFalse(key.toString().contains(secretParts[4]));
    assertEquals("NoteSigningKey[" + publicParts[0] + "+" + publicParts[1] + "]", key.toString());
  }

  @Test
  void generate_invalidName_throws() {
    assertEquals("key name must be non-empty without spaces or '+', got \"a+b\"",
        assertThrows(IllegalArgumentException.class, () -> NoteSigningKey.generate("a+b"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> NoteSigningKey.generate("a b"));
    assertThrows(IllegalArgumentException.class, () -> NoteSigningKey.generate(""));
  }

  /** Go's TestNewVerifier manglings: every proper substring and every char incremented. */
  static List<String> manglings(String key) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i <= key.length(); i++) {
      for (int j = i + 1; j <= key.length(); j++) {
        if (i != 0 || j != key.length()) {
          out.add(key.substring(i, j));
        }
      }
    }
    for (int i = 0; i < key.length(); i++) {
      out.add(key.substring(0, i) + (char) (key.charAt(i) + 1) + key.substring(i + 1));
    }
    return out;
  }

  private interface KeyParser {
    Object parse(String text) throws CheckpointException;
  }

  private static List<String> accepted(List<String> candidates, KeyParser parser) {
    List<String> accepted = new ArrayList<>();
    for (String candidate : candidates) {
      try {
        parser.parse(candidate);
        accepted.add(candidate);
      } catch (CheckpointException e) {
        if (e.reason() != Reason.MALFORMED_KEY) {
          accepted.add(candidate + " (reason " + e.reason() + ")");
        }
      }
    }
    return accepted;
  }

  static void assertRefused(Reason reason, String message, Executable call) {
    CheckpointException e = assertThrows(CheckpointException.class, call);
    assertEquals(message, e.getMessage());
    assertEquals(reason, e.reason());
  }
}
