-- The wallet → agent index. Bearer hashes, keys and money live in each agent's AgentAccount object;
-- D1 holds what must be found without knowing the agent id (mint, recovery) and reporting copies.
CREATE TABLE agents (
  id          TEXT    PRIMARY KEY,           -- agt_…
  wallet      TEXT    NOT NULL UNIQUE,       -- lowercase 0x address
  created_at  TEXT    NOT NULL,
  allowance_micros INTEGER                    -- last signed budget commitment, NULL when none
);

-- SIWE nonces: single-use, short-lived, bound to the address and purpose they were issued for.
CREATE TABLE wallet_nonces (
  nonce       TEXT    PRIMARY KEY,
  address     TEXT    NOT NULL,              -- lowercase
  purpose     TEXT    NOT NULL CHECK (purpose IN ('mint', 'recover')),
  created_at  INTEGER NOT NULL,              -- epoch ms
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
);
CREATE INDEX wallet_nonces_expiry ON wallet_nonces (expires_at);

-- Wallet recovery: a multiple-choice question from the agent's own history, answered once.
CREATE TABLE recovery_challenges (
  id           TEXT    PRIMARY KEY,          -- rc_…
  agent_id     TEXT    NOT NULL,
  wallet       TEXT    NOT NULL,
  question     TEXT    NOT NULL,
  options      TEXT    NOT NULL,             -- JSON array
  answer_hash  TEXT    NOT NULL,             -- sha256 of the right option
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  completed_at INTEGER
);
