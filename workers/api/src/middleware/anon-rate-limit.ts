import { createMiddleware } from "hono/factory";
import { ApiError } from "@411data/core";
import { doorOf } from "../capabilities/door.ts";
import type { AppEnv } from "../context.ts";

/**
 * Callers without a bearer are limited per client address with the Workers rate-limit binding
 * (coarse and per-colo by design); agents get exact quotas in their own Durable Object instead.
 */
export const anonRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  // A tool call a door runs in-process was counted once already, when it reached the door.
  if (c.req.header("authorization") || doorOf(c.req.raw)) return next();
  const { ANON_RATE_LIMIT: limit, ANON_RATE_PERIOD_SEC: period } = c.get("config");
  const address = c.req.header("cf-connecting-ip") ?? c.req.header("x-real-ip") ?? "unknown";
  const { success } = await c.env.ANON_RATE_LIMITER.limit({ key: `anon:${address}` });
  const policy = `"anonymous";q=${limit};w=${period}`;
  if (!success) {
    throw new ApiError("RATE_LIMITED", "too many anonymous requests from this address", {
      details: {
        retry_after_sec: period,
        next_action: "wait Retry-After seconds, or mint an agent bearer at /connect for per-agent quotas",
      },
      headers: {
        "Retry-After": String(period),
        "RateLimit-Policy": policy,
        RateLimit: `"anonymous";r=0;t=${period}`,
      },
    });
  }
  await next();
  c.res.headers.set("RateLimit-Policy", policy);
});
