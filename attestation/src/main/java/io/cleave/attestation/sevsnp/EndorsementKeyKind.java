package io.cleave.attestation.sevsnp;

/** Which AMD key signs a report, from the report's SIGNING_KEY field (SEV-SNP ABI). */
public enum EndorsementKeyKind {
    /** Versioned Chip Endorsement Key: per chip and TCB, certified by the ASK. */
    VCEK("SEV-VCEK"),
    /** Versioned Loaded Endorsement Key: per cloud provider, certified by the ASVK. */
    VLEK("SEV-VLEK");

    private final String subjectCommonName;

    EndorsementKeyKind(String subjectCommonName) {
        this.subjectCommonName = subjectCommonName;
    }

    /** The subject common name of this key's certificate. */
    String subjectCommonName() {
        return subjectCommonName;
    }

    /** The subject common name of the AMD CA that certifies this key for a product. */
    String issuerCommonName(SevSnpProduct product) {
        return this == VCEK ? "SEV-" + product.amdName() : "SEV-VLEK-" + product.amdName();
    }

    /** Name of that CA in messages: ASK or ASVK. */
    String issuerRole() {
        return this == VCEK ? "ASK" : "ASVK";
    }
}
