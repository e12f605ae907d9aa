-- x402 authorizations seen: the (payer, nonce) pair is claimed before any work runs, so the same
-- signed payment can never buy two calls, even before it is settled on-chain.
CREATE TABLE x402_payments (
  lock_key     TEXT    PRIMARY KEY,          -- lowercase payer ":" nonce
  payer        TEXT    NOT NULL,
  route        TEXT    NOT NULL,
  request_id   TEXT    NOT NULL,
  amount_micros INTEGER NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('locked', 'settled', 'unsettled', 'failed')),
  tx_hash      TEXT,
  agent_id     TEXT,
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL
);
CREATE INDEX x402_payments_payer ON x402_payments (payer, created_at);
