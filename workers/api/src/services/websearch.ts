import { catalogEntry, type Micros, mulBps, toUsd } from "@411data/core";
import { type BusinessQuery, DEFAULT_MAX_SEARCHES, OPENAI_WEB_SEARCH_FEE_MICRO_USD, type Vendors } from "@411data/vendors";
import { loadConfig } from "../config.ts";
import type { WebsearchResult } from "../schemas/websearch.ts";
import type { PaidWork } from "./billing/paid-call.ts";
import { vendorFailure } from "./vendors.ts";

// The websearch work itself, shared by the sync route and the async job runner so both bill and
// answer the same way.

const entry = catalogEntry("enrich.websearch");

/** On a match: max($1.00, COGS × margin once COGS > $1.00) (SPEC §3), never above the caller's ceiling. */
export function websearchCharge(cogs: Micros, ceiling: Micros): Micros {
  const metered = cogs > entry.price ? mulBps(cogs, entry.marginBps!) : 0;
  return Math.min(Math.max(entry.price, metered), ceiling);
}

/** What one research call's tokens may cost besides its searches (a generous bound for the default models). */
const TOKEN_RESERVE_MICROS: Micros = 100_000;

/**
 * Web searches the work may run so that COGS × margin stays within `ceiling`: the search fee is the
 * cost a call can grow by, so the ceiling bounds the searches (the configured maximum still applies).
 */
export function searchesWithin(ceiling: Micros): number {
  const affordable = Math.floor((ceiling * 10_000) / entry.marginBps!) - TOKEN_RESERVE_MICROS;
  return Math.max(1, Math.floor(affordable / OPENAI_WEB_SEARCH_FEE_MICRO_USD));
}

/**
 * Researches one business within `ceiling` (the work is bounded by what the caller pays for, not
 * only the charge); a vendor fault is a VENDOR_UNAVAILABLE ApiError (nothing to charge).
 */
export async function runWebsearch(env: Env, vendors: Vendors, query: BusinessQuery, ceiling: Micros): Promise<PaidWork<WebsearchResult>> {
  const configured = loadConfig(env).WEBSEARCH_MAX_SEARCHES ?? DEFAULT_MAX_SEARCHES;
  const result = await vendors.webResearch.research(query, { maxSearches: Math.min(configured, searchesWithin(ceiling)) }).catch(vendorFailure);
  return {
    matched: result.matched,
    charge: websearchCharge(result.cost_micro_usd, ceiling),
    cogs: result.cost_micro_usd,
    vendorHops: [result.vendor],
    body: {
      matched: result.matched,
      data: result.data,
      metadata: {
        query_mode: "websearch" as const,
        vendor: result.vendor,
        vendor_mode: vendors.modes.openai,
        model: result.model,
        web_searches: result.usage.web_searches,
        latency_ms: result.latency_ms,
        cogs_usd: toUsd(result.cost_micro_usd),
      },
    },
  };
}
