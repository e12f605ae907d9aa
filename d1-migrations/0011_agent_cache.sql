-- Warm-seed cache for lead sessions (SPEC §5 `agent_cache`): the latest graph an agent built for a
-- lead, keyed by the lead's normalized identity. Per agent, so one agent's hunt never seeds another's.
CREATE TABLE agent_cache (
  agent_id      TEXT NOT NULL,
  identity_key  TEXT NOT NULL,                 -- leadIdentityKey(): phone, address, names, normalized
  session_id    TEXT NOT NULL,
  graph         TEXT NOT NULL,                 -- lead_enrichment_v1 graph, JSON
  tried_keys    TEXT NOT NULL,                 -- toolKey()s run, JSON array (misses leave no node)
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (agent_id, identity_key)
);
