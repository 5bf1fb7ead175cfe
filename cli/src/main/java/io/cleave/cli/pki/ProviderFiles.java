package io.cleave.cli.pki;

import io.cleave.attestation.pki.PemFiles;
import io.cleave.attestation.pki.PkiException;
import io.cleave.crypto.SigningKeyPair;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A provider's TLS and channel identity as three PEM files in its directory: the ECDSA P-256 key
 * (owner-only), the chain [provider, organisation CA], and the federation root to trust. These are
 * the files {@code cleave.memory.tls.*} and {@code cleave.compute.tls.*} point to.
 */
public record ProviderFiles(Path key, Path chain, Path root) {
    public static final String KEY = "provider-key.pem";
    public static final String CHAIN = "provider-chain.pem";
    public static final String ROOT = "federation-root.pem";

    public static ProviderFiles in(Path dir) {
        return new ProviderFiles(dir.resolve(KEY), dir.resolve(CHAIN), dir.resolve(ROOT));
    }

    void write(SigningKeyPair privateKey, List<X509Certificate> chain, X509Certificate root) throws IOException {
        OrgDirectory.createPrivateDirectory(key.getParent());
        PemFiles.writePrivateKey(key, privateKey);
        writeChain(chain, root);
    }

    void writeChain(List<X509Certificate> certificates, X509Certificate federationRoot) throws IOException {
        PemFiles.writeCertificates(chain, certificates);
        PemFiles.writeCertificates(root, List.of(federationRoot));
    }

    X509Certificate certificate() throws IOException, PkiException {
        return PemFiles.readCertificates(chain).get(0);
    }
}
