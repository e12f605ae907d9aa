import type { LeadSessionState } from "@411data/lead-session";

// agent_cache rows: the owner's latest graph for a lead identity. A row that fails to parse is a
// miss, never an error: the cache only ever saves rounds.

export interface WarmSeedRow {
  graph: unknown;
  at: string;
  triedKeys: string[];
}

export async function readWarmSeed(db: D1Database, agentId: string, identityKey: string): Promise<WarmSeedRow | null> {
  const row = await db
    .prepare("SELECT graph, tried_keys, updated_at FROM agent_cache WHERE agent_id = ? AND identity_key = ?")
    .bind(agentId, identityKey)
    .first<{ graph: string; tried_keys: string; updated_at: string }>();
  if (!row) return null;
  try {
    const triedKeys: unknown = JSON.parse(row.tried_keys);
    return {
      graph: JSON.parse(row.graph),
      at: row.updated_at,
      triedKeys: Array.isArray(triedKeys) ? triedKeys.filter((k): k is string => typeof k === "string") : [],
    };
  } catch {
    return null;
  }
}

export async function writeWarmSeed(db: D1Database, agentId: string, identityKey: string, state: LeadSessionState): Promise<void> {
  await db
    .prepare(
      `INSERT INTO agent_cache (agent_id, identity_key, session_id, graph, tried_keys, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (agent_id, identity_key) DO UPDATE SET
         session_id = excluded.session_id, graph = excluded.graph, tried_keys = excluded.tried_keys, updated_at = excluded.updated_at`,
    )
    .bind(agentId, identityKey, state.sessionId, JSON.stringify({ ...state.graph, summary_markdown: "" }), JSON.stringify(state.triedKeys), new Date().toISOString())
    .run();
}
