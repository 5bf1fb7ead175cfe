package io.cleave.attestation.pki;

import io.cleave.crypto.SignaturePublicKey;
import io.cleave.crypto.Signer;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;

/**
 * Revoked serials of one CA, published as short-lived signed CRLs. Short CRL validity is what
 * makes revocation reach every party quickly: validators refuse a chain whose issuer has no
 * current CRL. Held in memory; the owner replays its stored revocations at startup.
 * Thread-safe.
 */
final class RevocationList {
    private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
    private final AtomicLong crlNumber = new AtomicLong();

    void revoke(BigInteger serial, Instant at) {
        revoked.putIfAbsent(serial, at);
    }

    X509CRL sign(X500Name issuer, Signer signer, SignaturePublicKey issuerKey, Instant now, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("CRL validity must be positive, got " + validity);
        }
        // Backdated like certificates: a CRL made during validation (or by a peer whose clock runs a
        // little ahead) must already be current at the validator's "now".
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(now.minus(Certificates.CLOCK_SKEW)));
        builder.setNextUpdate(Date.from(now.plus(validity)));
        revoked.forEach((serial, at) -> builder.addCRLEntry(serial, Date.from(at), CRLReason.privilegeWithdrawn));
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber.incrementAndGet())));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new BcX509ExtensionUtils()
                    .createAuthorityKeyIdentifier(SubjectPublicKeyInfo.getInstance(issuerKey.encoded())));
            return new JcaX509CRLConverter().getCRL(builder.build(BcSigners.of(signer)));
        } catch (CertIOException | CRLException e) {
            throw new IllegalStateException("cannot build CRL for " + issuer, e);
        }
    }
}
