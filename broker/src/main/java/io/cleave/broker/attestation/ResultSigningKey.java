package io.cleave.broker.attestation;

import io.cleave.attestation.pki.PemFiles;
import io.cleave.attestation.pki.PkiException;
import io.cleave.broker.config.AttestationConfig;
import io.cleave.broker.config.BrokerConfig;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the key that signs attestation results, or generates and stores it on first start (mode 600). */
final class ResultSigningKey {
    private static final Logger LOG = LoggerFactory.getLogger(ResultSigningKey.class);

    private ResultSigningKey() {
    }

    static SigningKeyPair loadOrGenerate(AttestationConfig config, BrokerConfig broker) {
        Path file = config.signingKeyFile() != null ? config.signingKeyFile()
                : broker.dataDir().resolve("attestation").resolve("result-signing.key");
        try {
            if (Files.exists(file)) {
                SigningKeyPair key = PemFiles.readPrivateKey(file);
                if (key.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
                    throw new IllegalStateException("the attestation result key in " + file + " is " + key.algorithm()
                            + "; results are signed with ECDSA P-256");
                }
                return key;
            }
            SigningKeyPair key = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
            Files.createDirectories(file.toAbsolutePath().getParent());
            PemFiles.writePrivateKey(file, key);
            LOG.info("Generated the attestation result signing key in {}", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the attestation result key " + file, e);
        } catch (PkiException e) {
            throw new IllegalStateException("the attestation result key in " + file + " is unusable: " + e.getMessage(), e);
        }
    }
}
