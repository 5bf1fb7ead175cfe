package io.cleave.transparency;

import static io.cleave.transparency.NoteKeyTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.transparency.CheckpointException.Reason;
import io.cleave.transparency.internal.NoteSigner;
import io.cleave.transparency.internal.NoteVerifier;
import io.cleave.transparency.internal.SignedNote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CheckpointVerifierTest {

  private static final GoNoteVectors GO = GoNoteVectors.load();
  private static final String ORIGIN = "cleave.example/audit";
  private static final String ROOT_B64 = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

  private static NoteSigningKey key;
  private static NoteVerifierKey verifierKey;
  private static String signed;

  @BeforeAll
  static void sign() {
    key = NoteSigningKey.generate(ORIGIN);
    verifierKey = key.verifierKey();
    signed = new CheckpointSigner(key).sign(checkpoint(20852163));
  }

  @Test
  void sign_goSigningKeyOverGoText_equalsGoSignedNoteExactly() throws CheckpointException {
    NoteSigner signer = NoteSigner.fromSecretKeyText(GO.signingKey());
    assertEquals(GO.signedNote(), signer.sign(GO.text()));
  }

  @Test
  void open_goNoteWithOtherSignature_verifiesForEitherKeyAndIgnoresTheOther()
      throws CheckpointException {
    String note = GO.text() + "\n" + GO.signatureLine() + GO.otherSignatureLine();
    assertEquals(GO.text(), SignedNote.open(note, NoteVerifier.parse(GO.verifierKey())));
    assertEquals(GO.text(), SignedNote.open(note, NoteVerifier.parse(GO.otherVerifierKey())));
    assertRefused(Reason.UNKNOWN_KEY, "note has no signature by key EnochRoot+af0cfe78",
        () -> SignedNote.open(GO.signedNote(), NoteVerifier.parse(GO.otherVerifierKey())));
  }

  @Test
  void verify_goNote_signatureVerifiesThenBodyIsNotACheckpoint() throws CheckpointException {
    NoteVerifierKey goKey = NoteVerifierKey.parse(GO.verifierKey());
    assertRefused(Reason.MALFORMED_CHECKPOINT, "checkpoint body must have at least 3 lines, got 2",
        () -> CheckpointVerifier.verify(GO.signedNote(), goKey));
  }

  @Test
  void verify_goBadMessages_refusedAsMalformedNote() throws CheckpointException {
    NoteVerifierKey goKey = NoteVerifierKey.parse(GO.verifierKey());
    String text = GO.text();
    String sig = GO.signatureLine();
    String endMessage = "note must end with signature lines, each ending in a newline";
    assertRefused(Reason.MALFORMED_NOTE, "note has no blank line before its signatures",
        () -> CheckpointVerifier.verify(text, goKey));
    assertRefused(Reason.MALFORMED_NOTE, endMessage,
        () -> CheckpointVerifier.verify(text + "\n", goKey));
    assertRefused(Reason.MALFORMED_NOTE, endMessage,
        () -> CheckpointVerifier.verify(text + "\n" + sig.substring(0, sig.length() - 1), goKey));
    assertRefused(Reason.MALFORMED_NOTE, "note contains control character U+0001 at offset 0",
        () -> CheckpointVerifier.verify("\u0001" + GO.signedNote(), goKey));
    byte[] invalidUtf8 = ("\u0000" + GO.signedNote()).getBytes(StandardCharsets.UTF_8);
    invalidUtf8[0] = (byte) 0xff;
    assertRefused(Reason.MALFORMED_NOTE, "note is not valid UTF-8",
        () -> CheckpointVerifier.verify(invalidUtf8, goKey));
    assertRefused(Reason.MALFORMED_NOTE, endMessage, () -> CheckpointVerifier.verify(
        text + "\n" + sig.replace("PeterNeumann", "Bad Name").strip(), goKey));
    assertRefused(Reason.MALFORMED_NOTE, "signature line 1 is not canonical base64",
        () -> CheckpointVerifier.verify(
            text + "\n" + sig.replace("PeterNeumann", "Bad Name"), goKey));
    assertRefused(Reason.MALFORMED_NOTE,
        "signature line 1 must be a key name, a space and base64", () -> CheckpointVerifier.verify(
            text + "\n" + sig.replace("PeterNeumann", "Peter+Neumann"), goKey));
    assertRefused(Reason.MALFORMED_NOTE,
        "signature line 2 does not start with an em dash and a space",
        () -> CheckpointVerifier.verify(GO.signedNote() + "Unexpected line.\n", goKey));
    assertRefused(Reason.MALFORMED_NOTE, "note has more than 100 signatures",
        () -> CheckpointVerifier.verify(text + "\n" + sig.repeat(101), goKey));
  }

  @Test
  void verify_goSignatureWithInsertedBase64_badSignature() throws CheckpointException {
    NoteVerifierKey goKey = NoteVerifierKey.parse(GO.verifierKey());
    String sig = GO.signatureLine();
    int inside = sig.indexOf(' ', 2) + 40;
    assertRefused(Reason.BAD_SIGNATURE, "invalid signature for key PeterNeumann+c74f20a3",
        () -> CheckpointVerifier.verify(GO.text() + "\n" + sig.substring(0, inside) + "ABCD"
            + sig.substring(inside), goKey));
  }

  @Test
  void verify_signedCheckpoint_returnsItAndBodyIsTheC2spFormat() throws CheckpointException {
    assertEquals(checkpoint(20852163), CheckpointVerifier.verify(signed, verifierKey));
    assertEquals(ORIGIN + "\n20852163\n" + ROOT_B64 + "\n", checkpoint(20852163).body());
    assertEquals(checkpoint(20852163), CheckpointVerifier.verify(
        signed.getBytes(StandardCharsets.UTF_8), verifierKey));
  }

  @Test
  void verify_checkpointWithExtensionLinesAndWitnessSignature_keepsLinesIgnoresWitness()
      throws CheckpointException {
    Checkpoint withExtensions = new Checkpoint(ORIGIN, 0, Rfc6962.emptyRoot(), List.of("ext one"));
    String note = new CheckpointSigner(key).sign(withExtensions);
    String witnessed = note + NoteSigner.generate("witness.example").sign(withExtensions.body())
        .substring(withExtensions.body().length() + 1);
    assertEquals(withExtensions, CheckpointVerifier.verify(witnessed, verifierKey));
  }

  @Test
  void verify_malformedBodies_refusedWithPreciseReason() {
    assertBody("checkpoint tree size \"12a\" is not a decimal number without leading zeros",
        ORIGIN + "\n12a\n" + ROOT_B64 + "\n");
    assertBody("checkpoint tree size \"012\" is not a decimal number without leading zeros",
        ORIGIN + "\n012\n" + ROOT_B64 + "\n");
    assertBody("checkpoint tree size \"-1\" is not a decimal number without leading zeros",
        ORIGIN + "\n-1\n" + ROOT_B64 + "\n");
    assertBody("checkpoint tree size 9223372036854775808 is larger than 2^63-1",
        ORIGIN + "\n9223372036854775808\n" + ROOT_B64 + "\n");
    assertBody("checkpoint root hash must be 32 bytes, got 31",
        ORIGIN + "\n1\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n");
    assertBody("checkpoint root hash is not canonical base64",
        ORIGIN + "\n1\n" + ROOT_B64.replace("=", "") + "\n");
    assertBody("checkpoint root hash is not canonical base64", ORIGIN + "\n1\nnot base64!\n");
    assertBody("checkpoint body must have at least 3 lines, got 2", ORIGIN + "\n1\n");
    assertBody("checkpoint line 4 is empty", ORIGIN + "\n1\n" + ROOT_B64 + "\n\next\n");
    assertBody("checkpoint line 1 is empty", "\n1\n" + ROOT_B64 + "\n");
  }

  @Test
  void verify_originNotKeyName_wrongOrigin() {
    String note = key.signer().sign("other.example/log\n1\n" + ROOT_B64 + "\n");
    assertRefused(Reason.WRONG_ORIGIN,
        "checkpoint origin \"other.example/log\" is not the log key name \"" + ORIGIN + "\"",
        () -> CheckpointVerifier.verify(note, verifierKey));
    assertThrows(IllegalArgumentException.class, () -> new CheckpointSigner(key)
        .sign(new Checkpoint("other.example/log", 1, Rfc6962.emptyRoot())));
  }

  @Test
  void verify_otherKeyWithSameName_unknownKey() {
    NoteVerifierKey impostor = NoteSigningKey.generate(ORIGIN).verifierKey();
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> CheckpointVerifier.verify(signed, impostor));
    assertEquals(Reason.UNKNOWN_KEY, e.reason());
  }

  @Test
  void verify_everyCharOfSignatureLineChangedOrDeleted_refused() {
    int start = signed.indexOf("\n\n") + 2;
    List<String> mutants = new ArrayList<>();
    for (int i = start; i < signed.length(); i++) {
      mutants.add(replaceAt(signed, i, (char) (signed.charAt(i) + 1)));
      mutants.add(replaceAt(signed, i, (char) (signed.charAt(i) ^ 0x20)));
      mutants.add(signed.substring(0, i) + signed.substring(i + 1));
    }
    assertEquals(List.of(), accepted(mutants));
  }

  @Test
  void verify_everyCharOfBodyChangedDeletedOrLinesMoved_refused() {
    int bodyEnd = signed.indexOf("\n\n") + 1;
    List<String> mutants = new ArrayList<>();
    for (int i = 0; i < bodyEnd; i++) {
      mutants.add(replaceAt(signed, i, (char) (signed.charAt(i) + 1)));
      mutants.add(signed.substring(0, i) + signed.substring(i + 1));
      mutants.add(signed.substring(0, i) + "x" + signed.substring(i));
    }
    String[] lines = signed.substring(0, bodyEnd).split("\n");
    String signature = signed.substring(bodyEnd);
    mutants.add(lines[1] + "\n" + lines[0] + "\n" + lines[2] + "\n" + signature);
    mutants.add(lines[0] + "\n" + lines[2] + "\n" + lines[1] + "\n" + signature);
    mutants.add(lines[0] + "\n" + lines[1] + "\n" + signature);
    mutants.add(lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\nextension\n" + signature);
    assertEquals(List.of(), accepted(mutants));
  }

  @Test
  void verify_truncatedAtEveryLengthOrExtended_refused() {
    List<String> mutants = new ArrayList<>();
    for (int length = 0; length < signed.length(); length++) {
      mutants.add(signed.substring(0, length));
    }
    mutants.add(signed + "x");
    mutants.add(signed + "\n");
    mutants.add(signed + signed);
    assertEquals(List.of(), accepted(mutants));
  }

  private static Checkpoint checkpoint(long size) {
    return new Checkpoint(ORIGIN, size, Base64.getDecoder().decode(ROOT_B64));
  }

  private static void assertBody(String message, String body) {
    assertRefused(Reason.MALFORMED_CHECKPOINT, message,
        () -> CheckpointVerifier.verify(key.signer().sign(body), verifierKey));
  }

  private static String replaceAt(String s, int i, char c) {
    return s.substring(0, i) + c + s.substring(i + 1);
  }

  private static List<String> accepted(List<String> mutants) {
    List<String> accepted = new ArrayList<>();
    for (String mutant : mutants) {
      try {
        CheckpointVerifier.verify(mutant, verifierKey);
        accepted.add(mutant);
      } catch (CheckpointException expected) {
        // refused, as it must be
      }
    }
    return accepted;
  }
}
