import { z } from "@hono/zod-openapi";
import { catalogEntry, toUsd, UsdAmount } from "@411data/core";
import { BusinessResearchData } from "@411data/vendors";

const entry = catalogEntry("enrich.websearch");
const ceiling = entry.ceiling!;
const text = (max: number) => z.string().trim().min(1).max(max);

/** The websearch request; async jobs validate their `payload` with this same schema. */
export const WebsearchBody = z.object({
  business_name: text(200).openapi({ example: "Finicky Window Cleaning, Inc." }),
  city: text(80).optional().openapi({ example: "Dunedin" }),
  state: text(40).optional().openapi({ example: "FL" }),
  domain: text(253).optional(),
  prompt: text(2000).optional(),
  max_usd: UsdAmount.refine((m) => m >= ceiling.min && m <= ceiling.max, {
    message: `max_usd must be between ${toUsd(ceiling.min)} and ${toUsd(ceiling.max)}`,
  })
    .optional()
    .openapi({
      type: ["number", "string"],
      description: `Most this call may charge (default ${toUsd(entry.price)}, the price; from ${toUsd(ceiling.min)} to ${toUsd(ceiling.max)}); held up front, the actual is captured, and the research is bounded to it. Paid by x402, a call pays the price and is bounded to it`,
    }),
});
export type WebsearchBody = z.output<typeof WebsearchBody>;

export const WebsearchResult = z
  .object({
    matched: z.boolean(),
    data: BusinessResearchData,
    metadata: z.object({
      query_mode: z.literal("websearch"),
      vendor: z.string(),
      vendor_mode: z.enum(["live", "sandbox"]),
      model: z.string(),
      web_searches: z.number(),
      latency_ms: z.number(),
      cogs_usd: z.number(),
    }),
  })
  .openapi("WebsearchResult");
export type WebsearchResult = z.output<typeof WebsearchResult>;
