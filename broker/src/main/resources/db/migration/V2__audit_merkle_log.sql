-- The verifiable audit log (DESIGN.md §6, docs/audit-record.md). Portable SQL: PostgreSQL and H2
-- in PostgreSQL mode.
--
-- A record enters the log when the single outbox relay takes it from audit_outbox: in one
-- transaction it gives the record the next leaf index, stores the exact canonical bytes it
-- hashed, and deletes the outbox row. Indices are therefore dense, in commit order as the relay
-- saw it (not seq order: transactions may commit out of seq order), and never reused: the
-- primary key refuses a second relay that would give the same index twice.
CREATE TABLE audit_leaves (
    leaf_index    BIGINT       PRIMARY KEY,
    audit_id      VARCHAR(36)  NOT NULL UNIQUE REFERENCES audit_log (id),
    organisation  VARCHAR(64),
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    leaf_hash     BYTEA        NOT NULL,
    leaf          TEXT         NOT NULL
);

-- The relay takes the oldest outbox rows by seq. Keeping seq in the (small) outbox lets it read
-- them from an index instead of walking the whole, ever-growing audit_log in seq order.
ALTER TABLE audit_outbox ADD COLUMN seq BIGINT;
UPDATE audit_outbox SET seq = (SELECT a.seq FROM audit_log a WHERE a.id = audit_outbox.audit_id);
ALTER TABLE audit_outbox ALTER COLUMN seq SET NOT NULL;
CREATE INDEX audit_outbox_seq ON audit_outbox (seq);
