import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { catalogEntry } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { paidRouteResponses, paymentInfo } from "../../http/payment-info.ts";
import { paidCall } from "../../services/billing/paid-call.ts";
import { vendorsOf } from "../../services/vendors.ts";
import { runWebsearch } from "../../services/websearch.ts";
import { bearerSecurity } from "../../http/openapi-security.ts";
import { Billing } from "../../schemas/billing.ts";
import { WebsearchBody, WebsearchResult } from "../../schemas/websearch.ts";

const entry = catalogEntry("enrich.websearch");

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
      runWebsearch(c.env, vendorsOf(c), query, mode === "x402_exact" ? entry.price : hold),
    );
    return c.json(paid.body, 200, paid.headers);
  });
}
