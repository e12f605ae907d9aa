import { createMiddleware } from "hono/factory";
import { ApiError, parseToken, sha256Hex } from "@411data/core";
import type { AppEnv } from "../context.ts";
import { accountOf } from "../services/accounts.ts";

const REASONS = {
  TOKEN_INVALID: "the bearer is not valid",
  TOKEN_REVOKED: "this usage key was revoked",
  TOKEN_EXPIRED: "this usage key has expired",
  KEY_SCOPE_DENIED: "this usage key is not scoped for this route",
} as const;

/** The raw bearer from `Authorization: Bearer …`, or null when absent. */
export function bearerOf(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new ApiError("TOKEN_INVALID", "Authorization must be `Bearer <token>`");
  return m[1]!;
}

/**
 * Authenticates an agent bearer (411_) or usage key (411k_). The bearer names its agent, so this is
 * one RPC to that agent's AgentAccount, which compares hashes; no database read.
 * `agentOnly` routes (key management, rotation) refuse usage keys.
 */
export function requireBearer(opts: { agentOnly?: boolean; routeId?: string } = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = bearerOf(c.req.header("authorization"));
    if (!token) {
      throw new ApiError("UNAUTHORIZED", "this route needs `Authorization: Bearer 411_…`", {
        details: { next_action: "mint an agent at POST /api/v1/agents/wallet-nonce then /wallet-register" },
      });
    }
    const parsed = parseToken(token);
    if (!parsed || parsed.kind === "jobPoll") throw new ApiError("TOKEN_INVALID", REASONS.TOKEN_INVALID);
    if (opts.agentOnly && parsed.kind !== "agent") {
      throw new ApiError("FORBIDDEN", "usage keys cannot do this; use the agent bearer (411_…)");
    }
    const result = await accountOf(c.env, parsed.ownerId).authenticate({
      tokenHash: await sha256Hex(token),
      kind: parsed.kind === "agent" ? "agent" : "usage_key",
      ...(opts.routeId ? { routeId: opts.routeId } : {}),
    });
    if (!result.ok) {
      throw new ApiError(result.code, REASONS[result.code]);
    }
    c.set("principal", result.principal);
    const log = c.get("log");
    log.agentId = result.principal.agentId;
    if (result.principal.keyId) log.keyId = result.principal.keyId;
    await next();
  });
}
