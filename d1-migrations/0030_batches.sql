-- CSV batches (POST /api/v1/batch/enrich/upload). A batch is a row here, every data row of its file
-- a row in batch_rows (duplicates and invalid rows too, so the results file lines up with the
-- upload), and the rows are run in chunks, each chunk one queue message at a time.
CREATE TABLE batches (
  id                TEXT    PRIMARY KEY,          -- eb_…
  agent_id          TEXT,                         -- owner; NULL for an anonymous x402 upto batch
  key_id            TEXT,
  request_id        TEXT    NOT NULL,             -- the upload request
  route             TEXT    NOT NULL,             -- as asked: enrich/phone … or auto
  status            TEXT    NOT NULL CHECK (status IN ('running', 'completed', 'cancelled')),
  billing_mode      TEXT    NOT NULL CHECK (billing_mode IN ('virtual_balance', 'x402_upto')),
  bill_up_to_micros INTEGER NOT NULL CHECK (bill_up_to_micros > 0),
  hold_id           TEXT,                         -- AgentAccount hold of the whole ceiling (virtual_balance)
  x402_lock_key     TEXT,
  x402_payer        TEXT,
  x402_payload      TEXT,
  x402_requirement  TEXT,
  x402_transaction  TEXT,
  poll_hash         TEXT    NOT NULL,             -- sha256 of the 411j_ poll bearer
  callback_url      TEXT,
  filename          TEXT,
  columns           TEXT    NOT NULL,             -- JSON array: the file's header, as given
  mapping           TEXT,                         -- JSON {field: column} the caller sent
  rows_total        INTEGER NOT NULL,
  rows_unique       INTEGER NOT NULL,
  rows_duplicate    INTEGER NOT NULL,
  rows_invalid      INTEGER NOT NULL,
  estimate_micros   INTEGER NOT NULL,             -- every runnable row matching at its price
  reserved_micros   INTEGER NOT NULL DEFAULT 0,   -- x402 upto: the ceiling promised to rows (their most while running, their charge once done)
  charged_micros    INTEGER,                      -- set when the batch ends
  billing_status    TEXT             CHECK (billing_status IN ('settling', 'settled_virtual', 'settled', 'settle_failed')),
  cancel_requested_at INTEGER,
  created_at        INTEGER NOT NULL,             -- epoch ms
  finished_at       INTEGER,
  deadline_at       INTEGER NOT NULL,             -- epoch ms; the hold lives until just past it
  updated_at        INTEGER NOT NULL
);
CREATE INDEX batches_agent ON batches (agent_id, created_at);

-- One row per data line. Runnable rows move queued → running → done | failed (or cancelled); the
-- claim is a conditional UPDATE on status and lease, so a chunk delivered twice runs a row once.
-- The small columns come first and the JSON last, and progress reads only the covering index, so
-- counting a batch never reads through its (large) results.
CREATE TABLE batch_rows (
  batch_id      TEXT    NOT NULL,
  row_no        INTEGER NOT NULL,                 -- 1-based data row
  line          INTEGER NOT NULL,                 -- line of the file where the row starts
  chunk_no      INTEGER,                          -- NULL for rows that never run
  route         TEXT,                             -- the route this row runs (auto resolved)
  status        TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled', 'duplicate', 'invalid')),
  max_micros    INTEGER,                          -- the most this row may charge (reserved while it runs)
  matched       INTEGER,
  charge_micros INTEGER,
  duplicate_of  INTEGER,                          -- line of the first row with the same key
  attempts      INTEGER NOT NULL DEFAULT 0,
  lease_id      TEXT,
  lease_until   INTEGER,
  started_at    INTEGER,
  finished_at   INTEGER,
  cells         TEXT    NOT NULL,                 -- JSON array, the row as uploaded
  payload       TEXT,                             -- JSON, the route's validated body
  error         TEXT,                             -- JSON {code, message, details}
  result        TEXT,                             -- JSON, the sync route's answer without billing
  PRIMARY KEY (batch_id, row_no)
);
CREATE INDEX batch_rows_chunk ON batch_rows (batch_id, chunk_no, status, lease_until);
CREATE INDEX batch_rows_progress ON batch_rows (batch_id, status, matched, charge_micros, started_at, finished_at);

-- Chunks are sent to the queue a few at a time per batch and lane (short rows, long lead sessions):
-- each finished chunk sends the next, so batches share the queue fairly and a lane of slow rows
-- never holds back the fast ones.
CREATE TABLE batch_chunks (
  batch_id  TEXT    NOT NULL,
  chunk_no  INTEGER NOT NULL,
  lane      TEXT    NOT NULL CHECK (lane IN ('short', 'long')),
  status    TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'done')),
  PRIMARY KEY (batch_id, chunk_no)
) WITHOUT ROWID;
CREATE INDEX batch_chunks_next ON batch_chunks (batch_id, lane, status, chunk_no);
