package io.cleave.attestation;

/**
 * Launch-policy bits of an attested guest that matter to appraisal. They mirror the SEV-SNP guest
 * policy (SEV-SNP ABI specification, GUEST_POLICY); software evidence carries none.
 */
public enum PolicyFlag {
    /** The host may decrypt and inspect the guest: no confidentiality. Bit 19. */
    DEBUG,
    /** Simultaneous multithreading is allowed. Bit 16. */
    SMT_ALLOWED,
    /** A migration agent may be associated with the guest. Bit 18. */
    MIGRATE_MA_ALLOWED,
    /** The guest may only run on a single socket. Bit 20. */
    SINGLE_SOCKET_REQUIRED,
    /** CXL devices or memory may be attached. Bit 21. */
    CXL_ALLOWED,
    /** AES-256-XTS memory encryption is required. Bit 22. */
    MEM_AES_256_XTS_REQUIRED,
    /** Running Average Power Limit must be disabled. Bit 23. */
    RAPL_DISABLED_REQUIRED,
    /** Ciphertext hiding for DRAM must be enabled. Bit 24. */
    CIPHERTEXT_HIDING_DRAM_REQUIRED,
    /** Page swap commands are disabled for the guest. Bit 25. */
    PAGE_SWAP_DISABLED
}
