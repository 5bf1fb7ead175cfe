-- Joint jobs (DESIGN.md §4.1, §7): the signed job spec, consents, organisations' HPKE keys for
-- results, and the sealed weight shares. Portable SQL: PostgreSQL and H2 in PostgreSQL mode.
-- Binary values are base64 text; hashes and commitments lowercase hex.

-- The canonical cleave.v1.JobSpec bytes (jobspec.proto); jobs.spec_hash is SHA-256 of them.
CREATE TABLE job_specs (
    job_id     VARCHAR(36) PRIMARY KEY REFERENCES jobs (id),
    canonical  TEXT        NOT NULL
);

-- One decision per organisation and job; the signature covers job id, organisation, decision and
-- spec hash, made with the organisation's CA key, and was verified before the row was written.
CREATE TABLE consents (
    job_id        VARCHAR(36)   NOT NULL REFERENCES jobs (id),
    organisation  VARCHAR(64)   NOT NULL REFERENCES organisations (name),
    decision      VARCHAR(8)    NOT NULL,
    signature     TEXT          NOT NULL,
    reason        VARCHAR(1024),
    decided_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (job_id, organisation)
);

-- An organisation's HPKE public key for results, signed with its organisation key (the private
-- key stays in the organisation's folder).
CREATE TABLE organisation_keys (
    organisation  VARCHAR(64)  PRIMARY KEY REFERENCES organisations (name),
    public_key    TEXT         NOT NULL,
    signature     TEXT         NOT NULL,
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What the broker holds of a SECRET_SHARED model: each party's share sealed to each recipient,
-- and the party's commitment (also in the audit log). Never a share or a weight in the clear.
CREATE TABLE sealed_shares (
    job_id      VARCHAR(36)  NOT NULL REFERENCES jobs (id),
    party       INTEGER      NOT NULL,
    recipient   VARCHAR(64)  NOT NULL,
    sealed_box  TEXT         NOT NULL,
    commitment  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (job_id, party, recipient)
);
