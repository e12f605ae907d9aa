-- Async enrich jobs (POST /api/v1/enrich/jobs). The row is the job's one source of truth: every
-- state change is a conditional UPDATE on `status` (and the run lease), so a queue message
-- delivered twice can never run the work or move the money twice.
CREATE TABLE enrich_jobs (
  id                  TEXT    PRIMARY KEY,         -- ej_…
  agent_id            TEXT,                        -- owner; NULL for an anonymous x402 upto job
  key_id              TEXT,                        -- the usage key that submitted it, if any
  request_id          TEXT    NOT NULL,            -- the submit request
  route               TEXT    NOT NULL CHECK (route IN ('enrich/websearch', 'enrich/lead-session')),
  payload             TEXT    NOT NULL,            -- JSON as validated, with the ceiling caps applied
  poll_hash           TEXT    NOT NULL,            -- sha256 of the 411j_ poll bearer (the bearer is shown once)
  callback_url        TEXT,
  status              TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'completing', 'completed', 'failed')),
  billing_mode        TEXT    NOT NULL CHECK (billing_mode IN ('virtual_balance', 'x402_upto')),
  billing_status      TEXT             CHECK (billing_status IN ('settled_virtual', 'settling', 'settled', 'settle_failed')),
  bill_up_to_micros   INTEGER NOT NULL CHECK (bill_up_to_micros > 0),
  charge_micros       INTEGER,                     -- decided when the work ended; what billing captures or settles
  charged_micros      INTEGER,                     -- what was actually taken
  hold_id             TEXT,                        -- AgentAccount hold of the ceiling (virtual_balance)
  x402_lock_key       TEXT,                        -- x402_payments.lock_key of the upto authorization
  x402_payer          TEXT,
  x402_payload        TEXT,                        -- JSON PaymentPayload, kept to settle after the job
  x402_requirement    TEXT,                        -- JSON PaymentRequirements it was verified against
  x402_transaction    TEXT,
  result              TEXT,                        -- JSON, the sync route's answer
  matched             INTEGER,
  cogs_micros         INTEGER,
  error               TEXT,                        -- JSON {code, message, details}
  last_error          TEXT,                        -- JSON of the latest transient failure (kept for the dead-letter path)
  attempts            INTEGER NOT NULL DEFAULT 0,
  lease_id            TEXT,                        -- who holds the job now; every transition names it
  lease_until         INTEGER,                     -- epoch ms; past it another delivery may take the job over
  max_timeout_seconds INTEGER NOT NULL,
  deadline_at         INTEGER NOT NULL,            -- epoch ms; past it the job fails and refunds
  created_at          INTEGER NOT NULL,            -- epoch ms
  started_at          INTEGER,
  finished_at         INTEGER,
  updated_at          INTEGER NOT NULL
);
CREATE INDEX enrich_jobs_agent ON enrich_jobs (agent_id, created_at);
CREATE INDEX enrich_jobs_open ON enrich_jobs (status, deadline_at);
