package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.TcbVersion;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * The AMD extensions of a VCEK or VLEK certificate (KDS specification 57230, "VCEK Certificate
 * Extensions"): the product name and the TCB the key was derived for, plus the chip's hwID on a
 * VCEK. Security patch levels are DER INTEGERs inside the extension value; the product name is an
 * IA5String; the hwID is raw bytes (64 on Milan and Genoa, 8 on Turin).
 */
record EndorsementExtensions(String productName, TcbVersion tcb, Optional<byte[]> hwId) {
    private static final String AMD = "1.3.6.1.4.1.3704.1.";
    private static final ASN1ObjectIdentifier PRODUCT_NAME = new ASN1ObjectIdentifier(AMD + "2");
    private static final ASN1ObjectIdentifier BOOTLOADER_SPL = new ASN1ObjectIdentifier(AMD + "3.1");
    private static final ASN1ObjectIdentifier TEE_SPL = new ASN1ObjectIdentifier(AMD + "3.2");
    private static final ASN1ObjectIdentifier SNP_SPL = new ASN1ObjectIdentifier(AMD + "3.3");
    private static final ASN1ObjectIdentifier MICROCODE_SPL = new ASN1ObjectIdentifier(AMD + "3.8");
    private static final ASN1ObjectIdentifier FMC_SPL = new ASN1ObjectIdentifier(AMD + "3.9");
    private static final ASN1ObjectIdentifier HW_ID = new ASN1ObjectIdentifier(AMD + "4");

    /**
     * Reads the product from the product name ("Milan-B0" → Milan), then the TCB with that
     * product's components and, for a VCEK, the hwID of that product's length.
     */
    static EndorsementExtensions read(AmdCertificate cert, EndorsementKeyKind kind) throws AttestationException {
        if (!(cert.publicKey() instanceof ECPublicKey)) {
            throw malformed(kind + " key is not an ECDSA P-384 key");
        }
        Extensions extensions = cert.extensions();
        if (extensions == null) {
            throw malformed(kind + " has no extensions; AMD's TCB extensions are required");
        }
        String productName = productName(extensions, kind);
        SevSnpProduct product = product(productName, kind);
        TcbVersion tcb = new TcbVersion(
                spl(extensions, BOOTLOADER_SPL, "bootloader", kind),
                spl(extensions, TEE_SPL, "tee", kind),
                spl(extensions, SNP_SPL, "snp", kind),
                spl(extensions, MICROCODE_SPL, "microcode", kind),
                product.hasFmc() ? spl(extensions, FMC_SPL, "fmc", kind) : 0);
        Optional<byte[]> hwId = kind == EndorsementKeyKind.VCEK
                ? Optional.of(hwId(extensions, product))
                : Optional.empty();
        return new EndorsementExtensions(productName, tcb, hwId);
    }

    /** The product the product name names; {@link #read} has already refused unknown ones. */
    SevSnpProduct product() {
        return SevSnpProduct.fromName(productName.split("-", 2)[0]).orElseThrow();
    }

    /**
     * Checks that this key was derived for the report's REPORTED_TCB and, for a VCEK of a report
     * whose chip id is not masked, for the report's CHIP_ID.
     */
    void checkMatches(SevSnpReport report, EndorsementKeyKind kind) throws AttestationException {
        SevSnpProduct product = product();
        byte[] reportedTcbBytes = report.reportedTcb();
        if (!product.tcbReservedBytesZero(reportedTcbBytes)) {
            throw new AttestationException(Reason.MALFORMED_EVIDENCE,
                    "the report's reported TCB sets bytes that " + product.amdName() + " reserves");
        }
        TcbVersion reported = product.decodeTcb(reportedTcbBytes);
        if (!reported.equals(tcb)) {
            throw new AttestationException(Reason.TCB_MISMATCH, kind + " is for TCB (" + tcb
                    + ") but the report's reported TCB is (" + reported + ")");
        }
        if (hwId.isPresent() && !report.chipIdMasked()) {
            byte[] chipId = report.chipId();
            byte[] expected = Arrays.copyOf(hwId.get(), chipId.length);
            if (!MessageDigest.isEqual(expected, chipId)) {
                throw new AttestationException(Reason.CHIP_ID_MISMATCH,
                        "VCEK hwID does not match the report's CHIP_ID");
            }
        }
    }

    private static String productName(Extensions extensions, EndorsementKeyKind kind) throws AttestationException {
        ASN1Primitive value = value(extensions, PRODUCT_NAME, "product name", kind);
        if (!(value instanceof ASN1IA5String)) {
            throw malformed(kind + " product name extension is not an IA5String");
        }
        return ((ASN1IA5String) value).getString();
    }

    private static SevSnpProduct product(String productName, EndorsementKeyKind kind) throws AttestationException {
        return SevSnpProduct.fromName(productName.split("-", 2)[0]).orElseThrow(() -> new AttestationException(
                Reason.WRONG_PRODUCT, kind + " product name '" + productName
                        + "' is not a product this verifier supports (Milan, Genoa, Turin)"));
    }

    private static int spl(Extensions extensions, ASN1ObjectIdentifier oid, String name, EndorsementKeyKind kind)
            throws AttestationException {
        ASN1Primitive value = value(extensions, oid, name + " SPL", kind);
        if (!(value instanceof ASN1Integer)) {
            throw malformed(kind + " " + name + " SPL extension " + oid + " is not a DER INTEGER");
        }
        BigInteger spl = ((ASN1Integer) value).getValue();
        if (spl.signum() < 0 || spl.bitLength() > 8) {
            throw malformed(kind + " " + name + " SPL " + spl + " is outside 0..255");
        }
        return spl.intValueExact();
    }

    private static byte[] hwId(Extensions extensions, SevSnpProduct product) throws AttestationException {
        byte[] hwId = octets(extensions, HW_ID, "hwID", EndorsementKeyKind.VCEK);
        if (hwId.length != product.hwIdLength()) {
            throw malformed("VCEK hwID extension is " + hwId.length + " bytes; a " + product.amdName()
                    + " hwID is " + product.hwIdLength() + " bytes");
        }
        return hwId;
    }

    private static ASN1Primitive value(Extensions extensions, ASN1ObjectIdentifier oid, String name,
            EndorsementKeyKind kind) throws AttestationException {
        try {
            return ASN1Primitive.fromByteArray(octets(extensions, oid, name, kind));
        } catch (IOException | RuntimeException e) {
            throw new AttestationException(Reason.MALFORMED_CERTIFICATE,
                    kind + " " + name + " extension " + oid + " is not DER", e);
        }
    }

    private static byte[] octets(Extensions extensions, ASN1ObjectIdentifier oid, String name,
            EndorsementKeyKind kind) throws AttestationException {
        Extension extension = extensions.getExtension(oid);
        if (extension == null) {
            throw malformed(kind + " lacks the " + name + " extension " + oid);
        }
        return extension.getExtnValue().getOctets();
    }

    private static AttestationException malformed(String message) {
        return new AttestationException(Reason.MALFORMED_CERTIFICATE, message);
    }
}
