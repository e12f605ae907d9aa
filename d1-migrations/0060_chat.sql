-- The hosted enrich agent's conversations, stored per agent so a page reload resumes them.
-- A turn is the user's message and the assistant's answer (text, tool calls with their results
-- and costs); the model's own message list is derived from these rows, never stored beside them.
CREATE TABLE chat_conversations (
  id          TEXT    PRIMARY KEY,              -- cv_…
  agent_id    TEXT    NOT NULL,
  title       TEXT    NOT NULL,
  -- A paid tool call that waits for the user's confirmation (JSON: tool, input, max_usd), or NULL.
  pending     TEXT,
  created_at  INTEGER NOT NULL,                 -- ms since epoch
  updated_at  INTEGER NOT NULL
);
CREATE INDEX chat_conversations_agent ON chat_conversations (agent_id, updated_at);

CREATE TABLE chat_messages (
  conversation_id TEXT    NOT NULL REFERENCES chat_conversations (id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL,
  agent_id        TEXT    NOT NULL,
  role            TEXT    NOT NULL CHECK (role IN ('user', 'assistant')),
  -- user: {"text"}; assistant: {"text", "tools": [{id, name, input, output, cost_usd}], "turn": {…}}
  content         TEXT    NOT NULL,
  request_id      TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
-- Turns per minute per agent are counted from the user rows.
CREATE INDEX chat_messages_agent_recent ON chat_messages (agent_id, role, created_at);
