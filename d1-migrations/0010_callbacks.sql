-- Signed callbacks. A subscription is either an agent's own (cb_…, listed and deleted through
-- /api/v1/agents/callbacks) or a job's callback_url (job_id set, never listed). The secret is the
-- HMAC key, so it has to be kept; it is returned once, at creation, and never logged.
CREATE TABLE callback_subscriptions (
  id          TEXT    PRIMARY KEY,
  agent_id    TEXT,                            -- NULL only for an anonymous (x402) job's callback
  job_id      TEXT,                            -- set for a job's own callback_url
  url         TEXT    NOT NULL,                -- as normalized by the WHATWG parser: what is sent to
  events      TEXT    NOT NULL,                -- JSON array of event types
  description TEXT,
  secret      TEXT    NOT NULL,
  status      TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  created_at  TEXT    NOT NULL,
  deleted_at  TEXT
);
CREATE INDEX callback_subscriptions_agent ON callback_subscriptions (agent_id, status, created_at);
CREATE UNIQUE INDEX callback_subscriptions_job ON callback_subscriptions (job_id) WHERE job_id IS NOT NULL;

-- One row per event that had at least one subscriber: the exact body every delivery of it sends.
CREATE TABLE callback_events (
  id         TEXT PRIMARY KEY,                 -- evt_…; derived from a dedupe key when the emitter gives one
  agent_id   TEXT,
  type       TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- One row per (event, subscription); attempts are counted on it, the last outcome kept.
CREATE TABLE callback_deliveries (
  id               TEXT    PRIMARY KEY,        -- dlv_… (the X-411-Delivery header)
  event_id         TEXT    NOT NULL REFERENCES callback_events (id),
  subscription_id  TEXT    NOT NULL REFERENCES callback_subscriptions (id),
  status           TEXT    NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'retrying', 'delivered', 'failed', 'canceled')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  last_status_code INTEGER,                    -- the receiver's HTTP status on the last attempt
  last_error       TEXT,
  created_at       TEXT    NOT NULL,
  last_attempt_at  TEXT,
  completed_at     TEXT,                       -- delivered, failed for good, or canceled
  UNIQUE (event_id, subscription_id)
);
CREATE INDEX callback_deliveries_subscription ON callback_deliveries (subscription_id, created_at);
