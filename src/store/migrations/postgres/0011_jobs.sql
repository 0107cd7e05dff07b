-- The job queue (src/jobs/CONTEXT.md). One row per job; workers on any node claim due rows with a
-- lease (locked_until), so a job whose worker died runs again once the lease has passed.
-- `id` is the idempotency key handlers are given. `payload` is JSON text. Times are ISO-8601 UTC text.
CREATE TABLE jobs (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  payload        TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
  dedup_key      TEXT,
  attempt        INTEGER NOT NULL DEFAULT 0,
  max_attempts   INTEGER NOT NULL,
  repeat_every_ms INTEGER,
  run_at         TEXT NOT NULL,
  locked_until   TEXT,
  locked_by      TEXT,
  last_error     TEXT,
  failed_at      TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
-- What a worker scans: due queued jobs, and running jobs whose lease has passed.
CREATE INDEX jobs_due ON jobs (state, run_at);
CREATE INDEX jobs_failed ON jobs (failed_at);
-- One live job per key: enqueueing with a key that is queued or running adds nothing.
CREATE UNIQUE INDEX jobs_live_key ON jobs (dedup_key) WHERE state IN ('queued', 'running');
