-- Wallet recovery asks several questions at once (k of n must be right), reveals the verdict only
-- after the fee is paid, and ends a challenge at its one attempt. Challenges from before this shape
-- lived 15 minutes; they are dropped with the old table.
DROP TABLE recovery_challenges;

CREATE TABLE recovery_challenges (
  id           TEXT    PRIMARY KEY,          -- rc_…
  agent_id     TEXT    NOT NULL,
  wallet       TEXT    NOT NULL,             -- lowercase
  questions    TEXT    NOT NULL,             -- JSON [{kind, question, options[]}] as shown
  required     INTEGER NOT NULL,             -- right answers needed (k of n)
  state        TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'paying', 'passed', 'failed')),
  created_at   INTEGER NOT NULL,             -- epoch ms
  expires_at   INTEGER NOT NULL,
  finished_at  INTEGER
);
CREATE INDEX recovery_challenges_agent ON recovery_challenges (agent_id, created_at);
CREATE INDEX recovery_challenges_expiry ON recovery_challenges (expires_at);

-- The options a real lookup is asked with, fixed the first time it is asked: asking again (a new
-- challenge, a question set that changed) shows the same decoys, so comparing challenges never
-- isolates the real value. A question answered in a failed paid attempt is retired: neither it nor
-- any of its options is shown again. Keyed by a keyed hash of the value, never the value.
CREATE TABLE recovery_questions (
  agent_id     TEXT    NOT NULL,
  answer_hash  TEXT    NOT NULL,             -- HMAC(SERVER_SECRET, agent + option) of the real option
  kind         TEXT    NOT NULL CHECK (kind IN ('phone', 'person', 'business')),
  options      TEXT    NOT NULL,             -- JSON array: the real option and its decoys
  created_at   INTEGER NOT NULL,
  retired_at   INTEGER,                      -- set when a failed attempt answered it
  PRIMARY KEY (agent_id, answer_hash)
);

-- Failed paid attempts per agent: each doubles the wait before the next challenge. Reset by success.
CREATE TABLE recovery_lockouts (
  agent_id     TEXT    PRIMARY KEY,
  failures     INTEGER NOT NULL,
  locked_until INTEGER NOT NULL,             -- epoch ms
  updated_at   INTEGER NOT NULL
);
