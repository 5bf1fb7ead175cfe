-- Pause and resume of SECRET_SHARED jobs (issue 5). Portable SQL: PostgreSQL and H2 in PostgreSQL mode.
--
-- job_attempts: which run of a job is current and the epoch it resumed after. The dealer's root seed,
-- from which every attempt is dealt the same correlated randomness, is never stored: with it and a
-- compute party's view the data could be recovered, so it stays in the broker's memory.
CREATE TABLE job_attempts (
    job_id              VARCHAR(36) PRIMARY KEY REFERENCES jobs (id),
    attempt             INTEGER     NOT NULL,
    resume_after_epoch  INTEGER     NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The latest sealed checkpoint each compute party reported: its epoch and the SHA-256 of the sealed
-- file on the party's own disk (the broker never holds a checkpoint).
CREATE TABLE job_checkpoints (
    job_id       VARCHAR(36) NOT NULL REFERENCES jobs (id),
    role         VARCHAR(32) NOT NULL,
    epoch        INTEGER     NOT NULL,
    commitment   VARCHAR(64) NOT NULL,
    attempt      INTEGER     NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (job_id, role)
);
