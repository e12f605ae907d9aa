import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { CONFIRMED_BUG_CREDIT, STARTING_CREDIT } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { pricingPage } from "../../pages/pricing.tsx";
import { renderPage } from "../../pages/render.tsx";
import { DISCOVERY_CACHE_CONTROL, docLinks, liveCatalogRoutes, PRICED, priceRow, publicBase, usdText } from "./catalog-view.ts";

const Price = z.object({
  id: z.string(),
  method: z.enum(["GET", "POST"]),
  path: z.string(),
  price_usd: z.number().nullable().describe("null when the caller names the amount (deposits)"),
  price_atomic: z.string().nullable().describe("USDC base units (6 decimals)"),
  billing: z.enum(["on_match", "metered_on_match", "fixed", "upto", "amount"]),
  bill_on_match: z.boolean(),
  summary: z.string(),
  price_text: z.string(),
  offline: z.boolean(),
  ceiling: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
});

const Pricing = z
  .object({ currency: z.literal("USD"), prices: z.array(Price), notes: z.array(z.string()) })
  .openapi("Pricing");

export function pricingDocument(origin: string, enabled?: ReadonlySet<string>) {
  const links = docLinks(origin);
  return {
    currency: "USD" as const,
    prices: PRICED.map((e) => priceRow(e, enabled)),
    notes: [
      "Paid calls draw on your virtual USD balance first; when it cannot cover a call the route answers 402 with x402 payment requirements (USDC, 6 decimals: price_atomic is the on-chain amount).",
      "Enrichment is billed on match: a result with matched: false costs nothing.",
      "metered_on_match routes charge at least the listed price and at most your ceiling; upto (async job) routes reserve the ceiling and settle the actual cost.",
      `A new wallet-bound agent starts with ${usdText(STARTING_CREDIT)} of credit; a bug report an operator confirms earns ${usdText(CONFIRMED_BUG_CREDIT)}.`,
      "Routes marked offline answer 503 ROUTE_OFFLINE until they are enabled.",
      `Machine-readable offers: ${links.well_known} and ${links.bazaar}; every paid operation in ${links.openapi} carries x-payment-info.`,
    ],
  };
}

/**
 * True when Accept ranks text/html above application/json. Ties go to JSON, so `*\/*` (curl,
 * fetch) gets JSON and only a browser-style Accept gets the table.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = accept.split(",").flatMap((part) => {
    const [range = "", ...params] = part.trim().toLowerCase().split(";");
    const [type, subtype] = range.trim().split("/");
    if (!type || !subtype) return [];
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    return Number.isFinite(q) ? [{ type, subtype, q }] : [];
  });
  const quality = (type: string, subtype: string) => {
    // The most specific matching range decides (RFC 9110 §12.5.1).
    const exact = ranges.find((r) => r.type === type && r.subtype === subtype);
    const partial = ranges.find((r) => r.type === type && r.subtype === "*");
    const any = ranges.find((r) => r.type === "*" && r.subtype === "*");
    return (exact ?? partial ?? any)?.q ?? 0;
  };
  return quality("text", "html") > quality("application", "json");
}

const route = createRoute({
  method: "get",
  path: "/pricing",
  operationId: "pricing",
  tags: ["discovery"],
  summary: "Live prices from the catalog: JSON, or an HTML table when Accept prefers text/html",
  responses: {
    200: {
      description: "The price list",
      content: {
        "application/json": { schema: Pricing },
        "text/html": { schema: z.string() },
      },
    },
    ...errorResponses,
  },
});

export function registerPricing(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const origin = publicBase(c);
    const doc = pricingDocument(origin, await liveCatalogRoutes(c));
    c.header("Cache-Control", DISCOVERY_CACHE_CONTROL);
    // Shared caches must key on Accept, or a browser's HTML could be served to an agent.
    c.header("Vary", "Accept");
    if (prefersHtml(c.req.header("accept"))) {
      const res = await renderPage(c, pricingPage(doc));
      res.headers.set("Cache-Control", DISCOVERY_CACHE_CONTROL);
      res.headers.set("Vary", "Accept");
      return res as never;
    }
    return c.json(doc, 200);
  });
}
