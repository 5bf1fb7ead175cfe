package io.cleave.attestation.pki;

import io.cleave.channel.LocalIdentity;
import io.cleave.channel.PeerVerifier;
import io.cleave.controlplane.ControlPlaneTls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A provider's certified identity on the sealed data plane, from the same files as its
 * control-plane TLS ({@code cleave provider cert issue}): its key signs handshake transcripts, its
 * chain [provider, organisation CA] is what the peer validates, and the federation root anchors
 * the peer's chain. Thread-safe and immutable; the key stays inside the signer handle.
 */
public final class ProviderCredentials {
    private final LocalIdentity local;
    private final X509Certificate root;

    private ProviderCredentials(LocalIdentity local, X509Certificate root) {
        this.local = local;
        this.root = root;
    }

    /** @throws IllegalStateException naming the file that is missing or does not hold what it must */
    public static ProviderCredentials load(ControlPlaneTls files) {
        files.requireReadable();
        try {
            List<X509Certificate> chain = PemFiles.readCertificates(files.chain());
            List<X509Certificate> roots = PemFiles.readCertificates(files.root());
            if (roots.size() != 1) {
                throw new IllegalStateException(files.root() + " must hold exactly the federation root certificate, found "
                        + roots.size());
            }
            LocalIdentity local = new LocalIdentity(Certificates.encodeChain(chain),
                    PemFiles.readPrivateKey(files.key()).signer());
            return new ProviderCredentials(local, roots.get(0));
        } catch (IOException | PkiException e) {
            throw new IllegalStateException("cannot load the provider's certificate files: " + e.getMessage(), e);
        }
    }

    public LocalIdentity localIdentity() {
        return local;
    }

    /**
     * A verifier that validates each peer chain at the clock's time against the CRLs {@code derCrls}
     * supplies at that moment (fetched from the broker on every handshake, so a revocation holds
     * from the next handshake on). A CRL that does not parse is left out, so its issuer's chains
     * fail closed as "revocation status unknown".
     */
    public PeerVerifier verifier(Clock clock, Supplier<List<byte[]>> derCrls) {
        Objects.requireNonNull(derCrls, "derCrls");
        return new PkiPeerVerifier(new ChainValidator(root, clock, () -> decodeCrls(derCrls.get())));
    }

    private static List<X509CRL> decodeCrls(List<byte[]> encoded) {
        List<X509CRL> crls = new ArrayList<>();
        for (byte[] der : encoded) {
            try {
                crls.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der)));
            } catch (CRLException | CertificateException | ClassCastException e) {
                // Left out: chains of its issuer then fail closed, which is the safe reading of a bad CRL.
            }
        }
        return crls;
    }
}
