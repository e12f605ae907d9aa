-- x402 deposits into virtual balances. The transaction hash is the key, so one on-chain transfer
-- credits once; the match is decided in the same INSERT that sums the agent's earlier matches,
-- so concurrent deposits cannot both take the promo's lifetime cap.
CREATE TABLE deposits (
  tx_hash        TEXT    PRIMARY KEY,          -- lowercase 0x…
  agent_id       TEXT    NOT NULL,
  lock_key       TEXT    NOT NULL,             -- x402_payments.lock_key
  payer          TEXT    NOT NULL,             -- lowercase wallet that paid
  amount_micros  INTEGER NOT NULL CHECK (amount_micros > 0),
  match_micros   INTEGER NOT NULL DEFAULT 0 CHECK (match_micros >= 0),
  request_id     TEXT    NOT NULL,
  created_at     TEXT    NOT NULL,
  credited_at    TEXT                          -- NULL: settled but not yet on the ledger (reconcile)
);
CREATE INDEX deposits_agent ON deposits (agent_id, created_at);
