package io.cleave.attestation.result;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSProvider;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.Signer;
import io.cleave.crypto.Verifier;
import java.security.GeneralSecurityException;
import java.util.Set;

/**
 * Nimbus JWS signing and verification over Cleave's opaque key handles, so that no private key
 * leaves {@link io.cleave.crypto.SigningKeyPair}. ES256 only (RFC 7518 §3.4): the JWS carries the
 * raw 64-byte R‖S form, Cleave's ECDSA keys the DER form; both directions are transcoded here.
 */
final class CryptoJws {
    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;
    private static final int ES256_SIGNATURE_LENGTH = 64;

    private CryptoJws() {
    }

    static JWSSigner signer(Signer signer) {
        requireEs256(signer.algorithm());
        final class Es256Signer extends Es256 implements JWSSigner {
            @Override
            public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
                requireAlgorithm(header);
                try {
                    return Base64URL.encode(ECDSA.transcodeSignatureToConcat(signer.sign(signingInput),
                            ES256_SIGNATURE_LENGTH));
                } catch (GeneralSecurityException e) {
                    throw new JOSEException("signing the attestation result failed", e);
                }
            }
        }
        return new Es256Signer();
    }

    static JWSVerifier verifier(Verifier verifier) {
        requireEs256(verifier.algorithm());
        final class Es256Verifier extends Es256 implements JWSVerifier {
            @Override
            public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
                requireAlgorithm(header);
                byte[] concat = signature.decode();
                if (concat.length != ES256_SIGNATURE_LENGTH) {
                    return false;
                }
                try {
                    verifier.verify(ECDSA.transcodeSignatureToDER(concat), signingInput);
                    return true;
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }
        }
        return new Es256Verifier();
    }

    /** What Nimbus asks of every JWS provider: the one algorithm, and no JCA provider choice (keys are handles). */
    private abstract static class Es256 implements JWSProvider {
        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(ALGORITHM);
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }

    private static void requireEs256(SignatureAlgorithm algorithm) {
        if (algorithm != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new IllegalArgumentException("attestation results are signed with ECDSA P-256 (ES256), not " + algorithm);
        }
    }

    private static void requireAlgorithm(JWSHeader header) throws JOSEException {
        if (!ALGORITHM.equals(header.getAlgorithm())) {
            throw new JOSEException("attestation results use " + ALGORITHM + ", not " + header.getAlgorithm());
        }
    }
}
