import type { Context } from "hono";
import { isVendorError, type Vendors, WaterfallExhaustedError, type WaterfallHop } from "@411data/vendors";
import { ApiError } from "@411data/core";
import type { AppEnv } from "../context.ts";

// The request's vendor adapters (c.var.runtime: real vendors when a key is configured, the
// sandboxes otherwise; built in durable-objects/runtime.ts). Code with no request calls runtime().
export function vendorsOf(c: Context<AppEnv>): Vendors {
  return c.var.runtime.vendors(c.env);
}

/** What a caller may see of one vendor hop: who, how it went, how long; never what it cost us. */
export interface HopView {
  vendor: string;
  outcome: "match" | "miss" | "error";
  latency_ms: number;
  error_kind: string | null;
}

export function hopViews(hops: readonly WaterfallHop[]): HopView[] {
  return hops.map((h) => ({ vendor: h.vendor, outcome: h.outcome, latency_ms: h.latency_ms, error_kind: h.error?.kind ?? null }));
}

/** The request log's `vendor_hops`: "whitepages:rate_limited", "peopledatalabs:match", … */
export function hopLog(hops: readonly WaterfallHop[]): string[] {
  return hops.map((h) => `${h.vendor}:${h.outcome === "error" ? (h.error?.kind ?? "error") : h.outcome}`);
}

/** A vendor that throttles, fails or times out costs the caller nothing and says when to retry. */
export function vendorFailure(err: unknown): never {
  if (isVendorError(err)) {
    const retryAfter = err.retryAfterSec ?? (err.kind === "timeout" ? 5 : 15);
    const hops = err instanceof WaterfallExhaustedError ? { vendors: hopViews(err.hops) } : {};
    const what = err instanceof WaterfallExhaustedError ? `every data vendor failed (last: ${err.kind})` : `the data vendor is unavailable (${err.kind})`;
    throw new ApiError("VENDOR_UNAVAILABLE", `${what}; nothing was charged`, {
      headers: { "Retry-After": String(retryAfter) },
      details: { vendor: err.vendor, kind: err.kind, reason: err.reason, retry_after_sec: retryAfter, charged_usd: 0, ...hops },
      cause: err,
    });
  }
  throw err;
}
