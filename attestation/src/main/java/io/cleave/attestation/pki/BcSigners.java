package io.cleave.attestation.pki;

import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.Signer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.RuntimeOperatorException;

/**
 * Bouncy Castle {@link ContentSigner} over an opaque {@link Signer}: certificates, CSRs and CRLs
 * are signed without the private key ever leaving its handle.
 */
final class BcSigners {
    private BcSigners() {
    }

    static ContentSigner of(Signer signer) {
        if (signer.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new IllegalArgumentException("federation PKI keys must be ECDSA P-256, got " + signer.algorithm());
        }
        AlgorithmIdentifier algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                try {
                    return signer.sign(buffer.toByteArray());
                } catch (GeneralSecurityException e) {
                    throw new RuntimeOperatorException("signing failed", e);
                }
            }
        };
    }
}
