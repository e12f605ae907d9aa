import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, toUsd } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { requireBearer } from "../../middleware/auth.ts";
import { accountOf } from "../../services/accounts.ts";
import { AgentView, BalanceView } from "./schemas.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";

export const me = createRoute({
  method: "get",
  path: "/api/v1/agents/me",
  operationId: "agentMe",
  tags: ["agents"],
  summary: "Who this bearer is: agent, wallets, allowance and what x402 has drawn from it",
  security: bearerSecurity,
  middleware: [requireBearer()] as const,
  responses: { 200: { description: "The agent", content: { "application/json": { schema: AgentView } } }, ...errorResponses },
});

export const balance = createRoute({
  method: "get",
  path: "/api/v1/agents/balance",
  operationId: "agentBalance",
  tags: ["agents"],
  summary: "Virtual balance, in-flight holds, allowance and drawn (and the calling usage key's cap)",
  security: bearerSecurity,
  middleware: [requireBearer()] as const,
  responses: { 200: { description: "Balance", content: { "application/json": { schema: BalanceView } } }, ...errorResponses },
});

export function registerMe(app: OpenAPIHono<AppEnv>) {
  app.openapi(me, async (c) => {
    const principal = c.get("principal");
    const account = await accountOf(c.env, principal.agentId).account();
    if (!account) throw new ApiError("TOKEN_INVALID", "the bearer is not valid");
    const { profile } = account;
    return c.json(
      {
        agent_id: profile.agentId,
        wallets: [profile.wallet],
        allowance_usd: profile.allowance === null ? null : toUsd(profile.allowance),
        drawn_usd: toUsd(profile.drawn),
        created_at: new Date(profile.createdAt).toISOString(),
        key_kind: principal.kind,
        key_id: principal.keyId,
      },
      200,
    );
  });

  app.openapi(balance, async (c) => {
    const principal = c.get("principal");
    const stub = accountOf(c.env, principal.agentId);
    const account = await stub.account();
    if (!account) throw new ApiError("TOKEN_INVALID", "the bearer is not valid");
    const key = principal.keyId ? (await stub.listUsageKeys()).find((k) => k.keyId === principal.keyId) : undefined;
    return c.json(
      {
        agent_id: principal.agentId,
        virtual_balance_usd: toUsd(account.balance.available),
        held_usd: toUsd(account.balance.held),
        allowance_usd: account.profile.allowance === null ? null : toUsd(account.profile.allowance),
        drawn_usd: toUsd(account.profile.drawn),
        usage_key: key ? { key_id: key.keyId, spend_cap_usd: toUsd(key.cap), spent_usd: toUsd(key.spent) } : null,
      },
      200,
    );
  });
}
