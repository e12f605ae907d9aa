import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, catalogEntry, type Micros, mulBps, toUsd, UsdAmount } from "@411data/core";
import { BusinessResearchData } from "@411data/vendors";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../http/payment-info.ts";
import { paidCall } from "../../services/billing/paid-call.ts";
import { vendorFailure, vendorsFor } from "../../services/vendors.ts";
import { bearerSecurity, Billing } from "./schemas.ts";

const entry = catalogEntry("enrich.websearch");
const text = (max: number) => z.string().trim().min(1).max(max);

const Body = z.object({
  business_name: text(200).openapi({ example: "Finicky Window Cleaning, Inc." }),
  city: text(80).optional().openapi({ example: "Dunedin" }),
  state: text(40).optional().openapi({ example: "FL" }),
  domain: text(253).optional(),
  prompt: text(2000).optional(),
  max_usd: UsdAmount.optional().openapi({
    type: ["number", "string"],
    description: `Most this call may charge (default ${toUsd(entry.ceiling!.default)}, from ${toUsd(entry.ceiling!.min)} to ${toUsd(entry.ceiling!.max)}); held up front, the actual is captured`,
  }),
});

const Result = z
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

const route = createRoute({
  method: "post",
  path: "/api/v1/enrich/websearch",
  operationId: "enrichWebsearch",
  tags: ["enrich"],
  summary: "LLM web research on a business ($1.00 minimum on match; COGS × 1.30 above $1.00, up to max_usd)",
  security: bearerSecurity,
  "x-payment-info": paymentInfo("enrich.websearch"),
  request: { body: { content: { "application/json": { schema: Body } }, required: true } },
  responses: {
    200: { description: "Result with a billing block", content: { "application/json": { schema: Result.extend({ billing: Billing }) } } },
    ...paidRouteResponses("enrich.websearch"),
    ...errorResponses,
  },
});

/** On a match: max($1.00, COGS × margin), never above the caller's ceiling. */
export function websearchCharge(cogs: Micros, ceiling: Micros): Micros {
  return Math.min(Math.max(entry.price, mulBps(cogs, entry.marginBps!)), ceiling);
}

export function registerEnrichWebsearch(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const { min, max, default: fallback } = entry.ceiling!;
    const ceiling = body.max_usd ?? fallback;
    if (ceiling < min || ceiling > max) {
      throw new ApiError("VALIDATION_FAILED", `max_usd must be between ${toUsd(min)} and ${toUsd(max)}`, {
        details: { field: "max_usd" },
      });
    }
    const paid = await paidCall(c, { routeId: "enrich.websearch", hold: ceiling }, async () => {
      const vendors = vendorsFor(c.env);
      const { max_usd: _ceiling, ...query } = body;
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
    });
    return c.json(paid.body, 200, paid.headers);
  });
}
