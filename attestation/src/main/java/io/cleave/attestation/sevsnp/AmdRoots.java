package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * AMD's certificate authorities for each product, shipped as resources and pinned by the SHA-256
 * of each ARK ({@link SevSnpProduct#arkSha256()}). Loading checks the pins and that each ARK signs
 * itself, its ASK and its ASVK; a resource that fails is a packaging error and stops the class from
 * loading. Where the resources come from is recorded in {@code amd/PROVENANCE.txt} next to them.
 */
final class AmdRoots {
    /** Role names shared with {@link AmdCertificateSet}. */
    static final String ARK = "ARK";
    static final String ASK = "ASK";
    static final String ASVK = "ASVK";

    private static final Map<SevSnpProduct, AmdCertificateSet> BUNDLED = load();

    private AmdRoots() {
    }

    /** The pinned ARK of {@code product}. */
    static AmdCertificate ark(SevSnpProduct product) {
        return BUNDLED.get(product).get(ARK, product).orElseThrow();
    }

    /** The shipped ASK ({@code VCEK}) or ASVK ({@code VLEK}) of {@code product}. */
    static AmdCertificate intermediate(SevSnpProduct product, EndorsementKeyKind kind) {
        return BUNDLED.get(product).get(kind == EndorsementKeyKind.VCEK ? ASK : ASVK, product).orElseThrow();
    }

    /** Whether {@code cert} is byte for byte the shipped certificate of that role and product. */
    static boolean isShipped(AmdCertificate cert, String role, SevSnpProduct product) {
        return BUNDLED.get(product).get(role, product).map(c -> Arrays.equals(c.der(), cert.der())).orElse(false);
    }

    private static Map<SevSnpProduct, AmdCertificateSet> load() {
        Map<SevSnpProduct, AmdCertificateSet> roots = new EnumMap<>(SevSnpProduct.class);
        for (SevSnpProduct product : SevSnpProduct.values()) {
            String resource = "amd/" + product.cliName() + "_ask_ark_asvk.pem";
            try (InputStream in = AmdRoots.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                AmdCertificateSet set = AmdCertificateSet.of(CertificateInput.decode(in.readAllBytes()));
                checkPinned(product, set);
                roots.put(product, set);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            } catch (AttestationException e) {
                throw new IllegalStateException("bundled AMD roots for " + product.amdName() + " are invalid", e);
            }
        }
        return roots;
    }

    private static void checkPinned(SevSnpProduct product, AmdCertificateSet set) throws AttestationException {
        AmdCertificate ark = set.get(ARK, product).orElseThrow(() -> new IllegalStateException("no ARK"));
        if (!ark.sha256Hex().equals(product.arkSha256())) {
            throw new IllegalStateException("bundled ARK of " + product.amdName() + " is not the pinned one");
        }
        ark.checkIssuedBy(ark, ARK);
        for (String role : new String[] {ASK, ASVK}) {
            set.get(role, product).orElseThrow(() -> new IllegalStateException("no " + role)).checkIssuedBy(ark, role);
        }
    }
}
