import { z } from "@hono/zod-openapi";
import { NormalizedPerson } from "@411data/vendors";

// What every people lookup answers (enrich/phone, /person, /email; batch rows of those routes).

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
