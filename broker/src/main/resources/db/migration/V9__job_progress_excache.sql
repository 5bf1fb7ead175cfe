-- A SECRET_SHARED job's ExCache counters as party 0 reported them with each finished epoch
-- (totals since its attempt started; counts only, nothing of the data). Null for other modes.
ALTER TABLE job_progress ADD COLUMN excache_hits BIGINT;
ALTER TABLE job_progress ADD COLUMN excache_misses BIGINT;
ALTER TABLE job_progress ADD COLUMN excache_fetched_bytes BIGINT;
