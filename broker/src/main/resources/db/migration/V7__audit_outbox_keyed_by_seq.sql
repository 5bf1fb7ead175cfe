-- The outbox keyed by the record's seq alone (issue 6, audit throughput). Portable SQL: PostgreSQL
-- and H2 in PostgreSQL mode.
--
-- Every audited state change inserts an outbox row and the relay deletes it again, so each index
-- on this table is paid twice per record. Keyed by audit_id it carried two (the text primary key
-- and the seq index the relay reads in order); keyed by seq, H2 stores rows in seq order in the
-- table itself and PostgreSQL keeps one index, and the relay joins to audit_log on seq, which is
-- unique there. The table is rebuilt, not altered, because the old primary key's constraint name
-- differs between the two databases.
CREATE TABLE audit_outbox_by_seq (
    seq  BIGINT  PRIMARY KEY REFERENCES audit_log (seq)
);
INSERT INTO audit_outbox_by_seq (seq) SELECT seq FROM audit_outbox;
DROP TABLE audit_outbox;
ALTER TABLE audit_outbox_by_seq RENAME TO audit_outbox;
