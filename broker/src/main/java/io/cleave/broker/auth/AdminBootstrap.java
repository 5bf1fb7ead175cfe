package io.cleave.broker.auth;

import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.config.SecretFiles;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the broker administrator {@value #ADMIN} exists at start. Its password comes from the
 * environment ({@code CLEAVE_ADMIN_PASSWORD}), else from the file named by
 * {@code cleave.broker.admin-password-file}; a configured password also replaces a different stored
 * one, so whoever controls the broker's environment can always recover the account. With neither,
 * the first start generates a password into {@code <data-dir>/admin-password} (mode 600) and logs
 * only that path; later starts leave the account alone.
 */
@Singleton
final class AdminBootstrap {
    static final String ADMIN = "admin";
    static final String GENERATED_FILE = "admin-password";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private final UserService users;
    private final BrokerConfig broker;
    private final String fromEnvironment;
    private final Path passwordFile;

    AdminBootstrap(UserService users, BrokerConfig broker,
            @Nullable @Property(name = "cleave.admin.password") String fromEnvironment,
            @Nullable @Property(name = "cleave.broker.admin-password-file") Path passwordFile) {
        this.users = users;
        this.broker = broker;
        this.fromEnvironment = fromEnvironment;
        this.passwordFile = passwordFile;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        char[] password = configuredPassword();
        try {
            if (password != null) {
                users.ensureBrokerAdmin(ADMIN, password);
                return;
            }
            Path generated = broker.dataDir().resolve(GENERATED_FILE);
            if (users.exists(ADMIN)) {
                return;
            }
            password = UserService.randomPassword();
            writeGenerated(generated, password);
            users.ensureBrokerAdmin(ADMIN, password);
            LOG.info("Created the broker administrator '{}'; its generated password is in {}", ADMIN,
                    generated.toAbsolutePath());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Nullable
    private char[] configuredPassword() {
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        if (passwordFile == null) {
            return null;
        }
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the administrator password file " + passwordFile
                    + " (cleave.broker.admin-password-file)", e);
        }
    }

    private static void writeGenerated(Path file, char[] password) {
        try {
            Files.deleteIfExists(file);
            SecretFiles.createOwnerOnly(file, new String(password) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated administrator password to " + file, e);
        }
    }
}
