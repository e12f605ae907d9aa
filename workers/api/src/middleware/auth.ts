import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { ApiError, parseToken, sha256Hex } from "@411data/core";
import type { AppEnv } from "../context.ts";
import { accountOf } from "../services/accounts.ts";

/** Routes that run each of their calls as an in-process request through the app (the MCP server). */
const DOOR_ENTRIES = new Set(["/mcp"]);

const REASONS = {
  TOKEN_INVALID: "the bearer is not valid",
  TOKEN_REVOKED: "this usage key was revoked",
  TOKEN_EXPIRED: "this usage key has expired",
  KEY_SCOPE_DENIED: "this usage key is not scoped for this route",
} as const;

/**
 * Who is calling, for scoping what is stored per caller (idempotency): the authenticated principal
 * (`agent:<id>` or `key:<agent>:<key>`), checked against the agent's object on every call, so a
 * rotated bearer or a revoked key is refused and `bearer`/`Bearer  ` spell the same caller. Without
 * a bearer: the x402 payment (or other credential) itself, or "anonymous" for credential-free routes.
 */
export async function callerOf(c: Context<AppEnv>): Promise<string> {
  const header = c.req.header("authorization");
  const payment = c.req.header("payment-signature");
  if (header === undefined) return payment ? `x402:${payment}` : "anonymous";
  if (!/^Bearer\s/i.test(header.trim())) return `credential:${header}`;
  const token = bearerOf(header)!;
  const parsed = parseToken(token);
  if (!parsed) throw new ApiError("TOKEN_INVALID", REASONS.TOKEN_INVALID);
  // A job's poll bearer is checked by its own route; it scopes only its own retries.
  if (parsed.kind === "jobPoll") return `poll:${await sha256Hex(token)}`;
  const result = await accountOf(c.env, parsed.ownerId).authenticate({
    tokenHash: await sha256Hex(token),
    kind: parsed.kind === "agent" ? "agent" : "usage_key",
  });
  if (!result.ok) throw new ApiError(result.code, result.code === "QUOTA_EXCEEDED" ? "this agent's request quota is used up for now" : REASONS[result.code]);
  const { agentId, keyId } = result.principal;
  c.get("log").agentId = agentId;
  return keyId ? `key:${agentId}:${keyId}` : `agent:${agentId}`;
}

/** The raw bearer from `Authorization: Bearer …`, or null when absent. */
export function bearerOf(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
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
    const config = c.get("config");
    const result = await accountOf(c.env, parsed.ownerId).authenticate({
      tokenHash: await sha256Hex(token),
      kind: parsed.kind === "agent" ? "agent" : "usage_key",
      ...(opts.routeId ? { routeId: opts.routeId } : {}),
      // Free routes count against the agent's quota too: a bearer is no licence for unlimited reads.
      // A door's entry is not counted itself: each call it runs is counted where it lands.
      ...(DOOR_ENTRIES.has(c.req.path) ? {} : { quota: { limit: config.AGENT_QUOTA_PER_MIN, windowSec: 60 } }),
    });
    if (!result.ok) {
      if (result.code === "QUOTA_EXCEEDED") {
        const t = result.retryAfterSec;
        throw new ApiError("QUOTA_EXCEEDED", "this agent's request quota is used up for now", {
          headers: { "Retry-After": String(t), "RateLimit-Policy": `"agent";q=${config.AGENT_QUOTA_PER_MIN};w=60`, RateLimit: `"agent";r=0;t=${t}` },
          details: { retry_after_sec: t, next_action: "wait Retry-After seconds, then retry" },
        });
      }
      throw new ApiError(result.code, REASONS[result.code]);
    }
    c.set("principal", result.principal);
    const log = c.get("log");
    log.agentId = result.principal.agentId;
    if (result.principal.keyId) log.keyId = result.principal.keyId;
    await next();
  });
}
