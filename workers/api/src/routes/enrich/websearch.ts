import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { catalogEntry, toUsd, UsdAmount } from "@411data/core";
import { BusinessResearchData } from "@411data/vendors";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../http/payment-info.ts";
import { paidCall } from "../../services/billing/paid-call.ts";
import { runWebsearch } from "../../services/websearch.ts";
import { bearerSecurity, Billing } from "./schemas.ts";

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

export const route = createRoute({
  method: "post",
  path: "/api/v1/enrich/websearch",
  operationId: "enrichWebsearch",
  tags: ["enrich"],
  summary: "LLM web research on a business ($1.00 minimum on match; COGS × 1.30 above $1.00, up to max_usd)",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("enrich.websearch"),
  request: { body: { content: { "application/json": { schema: WebsearchBody } }, required: true } },
  responses: {
    200: { description: "Result with a billing block", content: { "application/json": { schema: WebsearchResult.extend({ billing: Billing }) } } },
    ...paidRouteResponses("enrich.websearch"),
    ...errorResponses,
  },
});

export function registerEnrichWebsearch(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { max_usd, ...query } = c.req.valid("json");
    // By default the balance needs only the price (the catalog's default ceiling); a caller who
    // wants deeper research raises max_usd.
    const hold = max_usd ?? entry.ceiling!.default;
    const paid = await paidCall(c, { routeId: "enrich.websearch", hold }, ({ mode }) =>
      // x402 exact settles exactly the price, so the work is bounded to what that pays for.
      runWebsearch(c.env, query, mode === "x402_exact" ? entry.price : hold),
    );
    return c.json(paid.body, 200, paid.headers);
  });
}
