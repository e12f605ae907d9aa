import { z } from "zod";
import { ApiError, CATALOG, UsdAmount } from "@411data/core";
import { productionViolations } from "./config/production-guard.ts";

// Vars and secrets, validated once per isolate. A misconfigured deploy answers BAD_ENVIRONMENT
// instead of failing somewhere deep inside a paid call.
const intFromString = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);

const flag = z.enum(["true", "false"]).transform((v) => v === "true");

const positiveUsd = UsdAmount.refine((m) => m > 0, "must be above 0");

/** Catalog-tier routes: the ones that start offline ("enrich.email", …). */
const catalogTier: string[] = CATALOG.filter((e) => "offlineByDefault" in e && e.offlineByDefault === true).map((e) => e.id);

/** "" (none), "all", or catalog-tier ids separated by commas. */
const catalogRouteList = z.string().transform((s, ctx) => {
  const ids = [...new Set(s.split(",").map((x) => x.trim()).filter(Boolean))];
  if (ids.length === 1 && ids[0] === "all") return catalogTier;
  for (const id of ids) {
    if (!catalogTier.includes(id)) ctx.addIssue({ code: "custom", message: `${id} is not a catalog-tier route (${catalogTier.join(", ")} or all)` });
  }
  return ids;
});

export const ConfigSchema = z.object({
  ENVIRONMENT: z.enum(["development", "test", "production"]),
  PUBLIC_BASE_URL: z.url(),
  ANON_RATE_LIMIT: intFromString(1, 1_000_000),
  ANON_RATE_PERIOD_SEC: intFromString(1, 3600),
  /** Per-address limit on the wallet routes (nonce, register, recovery); enforced by WALLET_RATE_LIMITER. */
  WALLET_RATE_LIMIT: intFromString(1, 1_000_000),
  WALLET_RATE_PERIOD_SEC: intFromString(1, 3600),
  /** Request and response bodies in the request log are cut after this many days (the recovery window). */
  REQUEST_BODY_RETENTION_DAYS: intFromString(1, 3650).default(90),
  MAX_BODY_BYTES: intFromString(1024, 100 * 1024 * 1024),
  HOLD_TTL_SEC: intFromString(30, 86_400),
  QUEUE_RETRY_BASE_SEC: intFromString(0, 300),
  /** EVM chain for mint balance checks and x402: 8453 (Base) in production, 31337 (anvil) locally. */
  CHAIN_ID: intFromString(1, 2 ** 31),
  CHAIN_RPC_URL: z.url(),
  USDC_ADDRESS: address,
  /** Where x402 payments are sent. */
  PAY_TO_ADDRESS: address,
  SIWE_NONCE_TTL_SEC: intFromString(30, 3600),
  /** Lifetime of an x402 `exact` authorization: the work and its settlement fit inside it. */
  X402_MAX_TIMEOUT_SEC: intFromString(10, 3600),
  /**
   * The starting credit needs the mint minimum in the wallet this many blocks before the mint
   * (43200 Base blocks ≈ one day), so one dollar passed between wallets earns it once.
   */
  STARTING_CREDIT_LOOKBACK_BLOCKS: intFromString(0, 10_000_000).default(43_200),
  /** Paid calls per agent per minute, counted in the agent's own Durable Object. */
  AGENT_QUOTA_PER_MIN: intFromString(1, 1_000_000),
  /** Bounds of one deposit (USD): below the minimum, gas and facilitator fees outweigh the top-up. */
  DEPOSIT_MIN_USD: positiveUsd,
  DEPOSIT_MAX_USD: positiveUsd,
  /** Deposit match promo: a credit of DEPOSIT_MATCH_BPS of each deposit (10000 = 100%)… */
  DEPOSIT_MATCH_ENABLED: flag,
  DEPOSIT_MATCH_BPS: intFromString(0, 10_000),
  /** …up to this much per agent over its lifetime, so repeated deposits cannot farm it. */
  DEPOSIT_MATCH_CAP_USD: UsdAmount,
  /** Catalog-tier routes switched on by configuration; an operator override stored in D1 wins. */
  CATALOG_ROUTES_ENABLED: catalogRouteList.default([]),
  /** The person-data vendor phone, person and email lookups fall back to (waterfall); "none" = off. */
  FALLBACK_PERSON_VENDOR: z.enum(["peopledatalabs", "none"]).default("peopledatalabs"),
  /** A lead hunted by the same agent within this window warm-seeds a new session (agent_cache). */
  LEAD_SESSION_WARM_WINDOW_SEC: intFromString(0, 90 * 86_400),
  /** A sync lead session starts no new round after this long, so the call answers in time. */
  LEAD_SESSION_SYNC_TIMEOUT_SEC: intFromString(5, 900),
  // Vendor settings (packages/vendors): optional, each falls back to the adapter's own default.
  /** OpenAI model for websearch research (an unknown one is costed at the dearest known prices). */
  OPENAI_MODEL: z.string().min(1).optional(),
  OPENAI_SUMMARY_MODEL: z.string().min(1).optional(),
  /** Most web searches one research call may run (the per-search fee is its main cost). */
  WEBSEARCH_MAX_SEARCHES: intFromString(1, 50).optional(),
  WEBSEARCH_TIMEOUT_MS: intFromString(100, 600_000).optional(),
  /** Per-request timeout of the people-data vendors (Whitepages, People Data Labs). */
  VENDOR_TIMEOUT_MS: intFromString(100, 120_000).optional(),
  PDL_MIN_LIKELIHOOD: intFromString(1, 10).optional(),
  WHITEPAGES_BASE_URL: z.url().optional(),
  OPENAI_BASE_URL: z.url().optional(),
  PDL_BASE_URL: z.url().optional(),
  SANDBOX_SEED: intFromString(0, 2 ** 31).optional(),
  SANDBOX_LATENCY_MS: intFromString(0, 600_000).optional(),
  /** Local development only: callbacks may reach loopback (over http too). Refused in production. */
  CALLBACKS_ALLOW_LOOPBACK: flag,
  /** With the switch on, only these loopback ports (comma-separated); every port when empty. */
  CALLBACKS_LOOPBACK_PORTS: z
    .string()
    .regex(/^(\d{1,5}(,\d{1,5})*)?$/)
    .transform((s) => (s === "" ? [] : s.split(",").map(Number)))
    .pipe(z.array(z.number().int().min(1).max(65_535))),
  /** The enrich agent's model: the offline one (no key, no network) or a provider with a key. */
  CHAT_PROVIDER: z.enum(["offline", "openai", "anthropic"]).default("offline"),
  CHAT_MODEL: z.string().min(1).default("gpt-4.1-mini"),
  /** Token prices (USD per million tokens): a turn's COGS, charged at the catalog's margin. */
  CHAT_INPUT_USD_PER_MTOK: UsdAmount.default(400_000),
  CHAT_OUTPUT_USD_PER_MTOK: UsdAmount.default(1_600_000),
  /** Turns per agent per minute, and tool calls per turn (the model cannot talk past either). */
  CHAT_TURNS_PER_MIN: intFromString(1, 600).default(10),
  CHAT_TOOLS_PER_TURN: intFromString(1, 20).default(6),
}).superRefine((c, ctx) => {
  if (c.ENVIRONMENT === "production" && c.CALLBACKS_ALLOW_LOOPBACK) {
    ctx.addIssue({ code: "custom", path: ["CALLBACKS_ALLOW_LOOPBACK"], message: "never in production" });
  }
});

export type Config = z.infer<typeof ConfigSchema>;

const cache = new WeakMap<object, Config>();

export function loadConfig(env: Env): Config {
  const hit = cache.get(env);
  if (hit) return hit;
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    // Names the broken keys, never their values: a value could be a secret.
    const keys = [...new Set(parsed.error.issues.map((i) => i.path.join(".")))];
    throw new ApiError("BAD_ENVIRONMENT", "the service is misconfigured", { details: { keys } });
  }
  // Production refuses to serve on sandbox parts (config/production-guard.ts): every request gets
  // the same 500 naming the rules and settings, never their values.
  const violations = productionViolations(env as unknown as Record<string, unknown>);
  if (violations.length > 0) {
    console.error(`production configuration refused: ${violations.map((v) => `${v.rule} (${v.keys.join(", ")})`).join("; ")}`);
    throw new ApiError("BAD_ENVIRONMENT", "the service is misconfigured for production", {
      details: { keys: [...new Set(violations.flatMap((v) => v.keys))], rules: violations },
    });
  }
  cache.set(env, parsed.data);
  return parsed.data;
}

/** The SIWE domain and URI are this service's own public origin. */
export function publicOrigin(config: Config): { host: string; origin: string } {
  const url = new URL(config.PUBLIC_BASE_URL);
  return { host: url.host, origin: url.origin };
}
