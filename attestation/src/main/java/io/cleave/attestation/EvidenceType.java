package io.cleave.attestation;

/** The kinds of attestation evidence Cleave verifies. */
public enum EvidenceType {
    /** An AMD SEV-SNP attestation report signed by a VCEK or VLEK that chains to an AMD root. */
    SEV_SNP(true),
    /**
     * A measurement signed by a provider's own key on a development machine. Nothing isolates the
     * workload from the machine's operator: the dashboard labels it "no hardware isolation".
     */
    SOFTWARE(false);

    private final boolean hardwareIsolated;

    EvidenceType(boolean hardwareIsolated) {
        this.hardwareIsolated = hardwareIsolated;
    }

    /** Whether a workload attested this way is isolated from its host by hardware. */
    public boolean hardwareIsolated() {
        return hardwareIsolated;
    }
}
