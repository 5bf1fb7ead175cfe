package io.cleave.broker.pki;

import io.cleave.attestation.pki.FederationCa;
import io.cleave.attestation.pki.PemFiles;
import io.cleave.attestation.pki.PkiException;
import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.config.PkiConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The federation CA of this broker: created on first start and stored under
 * {@code <data-dir>/pki} (the key file owner-read/write only), loaded on every later start. A key
 * that does not match the stored root stops the broker rather than silently starting a new
 * federation.
 */
@Singleton
public final class FederationAuthority {
    static final String KEY_FILE = "federation-key.pem";
    static final String ROOT_FILE = "federation-root.pem";
    private static final Logger LOG = LoggerFactory.getLogger(FederationAuthority.class);

    private final FederationCa ca;

    FederationAuthority(BrokerConfig broker, PkiConfig pki, Clock clock) {
        Path dir = broker.dataDir().resolve("pki");
        try {
            this.ca = Files.exists(dir.resolve(KEY_FILE)) ? load(dir, clock) : create(dir, pki, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the federation CA under " + dir, e);
        }
    }

    public FederationCa ca() {
        return ca;
    }

    private static FederationCa load(Path dir, Clock clock) throws IOException {
        try {
            List<X509Certificate> root = PemFiles.readCertificates(dir.resolve(ROOT_FILE));
            return FederationCa.load(PemFiles.readPrivateKey(dir.resolve(KEY_FILE)), root.get(0), clock);
        } catch (PkiException e) {
            throw new IllegalStateException("stored federation CA under " + dir + " is unusable: " + e.getMessage(), e);
        }
    }

    private static FederationCa create(Path dir, PkiConfig pki, Clock clock) throws IOException {
        Files.createDirectories(dir);
        FederationCa ca = FederationCa.create(pki.federation(), pki.rootValidity(), clock);
        PemFiles.writePrivateKey(dir.resolve(KEY_FILE), ca.key());
        PemFiles.writeCertificates(dir.resolve(ROOT_FILE), List.of(ca.rootCertificate()));
        LOG.info("created federation CA '{}' under {}", ca.rootCertificate().getSubjectX500Principal(), dir);
        return ca;
    }
}
