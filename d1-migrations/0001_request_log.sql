-- Every call to the API, whatever its outcome. Secrets in headers are stored as short hashes.
CREATE TABLE requests (
  id              TEXT    PRIMARY KEY,           -- req_… (the X-Request-Id header)
  created_at      TEXT    NOT NULL,              -- ISO-8601 UTC
  method          TEXT    NOT NULL,
  path            TEXT    NOT NULL,
  route           TEXT    NOT NULL,              -- matched route pattern, or (unmatched)
  status          INTEGER NOT NULL,
  agent_id        TEXT,
  key_id          TEXT,
  client_ip_hash  TEXT,
  request_headers TEXT    NOT NULL,              -- JSON, redacted
  request_body    TEXT,
  response_body   TEXT,
  latency_ms      INTEGER NOT NULL,
  price_micros    INTEGER,
  charged_micros  INTEGER,
  cogs_micros     INTEGER,
  payment_mode    TEXT,                          -- virtual_balance | x402_exact | x402_upto | free
  vendor_hops     TEXT,                          -- JSON array
  error_code      TEXT
);
CREATE INDEX requests_agent_time ON requests (agent_id, created_at);
CREATE INDEX requests_time ON requests (created_at);

-- Queue messages that exhausted their retries: kept for an operator, never dropped.
CREATE TABLE dead_letters (
  message_id  TEXT    PRIMARY KEY,
  queue       TEXT    NOT NULL,
  body        TEXT    NOT NULL,
  attempts    INTEGER NOT NULL,
  received_at TEXT    NOT NULL
);
