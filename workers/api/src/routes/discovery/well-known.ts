import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { resourceInfo, X402_VERSION, type PaymentConfig } from "@411data/x402";
import type { AppEnv } from "../../context.ts";
import { errorResponses } from "../../http/openapi-errors.ts";
import {
  CATALOG_UPDATED_AT,
  CATALOG_UPDATED_UNIX,
  DISCOVERY_CACHE_CONTROL,
  docLinks,
  ENTRIES,
  isOffline,
  liveCatalogRoutes,
  offerFor,
  priceRow,
  publicBase,
  SERVICE_NAME,
  type PaymentConfigResolver,
} from "./catalog-view.ts";
import { EXAMPLES } from "./examples.ts";

// /.well-known/x402 is not in the x402 core spec. Crawlers (x402scan and its kin) read `resources`
// as the URLs one can pay right now; `items` are the rich entries (price, billing, advisory
// `accepts[]`, a worked example) for every catalog route, offline ones marked. The runtime 402
// stays authoritative.

const PaymentRequirement = z.record(z.string(), z.unknown());

const WellKnownResource = z.object({
  id: z.string(),
  url: z.string(),
  method: z.enum(["GET", "POST"]),
  description: z.string(),
  mimeType: z.string(),
  price_usd: z.number().nullable().describe("null when the caller names the amount"),
  price_atomic: z.string().nullable().describe("USDC base units (6 decimals)"),
  price_text: z.string(),
  billing: z.enum(["on_match", "metered_on_match", "fixed", "upto", "amount"]),
  bill_on_match: z.boolean(),
  offline: z.boolean().describe("catalog tier: answers ROUTE_OFFLINE until enabled"),
  ceiling: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  accepts: z.array(PaymentRequirement),
  note: z.string().optional(),
  input: z.object({ method: z.string(), bodyType: z.literal("json"), body: z.unknown() }).optional(),
  output: z.object({ mimeType: z.string(), example: z.unknown() }).optional(),
});

const WellKnown = z
  .object({
    x402Version: z.literal(2),
    kind: z.literal("resource-server"),
    name: z.string(),
    description: z.string(),
    lastUpdated: z.number().int(),
    updated: z.string(),
    payment: z.object({ network: z.string(), asset: z.string(), payTo: z.string(), currency: z.literal("USDC") }),
    resources: z.array(z.string()).describe("URLs of the resources payable right now (offline catalog routes left out)"),
    items: z.array(WellKnownResource),
    docs: z.record(z.string(), z.string()),
  })
  .openapi("X402WellKnown");

export function wellKnownDocument(pc: PaymentConfig, origin: string, enabled?: ReadonlySet<string>) {
  return {
    x402Version: X402_VERSION as 2,
    kind: "resource-server" as const,
    name: SERVICE_NAME,
    description:
      "Lead and business-data enrichment for agents. Pay per call from a virtual USD balance (agent bearer) " +
      "or per request with x402; enrichment is billed only on a match.",
    lastUpdated: CATALOG_UPDATED_UNIX,
    updated: CATALOG_UPDATED_AT,
    payment: { network: pc.network, asset: pc.asset, payTo: pc.payTo, currency: "USDC" as const },
    resources: ENTRIES.filter((entry) => !isOffline(entry, enabled)).map((entry) => resourceInfo(entry, origin).url),
    items: ENTRIES.map((entry) => {
      const info = resourceInfo(entry, origin);
      const { id: _id, method: _method, path: _path, summary: _summary, ...price } = priceRow(entry, enabled);
      // Offline: nothing to sell until enabled, so no offer to advertise.
      const offer = price.offline ? { accepts: [], note: "Offline: answers 503 ROUTE_OFFLINE (nothing charged) until enabled." } : offerFor(entry, pc);
      const example = EXAMPLES[entry.id as keyof typeof EXAMPLES];
      return {
        id: entry.id,
        url: info.url,
        method: entry.method,
        description: entry.summary,
        mimeType: info.mimeType ?? "application/json",
        ...price,
        accepts: offer.accepts,
        ...(offer.note ? { note: offer.note } : {}),
        ...(example
          ? {
              input: { method: entry.method, bodyType: "json" as const, body: example.requestExample },
              output: { mimeType: "application/json", example: example.responseExample },
            }
          : {}),
      };
    }),
    docs: docLinks(origin),
  };
}

const route = createRoute({
  method: "get",
  path: "/.well-known/x402",
  operationId: "wellKnownX402",
  tags: ["discovery"],
  summary: "Every paid resource, its price and the x402 payment it accepts (advisory; the 402 is authoritative)",
  responses: {
    200: { description: "The catalog of paid resources", content: { "application/json": { schema: WellKnown } } },
    ...errorResponses,
  },
});

export function registerWellKnown(app: OpenAPIHono<AppEnv>, resolve: PaymentConfigResolver) {
  app.openapi(route, async (c) => {
    const doc = wellKnownDocument(await resolve(c), publicBase(c), await liveCatalogRoutes(c));
    c.header("Cache-Control", DISCOVERY_CACHE_CONTROL);
    return c.json(doc, 200);
  });
}
