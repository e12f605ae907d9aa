import { createMiddleware } from "hono/factory";
import { ApiError, sha256Hex } from "@411data/core";
import type { AppEnv } from "../context.ts";

// Discovery documents are what crawlers, validators and agents fetch over and over: they get
// their own per-address limit (so a validator run never eats the allowance of paid calls, and paid
// traffic never starves discovery) and HTTP caching, so a repeat fetch is a 304 with no body.

/** Every discovery document; the app registers these before the anonymous limiter. */
export const DISCOVERY_PATHS = [
  "/openapi.json",
  "/.well-known/x402",
  "/discovery/resources",
  "/pricing",
  "/skill.md",
  "/llms.txt",
] as const;

export const DISCOVERY_RATE_LIMIT = { limit: 600, periodSec: 60 } as const;
const DEFAULT_CACHE_CONTROL = "public, max-age=60";

export const discoveryCache = createMiddleware<AppEnv>(async (c, next) => {
  const address = c.req.header("cf-connecting-ip") ?? c.req.header("x-real-ip") ?? "unknown";
  const { success } = await c.env.DISCOVERY_RATE_LIMITER.limit({ key: `discovery:${address}` });
  const policy = `"discovery";q=${DISCOVERY_RATE_LIMIT.limit};w=${DISCOVERY_RATE_LIMIT.periodSec}`;
  if (!success) {
    throw new ApiError("RATE_LIMITED", "too many discovery requests from this address", {
      details: { retry_after_sec: DISCOVERY_RATE_LIMIT.periodSec, next_action: "wait Retry-After seconds; send If-None-Match to revalidate for free" },
      headers: {
        "Retry-After": String(DISCOVERY_RATE_LIMIT.periodSec),
        "RateLimit-Policy": policy,
        RateLimit: `"discovery";r=0;t=${DISCOVERY_RATE_LIMIT.periodSec}`,
      },
    });
  }
  await next();
  c.res.headers.set("RateLimit-Policy", policy);
  if (c.req.method !== "GET" || c.res.status !== 200) return;
  // The body is a pure function of the catalog, configuration and the request's negotiation, so
  // its hash is a strong validator; `Vary` keeps JSON and HTML variants apart in caches.
  const body = await c.res.clone().arrayBuffer();
  const etag = `"${(await sha256Hex(new Uint8Array(body))).slice(0, 32)}"`;
  const headers = new Headers(c.res.headers);
  headers.set("ETag", etag);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", DEFAULT_CACHE_CONTROL);
  headers.append("Vary", "Accept");
  if (matches(c.req.header("if-none-match"), etag)) {
    for (const name of ["content-length", "content-type"]) headers.delete(name);
    c.res = new Response(null, { status: 304, headers });
    return;
  }
  c.res = new Response(body, { status: 200, headers });
});

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  // Weak comparison (RFC 9110 §13.1.2): W/ prefixes do not matter for If-None-Match.
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
