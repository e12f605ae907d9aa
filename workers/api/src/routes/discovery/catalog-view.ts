import type { Context } from "hono";
import { CATALOG, X402_CATALOG, toUsd, type BillingRule, type CatalogEntry } from "@411data/core";
import {
  bazaarExtension as declareBazaar,
  buildAccepts,
  resourceInfo,
  RESOURCE_MIME_TYPE,
  X402_VERSION,
  type PaymentConfig,
  type PaymentRequirements,
} from "@411data/x402";
import type { AppEnv } from "../../context.ts";
import { priceText, usdText } from "../../http/payment-info.ts";
import { paymentConfig, uptoPaymentConfig } from "../../services/billing/payment-config.ts";
import { enabledCatalogRoutes } from "../../services/catalog-routes.ts";
import { EXAMPLES, jsonSchema, outline } from "./examples.ts";

export { priceText, usdText };

// Everything the discovery documents say about a paid route is computed here from the one price
// catalog and the deployment's payment config, so /.well-known/x402, /discovery/resources,
// /pricing and the guides can never disagree with each other or with a route's live 402.

export const DISCOVERY_CACHE_CONTROL = "public, max-age=60";
export const SERVICE_NAME = "411data";

/**
 * When the catalog's prices or rules last changed (bump it with CATALOG). A clock or isolate start
 * time would make two fetches of the same catalog differ, and caches and crawlers diff on it.
 */
export const CATALOG_UPDATED_AT = "2026-11-22T00:00:00Z";
export const CATALOG_UPDATED_UNIX = Math.floor(Date.parse(CATALOG_UPDATED_AT) / 1000);

/** The payment config discovery advertises, with `uptoFacilitatorAddress` when upto can be offered. */
export type PaymentConfigResolver = (c: Context<AppEnv>) => PaymentConfig | Promise<PaymentConfig>;

/** Discovery stays up when a remote facilitator does not answer: it then lists no upto offer. */
export const defaultPaymentConfig: PaymentConfigResolver = (c) =>
  uptoPaymentConfig(c.env, c.get("config"), c.var.runtime).catch((err: unknown) => {
    console.warn("discovery: upto facilitator signer unknown; listing no upto offer", err);
    return paymentConfig(c.get("config"));
  });

/** URLs are built on the configured public origin, not the Host header a proxy or attacker chose. */
export function publicBase(c: Context<AppEnv>): string {
  return new URL(c.get("config").PUBLIC_BASE_URL).origin;
}

/** What the x402 surfaces (well-known, Bazaar, the guides) list: routes payable per call. */
export const ENTRIES: readonly CatalogEntry[] = X402_CATALOG;
/** What /pricing lists: every priced thing, the balance-only chat turn included. */
export const PRICED: readonly CatalogEntry[] = CATALOG;

const NONE: ReadonlySet<string> = new Set();

/** The catalog-tier routes switched on right now (configuration or operator). */
export const liveCatalogRoutes = (c: Context<AppEnv>): Promise<ReadonlySet<string>> => enabledCatalogRoutes(c.env.DB, c.get("config"));

/** Catalog-tier routes answer ROUTE_OFFLINE until enabled; `enabled` holds the ones that are. */
export function isOffline(entry: CatalogEntry, enabled: ReadonlySet<string> = NONE): boolean {
  return entry.offlineByDefault === true && !enabled.has(entry.id);
}

export function billsOnMatch(rule: BillingRule): boolean {
  return rule === "on_match" || rule === "metered_on_match" || rule === "upto";
}

export interface Offer {
  /** Empty when the route has no fixed x402 offer this deployment can make (see `note`). */
  accepts: PaymentRequirements[];
  note?: string;
}

/**
 * The x402 offer a route's 402 would carry with default inputs. Deposits have no price until the
 * caller names one, and `upto` needs the facilitator's Permit2 signer: without it we advertise no
 * accepts rather than an `exact` fallback, because an exact payment of the ceiling could not be
 * partly refunded on-chain to an anonymous payer and the jobs route does not take it.
 */
export function offerFor(entry: CatalogEntry, pc: PaymentConfig): Offer {
  if (entry.rule === "amount") {
    return { accepts: [], note: "You name the amount; the 402 for that amount carries the x402 accepts." };
  }
  if (entry.rule === "upto" && !pc.uptoFacilitatorAddress) {
    return {
      accepts: [],
      note:
        "x402 `upto` is not offered by this deployment yet; submit with an agent bearer and the ceiling " +
        "is pre-charged from the virtual balance.",
    };
  }
  return { accepts: buildAccepts(entry, pc) };
}

function ceilingView(entry: CatalogEntry) {
  const c = entry.ceiling;
  if (!c) return undefined;
  return {
    default_usd: toUsd(c.default),
    min_usd: toUsd(c.min),
    max_usd: toUsd(c.max),
    default_atomic: String(c.default),
    min_atomic: String(c.min),
    max_atomic: String(c.max),
  };
}

/** One row of /pricing; also the price block of the other documents. */
export function priceRow(entry: CatalogEntry, enabled: ReadonlySet<string> = NONE) {
  const named = entry.rule === "amount";
  const ceiling = ceilingView(entry);
  return {
    id: entry.id,
    method: entry.method,
    path: entry.path,
    price_usd: named ? null : toUsd(entry.price),
    price_atomic: named ? null : String(entry.price),
    billing: entry.rule,
    bill_on_match: billsOnMatch(entry.rule),
    summary: entry.summary,
    price_text: priceText(entry),
    offline: isOffline(entry, enabled),
    ...(ceiling ? { ceiling } : {}),
  };
}

/** Search words for Bazaar: the route's own path segments, and the words agents use for async work. */
export function tagsFor(entry: CatalogEntry): string[] {
  const words = entry.path.replace(/^\/api\/v\d+\//, "").split(/[/-]/).filter(Boolean);
  const extra = entry.rule === "upto" ? ["async", "queue", "jobs", "upto"] : [];
  return [...new Set([...words, ...extra])];
}

/**
 * `extensions.bazaar` for a route: a worked example plus the JSON Schema it validates against, in
 * the shape facilitators check (`info` must validate against `schema`). A route's live 402 can
 * carry the same object so a paying facilitator catalogs it.
 */
export function bazaarExtension(entry: CatalogEntry): Record<string, unknown> | undefined {
  // A pure function of the catalog entry; converting the schemas on every request would be waste.
  if (!extensionCache.has(entry.id)) extensionCache.set(entry.id, buildBazaarExtension(entry));
  return extensionCache.get(entry.id);
}

const extensionCache = new Map<string, Record<string, unknown> | undefined>();

function buildBazaarExtension(entry: CatalogEntry): Record<string, unknown> | undefined {
  const example = EXAMPLES[entry.id as keyof typeof EXAMPLES];
  if (!example) return undefined;
  const declared = declareBazaar({
    method: entry.method,
    inputExample: example.requestExample,
    inputSchema: jsonSchema(example.request, "input"),
    outputExample: example.responseExample,
    outputSchema: outline(jsonSchema(example.response, "output"), 2),
  });
  return declared.bazaar as Record<string, unknown>;
}

/**
 * Bazaar lists what a stranger can buy right now: not account operations tied to one wallet
 * (deposits, recovery), not offline catalog-tier routes, and `upto` only when it can be offered.
 */
export function bazaarListed(entry: CatalogEntry, pc: PaymentConfig, enabled: ReadonlySet<string> = NONE): boolean {
  if (entry.path.startsWith("/api/v1/agents/")) return false;
  if (isOffline(entry, enabled)) return false;
  return offerFor(entry, pc).accepts.length > 0;
}

export function bazaarItem(entry: CatalogEntry, pc: PaymentConfig, origin: string) {
  const extension = bazaarExtension(entry);
  const resource = resourceInfo(entry, origin);
  const row = priceRow(entry);
  return {
    resource: resource.url,
    type: "http" as const,
    x402Version: X402_VERSION as 2,
    accepts: offerFor(entry, pc).accepts,
    lastUpdated: CATALOG_UPDATED_UNIX,
    description: resource.description,
    mimeType: RESOURCE_MIME_TYPE,
    serviceName: SERVICE_NAME,
    tags: tagsFor(entry),
    metadata: {
      provider: SERVICE_NAME,
      category: "data-enrichment",
      catalog_id: entry.id,
      method: entry.method,
      billing: row.billing,
      bill_on_match: row.bill_on_match,
      price_usd: row.price_usd,
      price_atomic: row.price_atomic,
      price_text: row.price_text,
      ...(row.ceiling ? { ceiling: row.ceiling } : {}),
    },
    ...(extension ? { extensions: { bazaar: extension } } : {}),
  };
}

export function bazaarItems(pc: PaymentConfig, origin: string, enabled: ReadonlySet<string> = NONE) {
  return ENTRIES.filter((e) => bazaarListed(e, pc, enabled)).map((e) => bazaarItem(e, pc, origin));
}

/** Absolute links to every discovery surface, for documents that point at each other. */
export function docLinks(origin: string) {
  const at = (path: string) => new URL(path, origin).toString();
  return {
    openapi: at("/openapi.json"),
    well_known: at("/.well-known/x402"),
    bazaar: at("/discovery/resources"),
    pricing: at("/pricing"),
    skill: at("/skill.md"),
    llms: at("/llms.txt"),
  };
}
