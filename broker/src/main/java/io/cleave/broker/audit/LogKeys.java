package io.cleave.broker.audit;

import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.config.LogSettings;
import io.cleave.broker.config.SecretFiles;
import io.cleave.transparency.CheckpointException;
import io.cleave.transparency.NoteSigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the log signing key, or generates and stores it on first start (file mode 600). */
final class LogKeys {
    private static final Logger LOG = LoggerFactory.getLogger(LogKeys.class);

    private LogKeys() {
    }

    static NoteSigningKey loadOrGenerate(LogSettings settings, BrokerConfig broker) {
        Path file = settings.signingKeyFile() != null ? settings.signingKeyFile()
                : broker.dataDir().resolve("log").resolve("log-signing.key");
        try {
            if (Files.exists(file)) {
                return NoteSigningKey.importSecretKeyText(Files.readString(file, StandardCharsets.UTF_8));
            }
            NoteSigningKey key = NoteSigningKey.generate(settings.origin() != null ? settings.origin() : defaultOrigin());
            SecretFiles.createOwnerOnly(file, key.exportSecretKeyText() + "\n");
            LOG.info("Generated the audit log signing key {} in {}", key.verifierKey(), file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the audit log signing key " + file, e);
        } catch (CheckpointException e) {
            throw new IllegalStateException("the audit log signing key in " + file + " is unusable: " + e.getMessage(), e);
        }
    }

    /** {@code cleave.broker/<host>}: names the log; a note key name allows no space or '+'. */
    static String defaultOrigin() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return "cleave.broker/" + host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    }
}
