package io.cleave.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts as broker only a server certificate issued directly by the federation root. PKIX alone
 * would also accept a leaf issued by any organisation CA (they chain to the same root), which
 * would let one member impersonate the broker to the others. Used on the client side only.
 */
final class RootIssuedServerTrust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final X509Certificate root;

    private RootIssuedServerTrust(X509ExtendedTrustManager pkix, X509Certificate root) {
        this.pkix = pkix;
        this.root = root;
    }

    static RootIssuedServerTrust of(Path rootPem) {
        try (InputStream in = Files.newInputStream(rootPem)) {
            X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("federation-root", root);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return new RootIssuedServerTrust(extended, root);
                }
            }
            throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the federation root from " + rootPem + ": " + e.getMessage(), e);
        }
    }

    private void requireIssuedByRoot(X509Certificate[] chain) throws CertificateException {
        try {
            chain[0].verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("server certificate '" + chain[0].getSubjectX500Principal()
                    + "' was not issued by the federation root itself: not the broker");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        pkix.checkServerTrusted(chain, authType, engine);
        requireIssuedByRoot(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
        requireIssuedByRoot(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        requireIssuedByRoot(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a control-plane client does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a control-plane client does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a control-plane client does not accept clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {root};
    }
}
