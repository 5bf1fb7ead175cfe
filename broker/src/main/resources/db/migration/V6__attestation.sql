-- Attestation verdicts: one row per evidence the broker verified (at registration, on
-- re-attestation, for an ENCLAVE job's workload key), valid or not. No evidence bytes are kept:
-- the verified claims and, when valid, the signed result the provider received.

CREATE TABLE attestation_results (
    id               VARCHAR(36)  PRIMARY KEY,
    provider_id      VARCHAR(36)  NOT NULL REFERENCES providers (id),
    job_id           VARCHAR(36),
    evidence_type    VARCHAR(16)  NOT NULL,
    valid            BOOLEAN      NOT NULL,
    reason           VARCHAR(1024),
    measurement      VARCHAR(96),
    tcb              VARCHAR(128),
    hw_isolation     BOOLEAN      NOT NULL,
    nonce            VARCHAR(64)  NOT NULL,
    issued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE,
    result_token     TEXT
);

CREATE INDEX attestation_results_provider ON attestation_results (provider_id, issued_at);
