import { BATCH_HOLD_SCHEMA } from "./batch-hold.ts";

// The AgentAccount's own SQLite schema. Additive only: the object applies it on every start.
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS profile (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  agent_id       TEXT    NOT NULL,
  wallet         TEXT    NOT NULL,
  token_hash     TEXT    NOT NULL,
  allowance      INTEGER,            -- µUSD ceiling on x402 spending by the wallet, from the signed intent
  drawn          INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  rotated_at     INTEGER
);

-- Event types the agent has callback subscriptions for (a superset of D1's active ones), so a paid
-- call knows without a D1 read whether anyone listens for enrich.completed.
CREATE TABLE IF NOT EXISTS subscribed_events (
  event TEXT PRIMARY KEY
);
-- When each event type was last subscribed: a refresh after a delete keeps what a concurrent
-- create added moments ago, which the delete's read of D1 may not have seen yet.
CREATE TABLE IF NOT EXISTS subscribed_event_times (
  event    TEXT    PRIMARY KEY,
  added_at INTEGER NOT NULL
);

-- One row per x402 payment drawn on the allowance, keyed by its payment lock: a draw or a give-back
-- repeated by a retry, a redelivery or a second refund path changes nothing the second time, and
-- drawn never goes below zero.
CREATE TABLE IF NOT EXISTS draws (
  ref        TEXT    PRIMARY KEY,
  amount     INTEGER NOT NULL CHECK (amount > 0),
  returned   INTEGER NOT NULL DEFAULT 0 CHECK (returned >= 0 AND returned <= amount),
  created_at INTEGER NOT NULL,
  resolved_at INTEGER               -- set by the first undraw: the payment's outcome is decided once
);

CREATE TABLE IF NOT EXISTS usage_keys (
  id          TEXT    PRIMARY KEY,
  hash        TEXT    NOT NULL UNIQUE,
  name        TEXT    NOT NULL,
  cap         INTEGER NOT NULL CHECK (cap > 0),
  spent       INTEGER NOT NULL DEFAULT 0,
  scope       TEXT,                 -- JSON array of catalog ids, NULL = every paid route
  expires_at  INTEGER,
  revoked_at  INTEGER,
  created_at  INTEGER NOT NULL,
  last_used_at INTEGER
);

CREATE TABLE IF NOT EXISTS ledger (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  kind       TEXT    NOT NULL CHECK (kind IN ('credit','hold','release','capture','refund')),
  amount     INTEGER NOT NULL,
  hold_id    TEXT,
  ref        TEXT,
  memo       TEXT,
  created_at INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS ledger_ref ON ledger (ref);

CREATE TABLE IF NOT EXISTS holds (
  id         TEXT    PRIMARY KEY,
  amount     INTEGER NOT NULL CHECK (amount > 0),
  status     TEXT    NOT NULL CHECK (status IN ('open','captured','released','expired')),
  key_id     TEXT,
  ref        TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  captured   INTEGER
);
CREATE INDEX IF NOT EXISTS holds_open_expiry ON holds (status, expires_at);
CREATE INDEX IF NOT EXISTS holds_key ON holds (key_id, status);

-- Per-agent request quota: a fixed window counter, checked in the same call as the hold.
CREATE TABLE IF NOT EXISTS quota (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  window_start INTEGER NOT NULL,
  count        INTEGER NOT NULL
);

-- How far the ledger has been copied to D1 for reporting.
CREATE TABLE IF NOT EXISTS mirror (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL
);
INSERT OR IGNORE INTO mirror (id, last_seq) VALUES (1, 0);

-- Running totals, kept in the same transaction as the entries they sum.
CREATE TABLE IF NOT EXISTS totals (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  available INTEGER NOT NULL,
  held      INTEGER NOT NULL
);
INSERT OR IGNORE INTO totals (id, available, held) VALUES (1, 0, 0);
${BATCH_HOLD_SCHEMA}`;
