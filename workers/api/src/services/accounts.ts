import type { AgentAccount } from "../../../../durable-objects/agent-account/index.ts";

/** The AgentAccount object of one agent: the only place its bearer, keys and money change. */
export function accountOf(env: Env, agentId: string): DurableObjectStub<AgentAccount> {
  return env.AGENT_ACCOUNT.getByName(agentId);
}

/** The agent minted with this wallet, if any (wallets are stored lower-case). */
export async function agentOfWallet(db: D1Database, wallet: string): Promise<string | null> {
  const row = await db.prepare("SELECT id FROM agents WHERE wallet = ?").bind(wallet.toLowerCase()).first<{ id: string }>();
  return row?.id ?? null;
}
