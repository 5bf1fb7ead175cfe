package io.cleave.broker.auth;

import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.config.SecretFiles;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that signs and checks the broker's own tokens (HMAC-SHA256, RFC 7518 §3.2): 256 random
 * bits generated on first start into {@code cleave.broker.token-signing-key-file} (default
 * {@code <data-dir>/auth/token-signing.key}, mode 600), so sessions survive a restart. Replicas of
 * one broker share the file. Deleting it signs everybody out.
 */
@Factory
final class TokenSigning {
    private static final int KEY_BYTES = 32;

    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration generator(BrokerConfig broker,
            @Nullable @Property(name = "cleave.broker.token-signing-key-file") Path keyFile) {
        Path file = keyFile != null ? keyFile : broker.dataDir().resolve("auth").resolve("token-signing.key");
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("generator");
        configuration.setSecret(loadOrGenerate(file));
        configuration.setBase64(true);
        return new SecretSignature(configuration);
    }

    private static String loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (Base64.getDecoder().decode(key).length < KEY_BYTES) {
                    throw new IllegalStateException("the token signing key in " + file + " is shorter than "
                            + KEY_BYTES + " bytes");
                }
                return key;
            }
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            String text = Base64.getEncoder().encodeToString(key);
            SecretFiles.createOwnerOnly(file, text + "\n");
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the token signing key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the token signing key in " + file + " is not base64", e);
        }
    }
}
