-- A reporting copy of every AgentAccount ledger entry. The object's own SQLite is the truth; this
-- copy is written after each change (and re-sent until it lands), keyed so a resend is harmless.
CREATE TABLE ledger_entries (
  agent_id   TEXT    NOT NULL,
  seq        INTEGER NOT NULL,
  kind       TEXT    NOT NULL,
  amount     INTEGER NOT NULL,              -- signed µUSD effect on the available balance
  hold_id    TEXT,
  ref        TEXT,
  memo       TEXT,
  created_at INTEGER NOT NULL,              -- epoch ms
  PRIMARY KEY (agent_id, seq)
);
CREATE INDEX ledger_entries_time ON ledger_entries (created_at);
