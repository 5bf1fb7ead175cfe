package io.cleave.attestation.software;

import io.cleave.attestation.Measurement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The SHA-384 measurement of a development workload: its runtime artefacts (jars, binaries,
 * models) and its configuration. Deterministic whatever order entries are added in:
 * <pre>
 *   SHA-384( "cleave-software-measurement-v1" || 0x00
 *            || for each artefact, sorted by name:  'A' || str(name) || SHA-384(content)
 *            || for each setting, sorted by key:    'C' || str(key) || str(value) )
 *   str(s) = u32be(len(utf8(s))) || utf8(s)
 * </pre>
 * Length prefixes keep a name from running into its content or the next entry.
 */
public final class SoftwareMeasurement {
    private static final byte[] LABEL = "cleave-software-measurement-v1".getBytes(StandardCharsets.US_ASCII);

    private SoftwareMeasurement() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects artefacts and settings; not thread-safe. */
    public static final class Builder {
        private final Map<String, byte[]> artefactDigests = new TreeMap<>();
        private final Map<String, String> configuration = new TreeMap<>();

        private Builder() {
        }

        public Builder artefact(String name, byte[] content) {
            Objects.requireNonNull(content, "content");
            return putArtefact(name, sha384().digest(content));
        }

        /** Streams the file, so large artefacts need no memory. */
        public Builder artefact(String name, Path file) throws IOException {
            MessageDigest digest = sha384();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return putArtefact(name, digest.digest());
        }

        public Builder configuration(String key, String value) {
            Objects.requireNonNull(value, "value");
            if (configuration.putIfAbsent(checkedName("configuration key", key), value) != null) {
                throw new IllegalArgumentException("configuration key '" + key + "' is already set");
            }
            return this;
        }

        public Measurement build() {
            if (artefactDigests.isEmpty()) {
                throw new IllegalStateException("a software measurement needs at least one artefact");
            }
            MessageDigest digest = sha384();
            digest.update(LABEL);
            digest.update((byte) 0);
            artefactDigests.forEach((name, contentDigest) -> {
                digest.update((byte) 'A');
                putString(digest, name);
                digest.update(contentDigest);
            });
            configuration.forEach((key, value) -> {
                digest.update((byte) 'C');
                putString(digest, key);
                putString(digest, value);
            });
            return Measurement.of(digest.digest());
        }

        private Builder putArtefact(String name, byte[] contentDigest) {
            if (artefactDigests.putIfAbsent(checkedName("artefact name", name), contentDigest) != null) {
                throw new IllegalArgumentException("artefact '" + name + "' is already measured");
            }
            return this;
        }
    }

    private static String checkedName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return name;
    }

    private static void putString(MessageDigest digest, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
        digest.update(utf8);
    }

    private static MessageDigest sha384() {
        try {
            return MessageDigest.getInstance("SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-384", e);
        }
    }
}
