import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { CONFIRMED_BUG_CREDIT, STARTING_CREDIT } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import { DISCOVERY_CACHE_CONTROL, docLinks, ENTRIES, liveCatalogRoutes, priceRow, publicBase, usdText } from "./catalog-view.ts";

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
    prices: ENTRIES.map((e) => priceRow(e, enabled)),
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

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

function priceCell(p: ReturnType<typeof priceRow>): string {
  if (p.price_atomic === null) return "you choose";
  const amount = usdText(Number(p.price_atomic));
  if (p.billing === "upto") return `up to ${amount} (default)`;
  if (p.billing === "metered_on_match") return `from ${amount}`;
  return amount;
}

export function pricingHtml(doc: ReturnType<typeof pricingDocument>, origin: string): string {
  const links = docLinks(origin);
  const rows = doc.prices
    .map(
      (p) => `<tr>
<th scope="row"><code>${escape(`${p.method} ${p.path}`)}</code></th>
<td>${escape(priceCell(p))}</td>
<td>${escape(p.price_text)}</td>
<td>${escape(p.summary)}</td>
<td>${p.offline ? "offline" : "available"}</td>
</tr>`,
    )
    .join("\n");
  const notes = doc.notes.map((n) => `<li>${escape(n)}</li>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>411data pricing</title>
<style>
body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111;background:#fff}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{border:1px solid #888;padding:.4rem .6rem;text-align:left;vertical-align:top}
thead th{background:#eee}
a{color:#0645ad}
</style>
</head>
<body>
<main>
<h1>411data pricing</h1>
<p>Live prices in US dollars, paid from your virtual balance or in USDC with x402.</p>
<table>
<caption>Paid routes and their default prices</caption>
<thead><tr><th scope="col">Route</th><th scope="col">Price</th><th scope="col">How it is billed</th><th scope="col">What it does</th><th scope="col">Status</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Notes</h2>
<ul>
${notes}
</ul>
<p>Also as <a href="${escape(links.pricing)}">JSON</a> (send <code>Accept: application/json</code>), <a href="${escape(links.skill)}">skill.md</a>, <a href="${escape(links.openapi)}">OpenAPI</a>.</p>
</main>
</body>
</html>
`;
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
    if (prefersHtml(c.req.header("accept"))) return c.html(pricingHtml(doc, origin), 200);
    return c.json(doc, 200);
  });
}
