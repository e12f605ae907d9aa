import { createMiddleware } from "hono/factory";
import { ApiError, parseToken } from "@411data/core";
import { doorOf } from "../capabilities/door.ts";
import type { AppEnv } from "../context.ts";
import { agentIdMayExist } from "../services/identity/agent-id.ts";

/**
 * Every request that does not authenticate is limited per client address with the Workers
 * rate-limit binding (coarse and per-colo by design); agents get exact quotas in their own Durable
 * Object instead. No header skips it: a request without one of our bearers is counted before it
 * runs; one whose bearer then fails (401) is counted after, and an address over the limit that way
 * is refused whatever it sends until the window ends. The wallet routes, where anyone may knock,
 * have a stricter limit of their own on top.
 */
export const anonRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  // A tool call a door runs in-process was counted once already, when it reached the door.
  if (doorOf(c.req.raw)) return next();
  const config = c.get("config");
  const address = c.req.header("cf-connecting-ip") ?? "unknown";
  const anon = { binding: c.env.ANON_RATE_LIMITER, name: "anonymous", limit: config.ANON_RATE_LIMIT, period: config.ANON_RATE_PERIOD_SEC };
  refuseBoxed(address, anon);

  if (c.req.path.startsWith("/api/v1/agents/wallet-")) {
    await take({ binding: c.env.WALLET_RATE_LIMITER, name: "wallet", limit: config.WALLET_RATE_LIMIT, period: config.WALLET_RATE_PERIOD_SEC }, address);
  }

  const bearer = await bearerShape(c);
  if (bearer === "forged") {
    await take(anon, address);
    throw new ApiError("TOKEN_INVALID", "the bearer is not valid");
  }
  if (bearer === "none") {
    await take(anon, address);
    await next();
    c.res.headers.set("RateLimit-Policy", policy(anon));
    return;
  }
  await next();
  if (c.res.status === 401) {
    const { success } = await anon.binding.limit({ key: keyOf(anon, address) });
    if (!success) box(address, anon.period);
  }
});

interface Limit {
  binding: RateLimit;
  name: string;
  limit: number;
  period: number;
}

const keyOf = (l: Limit, address: string) => `${l.name === "anonymous" ? "anon" : l.name}:${address}`;
const policy = (l: Limit) => `"${l.name}";q=${l.limit};w=${l.period}`;

function limited(l: Limit, message: string) {
  return new ApiError("RATE_LIMITED", message, {
    details: {
      retry_after_sec: l.period,
      next_action: "wait Retry-After seconds, or mint an agent bearer at /connect for per-agent quotas",
    },
    headers: { "Retry-After": String(l.period), "RateLimit-Policy": policy(l), RateLimit: `"${l.name}";r=0;t=${l.period}` },
  });
}

async function take(l: Limit, address: string): Promise<void> {
  const { success } = await l.binding.limit({ key: keyOf(l, address) });
  if (!success) {
    throw limited(l, l.name === "wallet" ? "too many wallet requests from this address" : "too many anonymous requests from this address");
  }
}

/**
 * "none": no bearer of ours (absent, another scheme, not our shape); "forged": our shape naming an
 * agent id this server never tagged; "bearer": worth asking its owner's object.
 */
async function bearerShape(c: { env: Env; req: { header(name: string): string | undefined } }): Promise<"none" | "forged" | "bearer"> {
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
  const parsed = m ? parseToken(m[1]!) : null;
  if (!parsed) return "none";
  if (parsed.kind === "jobPoll") return "bearer";
  return (await agentIdMayExist(c.env, parsed.ownerId)) ? "bearer" : "forged";
}

// Addresses whose failed credentials went over the limit, until their window ends. Kept per isolate:
// the binding's count is the shared truth, this only saves the objects a second trip.
const boxed = new Map<string, number>();

function box(address: string, periodSec: number): void {
  if (boxed.size > 10_000) boxed.clear();
  boxed.set(address, Date.now() + periodSec * 1000);
}

function refuseBoxed(address: string, l: Limit): void {
  const until = boxed.get(address);
  if (until === undefined) return;
  const left = Math.ceil((until - Date.now()) / 1000);
  if (left <= 0) {
    boxed.delete(address);
    return;
  }
  throw new ApiError("RATE_LIMITED", "too many requests with failing credentials from this address", {
    details: { retry_after_sec: left, next_action: "wait Retry-After seconds, then retry with a valid bearer" },
    headers: { "Retry-After": String(left), "RateLimit-Policy": policy(l), RateLimit: `"${l.name}";r=0;t=${left}` },
  });
}
