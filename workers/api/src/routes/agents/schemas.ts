import { z } from "@hono/zod-openapi";

// Response shapes of the agent routes, named for the OpenAPI document.

export const AgentView = z
  .object({
    agent_id: z.string(),
    wallets: z.array(z.string()),
    allowance_usd: z.number().nullable(),
    drawn_usd: z.number(),
    created_at: z.string(),
    key_kind: z.enum(["agent", "usage_key"]),
    key_id: z.string().nullable(),
  })
  .openapi("Agent");

export const BalanceView = z
  .object({
    agent_id: z.string(),
    virtual_balance_usd: z.number(),
    held_usd: z.number(),
    allowance_usd: z.number().nullable(),
    drawn_usd: z.number(),
    usage_key: z
      .object({ key_id: z.string(), spend_cap_usd: z.number(), spent_usd: z.number() })
      .nullable(),
  })
  .openapi("Balance");

export const UsageKeyView = z
  .object({
    key_id: z.string(),
    name: z.string(),
    spend_cap_usd: z.number(),
    spent_usd: z.number(),
    scope: z.array(z.string()).nullable(),
    expires_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    status: z.enum(["active", "revoked", "expired", "exhausted"]),
  })
  .openapi("UsageKey");
