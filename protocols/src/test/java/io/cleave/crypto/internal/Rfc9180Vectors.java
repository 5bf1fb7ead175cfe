package io.cleave.crypto.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Typed loader for the CFRG RFC 9180 test-vectors.json (vectors/circl, see SOURCES.txt). */
final class Rfc9180Vectors {
    static final String RESOURCE = "/vectors/circl/hpke/testdata/vectors_rfc9180_5f503c5.json.gz";

    record Encryption(byte[] aad, byte[] ciphertext, byte[] plaintext) {
    }

    record Export(byte[] context, int length, byte[] value) {
    }

    record Vector(int index, int mode, int kemId, int kdfId, int aeadId, byte[] info, byte[] ikmR, byte[] ikmE,
            byte[] ikmS, byte[] pkRm, byte[] skRm, byte[] pkSm, byte[] enc, byte[] psk, byte[] pskId,
            List<Encryption> encryptions, List<Export> exports) {
        String id() {
            return "#" + index + " mode=" + mode + " kem=0x" + Integer.toHexString(kemId) + " kdf=" + kdfId
                    + " aead=0x" + Integer.toHexString(aeadId);
        }
    }

    private Rfc9180Vectors() {
    }

    static List<Vector> load() {
        try (InputStream in = new GZIPInputStream(Rfc9180Vectors.class.getResourceAsStream(RESOURCE))) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Vector> vectors = new ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                vectors.add(vector(i, root.get(i)));
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Vector vector(int index, JsonNode v) {
        List<Encryption> encryptions = new ArrayList<>();
        v.path("encryptions").forEach(e -> encryptions.add(new Encryption(hex(e, "aad"), hex(e, "ct"), hex(e, "pt"))));
        List<Export> exports = new ArrayList<>();
        v.path("exports").forEach(e -> exports.add(
                new Export(hex(e, "exporter_context"), e.get("L").asInt(), hex(e, "exported_value"))));
        return new Vector(index, v.get("mode").asInt(), v.get("kem_id").asInt(), v.get("kdf_id").asInt(),
                v.get("aead_id").asInt(), hex(v, "info"), hex(v, "ikmR"), hex(v, "ikmE"), hex(v, "ikmS"),
                hex(v, "pkRm"), hex(v, "skRm"), hex(v, "pkSm"), hex(v, "enc"), hex(v, "psk"), hex(v, "psk_id"),
                encryptions, exports);
    }

    /** Absent fields (ikmS outside auth modes, psk outside psk modes) read as null. */
    private static byte[] hex(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : HexFormat.of().parseHex(value.asText());
    }
}
