import { z } from "@hono/zod-openapi";
import { NormalizedPerson } from "@411data/vendors";
import type { PaidWork } from "../../services/billing/paid-call.ts";
import type { PeopleLookup } from "../../services/lookup.ts";

export const VendorHop = z
  .object({
    vendor: z.string(),
    outcome: z.enum(["match", "miss", "error"]),
    latency_ms: z.number(),
    error_kind: z.string().nullable().describe("rate_limited, unavailable, timeout or malformed when the vendor failed"),
  })
  .openapi("VendorHop");

export const PeopleResult = z
  .object({
    matched: z.boolean(),
    data: z.object({ people: z.array(NormalizedPerson) }),
    metadata: z.object({
      query_mode: z.enum(["reverse_phone", "name", "address", "email"]),
      vendor: z.string().describe("the vendor whose answer this is: the match, or the last one that missed"),
      vendor_mode: z.enum(["live", "sandbox"]),
      latency_ms: z.number(),
      total_available: z.number(),
      phone_e164: z.string().nullable(),
      vendor_hops: z.array(VendorHop).describe("every vendor asked, in order (waterfall); one price either way"),
    }),
  })
  .openapi("PeopleResult");
export type PeopleResult = z.infer<typeof PeopleResult>;

/** The paid outcome of a people lookup, the same for every route that answers PeopleResult. */
export function peopleWork(lookup: PeopleLookup, phoneE164: string | null): PaidWork<PeopleResult> {
  const { result } = lookup;
  return {
    matched: result.matched,
    cogs: lookup.cogs,
    vendorHops: lookup.logHops,
    body: {
      matched: result.matched,
      data: { people: result.people },
      metadata: {
        query_mode: result.query_mode,
        vendor: result.vendor,
        vendor_mode: lookup.vendorMode,
        latency_ms: lookup.hops.reduce((sum, h) => sum + h.latency_ms, 0),
        total_available: result.total_available,
        phone_e164: phoneE164,
        vendor_hops: lookup.hops,
      },
    },
  };
}

export const Billing = z
  .object({
    price_usd: z.number(),
    charged_usd: z.number(),
    refunded_usd: z.number(),
    balance_after_usd: z.number().nullable(),
    mode: z.enum(["virtual_balance", "x402_exact"]),
    matched: z.boolean(),
    x402_transaction: z.string().nullable(),
  })
  .openapi("Billing");

export const bearerSecurity = [{ Bearer: [] }];
