import { ApiError } from "@411data/core";
import { loadConfig } from "../../config.ts";
import { guardCallbackUrl, type LoopbackAllowance, type UrlGuardResult } from "./url-guard.ts";

// The guard is pure; this is where the deployment's one exception (loopback for local development,
// never in production: config refuses it) is read from config.

export function loopbackAllowance(env: Env): LoopbackAllowance {
  const config = loadConfig(env);
  if (!config.CALLBACKS_ALLOW_LOOPBACK || config.ENVIRONMENT === "production") return "none";
  return config.CALLBACKS_LOOPBACK_PORTS.length === 0 ? "any" : new Set(config.CALLBACKS_LOOPBACK_PORTS);
}

export function checkCallbackUrl(env: Env, url: string): UrlGuardResult {
  return guardCallbackUrl(url, loopbackAllowance(env));
}

/** The normalized URL, or a 400 CALLBACK_URL_REFUSED that says why; `field` names the input. */
export function requireCallbackUrl(env: Env, url: string, field = "url"): string {
  const verdict = checkCallbackUrl(env, url);
  if (verdict.ok) return verdict.url;
  throw new ApiError("CALLBACK_URL_REFUSED", verdict.message, { details: { field, reason: verdict.reason } });
}
