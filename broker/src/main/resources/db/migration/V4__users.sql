-- People who sign in to the REST API and dashboard. role is BROKER_ADMIN, ORG_ADMIN, ORG_MEMBER or
-- AUDITOR; organisation_id is set exactly for ORG_ADMIN and ORG_MEMBER. password_hash is an Argon2id
-- PHC string; password_change_required marks a one-time password that must be replaced before
-- anything else is allowed.

CREATE TABLE users (
    username                  VARCHAR(64)  PRIMARY KEY,
    role                      VARCHAR(16)  NOT NULL,
    organisation_id           VARCHAR(36)  REFERENCES organisations (id),
    password_hash             VARCHAR(200) NOT NULL,
    password_change_required  BOOLEAN      NOT NULL,
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_role CHECK (role IN ('BROKER_ADMIN', 'ORG_ADMIN', 'ORG_MEMBER', 'AUDITOR')),
    CONSTRAINT users_organisation CHECK ((role IN ('ORG_ADMIN', 'ORG_MEMBER')) = (organisation_id IS NOT NULL))
);

CREATE INDEX users_organisation ON users (organisation_id);
