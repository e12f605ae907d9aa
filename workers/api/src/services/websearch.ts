import { catalogEntry, type Micros, mulBps, toUsd } from "@411data/core";
import type { BusinessQuery } from "@411data/vendors";
import type { WebsearchResult } from "../routes/enrich/websearch.ts";
import type { PaidWork } from "./billing/paid-call.ts";
import { vendorFailure, vendorsFor } from "./vendors.ts";

// The websearch work itself, shared by the sync route and the async job runner so both bill and
// answer the same way.

const entry = catalogEntry("enrich.websearch");

/** On a match: max($1.00, COGS × margin once COGS > $1.00) (SPEC §3), never above the caller's ceiling. */
export function websearchCharge(cogs: Micros, ceiling: Micros): Micros {
  const metered = cogs > entry.price ? mulBps(cogs, entry.marginBps!) : 0;
  return Math.min(Math.max(entry.price, metered), ceiling);
}

/** Researches one business; a vendor fault is a VENDOR_UNAVAILABLE ApiError (nothing to charge). */
export async function runWebsearch(env: Env, query: BusinessQuery, ceiling: Micros): Promise<PaidWork<WebsearchResult>> {
  const vendors = vendorsFor(env);
  const result = await vendors.webResearch.research(query).catch(vendorFailure);
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
