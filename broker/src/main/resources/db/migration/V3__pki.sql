-- Federation PKI: enrolment requests, every certificate the federation knows of, and the
-- latest CRL each organisation CA published. Serials are lowercase hex; times are UTC.

CREATE TABLE enrolment_requests (
    organisation_id  VARCHAR(36)  PRIMARY KEY REFERENCES organisations (id),
    csr_pem          TEXT         NOT NULL,
    submitted_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- kind ORGANISATION_CA: issued by the federation root; kind PROVIDER: issued by the
-- organisation's CA and registered with the broker for transparency and revocation.
CREATE TABLE certificates (
    serial           VARCHAR(40)  PRIMARY KEY,
    organisation_id  VARCHAR(36)  NOT NULL REFERENCES organisations (id),
    kind             VARCHAR(16)  NOT NULL,
    provider_name    VARCHAR(64),
    subject          VARCHAR(255) NOT NULL,
    certificate_pem  TEXT         NOT NULL,
    not_after        TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at       TIMESTAMP WITH TIME ZONE
);

CREATE INDEX certificates_org_kind ON certificates (organisation_id, kind);

CREATE TABLE organisation_crls (
    organisation_id  VARCHAR(36)  PRIMARY KEY REFERENCES organisations (id),
    crl_pem          TEXT         NOT NULL,
    this_update      TIMESTAMP WITH TIME ZONE NOT NULL
);
