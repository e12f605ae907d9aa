import type { AgentAccount } from "../../../../durable-objects/agent-account/index.ts";

/** The AgentAccount object of one agent: the only place its bearer, keys and money change. */
export function accountOf(env: Env, agentId: string): DurableObjectStub<AgentAccount> {
  return env.AGENT_ACCOUNT.getByName(agentId);
}
