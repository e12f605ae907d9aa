import { z } from "@hono/zod-openapi";

/** The billing block a paid sync answer carries. */
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
