package io.cleave.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The bearer tokens of {@code ./cleave login}: one JSON object mapping each broker URL to its token,
 * in a file readable by its owner only (mode 600; the folder 700). Writes replace the file
 * atomically, so a crash never leaves half a token file.
 */
public final class TokenStore {
    private final Path file;

    public TokenStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Optional<String> tokenFor(String brokerUrl) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode token = read().path(key(brokerUrl));
        return token.isTextual() ? Optional.of(token.asText()) : Optional.empty();
    }

    public void store(String brokerUrl, String token) {
        ObjectNode all = Files.exists(file) ? read() : BrokerClient.json().createObjectNode();
        all.put(key(brokerUrl), token);
        try {
            Path dir = file.toAbsolutePath().getParent();
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.exists(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Path temporary = posix ? Files.createTempFile(dir, ".token", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".token", ".tmp");
            Files.writeString(temporary, BrokerClient.json().writeValueAsString(all), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token file " + file, e);
        }
    }

    private ObjectNode read() {
        try {
            JsonNode node = BrokerClient.json().readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalStateException("the token file " + file + " is not a JSON object; delete it and "
                        + "sign in again");
            }
            return object;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** One entry per broker, however its URL was spelled (trailing slash or not). */
    private static String key(String brokerUrl) {
        return brokerUrl.endsWith("/") ? brokerUrl : brokerUrl + "/";
    }
}
