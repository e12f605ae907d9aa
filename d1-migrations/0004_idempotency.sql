-- Idempotency-Key on POSTs: the first request with a key claims it; its final answer is kept for
-- 24 h and replayed to the same caller for the same body, without running or charging again.
CREATE TABLE idempotency_keys (
  scope         TEXT    NOT NULL,           -- sha256 of the caller's credential (or "anonymous")
  key           TEXT    NOT NULL,
  method        TEXT    NOT NULL,
  path          TEXT    NOT NULL,
  body_hash     TEXT    NOT NULL,
  state         TEXT    NOT NULL CHECK (state IN ('pending', 'done')),
  status        INTEGER,
  headers       TEXT,                       -- JSON of the replayable headers
  body          TEXT,
  request_id    TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,           -- epoch ms
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
