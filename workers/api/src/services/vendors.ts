import { createVendors, isVendorError, type Vendors, vendorsConfigFromEnv } from "@411data/vendors";
import { ApiError } from "@411data/core";

// Vendor adapters per isolate: real vendors when a key is configured, the sandboxes otherwise.
const cache = new WeakMap<object, Vendors>();

export function vendorsFor(env: Env): Vendors {
  let vendors = cache.get(env);
  if (!vendors) {
    vendors = createVendors(vendorsConfigFromEnv(env as unknown as Record<string, unknown>));
    cache.set(env, vendors);
  }
  return vendors;
}

/** A vendor that throttles, fails or times out costs the caller nothing and says when to retry. */
export function vendorFailure(err: unknown): never {
  if (isVendorError(err)) {
    const retryAfter = err.retryAfterSec ?? (err.kind === "timeout" ? 5 : 15);
    throw new ApiError("VENDOR_UNAVAILABLE", `the data vendor is unavailable (${err.kind}); nothing was charged`, {
      headers: { "Retry-After": String(retryAfter) },
      details: { vendor: err.vendor, kind: err.kind, reason: err.reason, retry_after_sec: retryAfter, charged_usd: 0 },
      cause: err,
    });
  }
  throw err;
}
