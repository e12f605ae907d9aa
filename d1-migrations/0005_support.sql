-- Support tickets. Opening one is paid ($0.010) so the queue stays signal; a bug an operator
-- confirms earns its agent a credit, exactly once (bug_confirmed_at is the once-only claim).
CREATE TABLE support_tickets (
  id               TEXT    PRIMARY KEY,          -- tk_…
  agent_id         TEXT,                         -- NULL when paid anonymously with x402
  key_id           TEXT,                         -- the usage key that opened it, if any
  request_id       TEXT    NOT NULL,
  category         TEXT    NOT NULL CHECK (category IN ('bug', 'billing', 'account', 'other')),
  subject          TEXT    NOT NULL,
  body             TEXT    NOT NULL,
  status           TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'closed')),
  created_at       TEXT    NOT NULL,
  bug_confirmed_at TEXT,
  credit_micros    INTEGER
);
CREATE INDEX support_tickets_agent ON support_tickets (agent_id, created_at);
CREATE INDEX support_tickets_status ON support_tickets (status, created_at);
