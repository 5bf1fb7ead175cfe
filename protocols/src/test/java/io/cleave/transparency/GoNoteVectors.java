package io.cleave.transparency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Typed loader for the golang.org/x/mod/sumdb/note test strings in
 * {@code vectors/golang-mod-sumdb-note/} (provenance in its SOURCES.txt).
 */
record GoNoteVectors(
    String signingKey,
    String verifierKey,
    String otherVerifierKey,
    String text,
    String signatureLine,
    String otherSignatureLine,
    String wrongLengthKeyWithAdjustedHash,
    String unknownAlgorithmKeyWithAdjustedHash) {

  private static final String RESOURCE =
      "/vectors/golang-mod-sumdb-note/note_test_vectors.json";

  static GoNoteVectors load() {
    try (InputStream in = GoNoteVectors.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + RESOURCE);
      }
      return new ObjectMapper().readValue(in, GoNoteVectors.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The signed note of Go's TestSign: the text, a blank line and the signature line. */
  String signedNote() {
    return text + "\n" + signatureLine;
  }
}
