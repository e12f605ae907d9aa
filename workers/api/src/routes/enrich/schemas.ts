import { z } from "@hono/zod-openapi";
import { NormalizedPerson } from "@411data/vendors";

export const PeopleResult = z
  .object({
    matched: z.boolean(),
    data: z.object({ people: z.array(NormalizedPerson) }),
    metadata: z.object({
      query_mode: z.enum(["reverse_phone", "name", "address", "email"]),
      vendor: z.string(),
      vendor_mode: z.enum(["live", "sandbox"]),
      latency_ms: z.number(),
      total_available: z.number(),
      phone_e164: z.string().nullable(),
    }),
  })
  .openapi("PeopleResult");

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
