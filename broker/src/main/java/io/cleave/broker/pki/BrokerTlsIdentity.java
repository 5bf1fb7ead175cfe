package io.cleave.broker.pki;

import io.cleave.attestation.pki.PemFiles;
import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.config.ControlPlaneConfig;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * The broker's TLS server identity for the control plane: a fresh ECDSA P-256 key at every start,
 * certified by the federation root directly (providers accept nothing else as broker), written as
 * PEM files under {@code <data-dir>/pki} for the TLS stack to read. The key file is owner-only.
 */
@Singleton
public final class BrokerTlsIdentity {
    /** Restart the broker within this time; a longer-lived broker key would only widen exposure. */
    static final Duration VALIDITY = Duration.ofDays(30);
    private final Path key;
    private final Path chain;
    private final Path root;
    private final X509Certificate certificate;

    BrokerTlsIdentity(FederationAuthority authority, BrokerConfig broker, ControlPlaneConfig config) {
        Path dir = broker.dataDir().resolve("pki");
        this.key = dir.resolve("control-plane-key.pem");
        this.chain = dir.resolve("control-plane-chain.pem");
        this.root = dir.resolve(FederationAuthority.ROOT_FILE);
        SigningKeyPair pair = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        this.certificate = authority.ca().issueBrokerCertificate(pair.publicKey(), config.hostnames(), VALIDITY);
        try {
            PemFiles.writePrivateKey(key, pair);
            PemFiles.writeCertificates(chain, List.of(certificate));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the control-plane TLS identity under " + dir, e);
        }
    }

    public Path key() {
        return key;
    }

    public Path chain() {
        return chain;
    }

    /** The federation root: the only trust anchor for client certificates. */
    public Path root() {
        return root;
    }

    public X509Certificate certificate() {
        return certificate;
    }
}
