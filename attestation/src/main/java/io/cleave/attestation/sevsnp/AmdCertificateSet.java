package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The certificates that came with a report, sorted into roles by subject common name as AMD's KDS
 * names them: {@code SEV-VCEK}, {@code SEV-VLEK}, {@code SEV-<Product>} (ASK),
 * {@code SEV-VLEK-<Product>} (ASVK) and {@code ARK-<Product>}. Roles are only labels here; every
 * certificate is still verified by signature before it counts for anything.
 */
final class AmdCertificateSet {
    /** A role and, for AMD CA certificates, the product it serves. */
    record Role(String name, Optional<SevSnpProduct> product) {
        static final Role VCEK = new Role("VCEK", Optional.empty());
        static final Role VLEK = new Role("VLEK", Optional.empty());
    }

    private final Map<Role, AmdCertificate> byRole;

    private AmdCertificateSet(Map<Role, AmdCertificate> byRole) {
        this.byRole = byRole;
    }

    static AmdCertificateSet of(List<byte[]> certificates) throws AttestationException {
        Map<Role, AmdCertificate> byRole = new LinkedHashMap<>();
        for (byte[] der : certificates) {
            AmdCertificate cert = AmdCertificate.parse(der);
            Role role = roleOf(cert.commonName());
            AmdCertificate previous = byRole.putIfAbsent(role, cert);
            if (previous != null && !Arrays.equals(previous.der(), cert.der())) {
                throw new AttestationException(Reason.MALFORMED_CERTIFICATE,
                        "two different " + describe(role) + " certificates were given");
            }
        }
        return new AmdCertificateSet(byRole);
    }

    static Role roleOf(String cn) throws AttestationException {
        if (cn.equals(EndorsementKeyKind.VCEK.subjectCommonName())) {
            return Role.VCEK;
        }
        if (cn.equals(EndorsementKeyKind.VLEK.subjectCommonName())) {
            return Role.VLEK;
        }
        for (String[] prefix : new String[][] {{"ARK-", "ARK"}, {"SEV-VLEK-", "ASVK"}, {"SEV-", "ASK"}}) {
            if (cn.startsWith(prefix[0])) {
                String productName = cn.substring(prefix[0].length());
                SevSnpProduct product = SevSnpProduct.fromName(productName)
                        .filter(p -> p.amdName().equals(productName))
                        .orElseThrow(() -> new AttestationException(Reason.WRONG_PRODUCT, "certificate '" + cn
                                + "' is for a product this verifier does not support (Milan, Genoa, Turin)"));
                return new Role(prefix[1], Optional.of(product));
            }
        }
        throw new AttestationException(Reason.MALFORMED_CERTIFICATE,
                "certificate with subject CN '" + cn + "' is not part of the AMD SEV-SNP hierarchy");
    }

    static String describe(Role role) {
        return role.product().map(p -> role.name() + " (" + p.amdName() + ")").orElse(role.name());
    }

    Optional<AmdCertificate> endorsement(EndorsementKeyKind kind) {
        return Optional.ofNullable(byRole.get(kind == EndorsementKeyKind.VCEK ? Role.VCEK : Role.VLEK));
    }

    Optional<AmdCertificate> get(String roleName, SevSnpProduct product) {
        return Optional.ofNullable(byRole.get(new Role(roleName, Optional.of(product))));
    }

    /** The AMD CA certificates given for products other than {@code product}, by common name. */
    List<String> caCertificatesOfOtherProducts(SevSnpProduct product) {
        List<String> others = new ArrayList<>();
        byRole.forEach((role, cert) -> {
            if (role.product().isPresent() && role.product().get() != product) {
                others.add(cert.commonName());
            }
        });
        return others;
    }
}
