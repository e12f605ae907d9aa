import { z } from "@hono/zod-openapi";
import { catalogEntry, ErrorEnvelope, formatUsd, type CatalogEntry, type CatalogId, type Micros } from "@411data/core";
import { ErrorSchema } from "./openapi-errors.ts";

// OpenAPI pieces for paid operations, from the one price catalog: the `x-payment-info` extension
// (draft-payment-discovery / mppx shape, amounts in USDC base units) and the documented 402.

/** `x-payment-info`: a flat draft-payment-discovery offer (mppx normalizes it to one `offers[]` entry). */
export interface PaymentInfo {
  intent: "charge";
  method: "x402";
  /** Base units of USDC (6 decimals); null when the amount depends on the call. */
  amount: string | null;
  currency: "USDC";
  description: string;
  /** Our billing rule; extra keys are allowed by the draft and by mppx's validator. */
  billing: CatalogEntry["rule"];
  /** x402 scheme the runtime 402 offers. */
  scheme: "exact" | "upto";
  /** Bounds on a caller-chosen ceiling (metered and upto routes), in base units. */
  ceiling?: { default: string; min: string; max: string };
}

/** Human price text, "$0.33" / "$1.50": µUSD made exact by formatUsd, trimmed for reading. */
export function usdText(micros: Micros): string {
  const [whole, frac = ""] = formatUsd(micros).split(".");
  return `$${whole}.${frac.replace(/0+$/, "").padEnd(2, "0")}`;
}

/** What a route costs in one sentence, from its billing rule. */
export function priceText(entry: CatalogEntry): string {
  const c = entry.ceiling;
  switch (entry.rule) {
    case "on_match":
      return `${usdText(entry.price)} per match (no match, no charge)`;
    case "metered_on_match":
      return (
        `${usdText(entry.price)} minimum per match; research that costs more is billed at cost plus margin` +
        (c ? `, never above your ceiling (default ${usdText(c.default)}, up to ${usdText(c.max)})` : "")
      );
    case "upto":
      return c
        ? `bill up to ${usdText(c.default)} by default (you may set ${usdText(c.min)}–${usdText(c.max)}); actual cost settled, rest refunded, $0 on no match`
        : `bill up to ${usdText(entry.price)}; actual cost settled`;
    case "fixed":
      return `${usdText(entry.price)} per call`;
    case "amount":
      return "the amount you choose";
  }
}

function ceilingOf(entry: CatalogEntry): PaymentInfo["ceiling"] {
  const c = entry.ceiling;
  return c ? { default: String(c.default), min: String(c.min), max: String(c.max) } : undefined;
}

/** `x-payment-info` for a paid operation; spread as `"x-payment-info": paymentInfo(id)` in createRoute. */
export function paymentInfo(catalogId: CatalogId): PaymentInfo {
  const entry = catalogEntry(catalogId);
  const ceiling = ceilingOf(entry);
  return {
    intent: "charge",
    method: "x402",
    // upto: the caller picks the ceiling and the actual cost is settled later, so there is no one
    // amount; amount routes: the caller names it. Metered routes' 402 asks for the minimum.
    amount: entry.rule === "upto" || entry.rule === "amount" ? null : String(entry.price),
    currency: "USDC",
    description: `${entry.summary}: ${priceText(entry)}.`,
    billing: entry.rule,
    scheme: entry.rule === "upto" ? "upto" : "exact",
    ...(ceiling ? { ceiling } : {}),
  };
}

const PaymentRequirementsSchema = z
  .object({
    scheme: z.enum(["exact", "upto"]),
    network: z.string().describe("CAIP-2, e.g. eip155:8453"),
    amount: z.string().describe("USDC base units (6 decimals)"),
    asset: z.string(),
    payTo: z.string(),
    maxTimeoutSeconds: z.number().int(),
    extra: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("X402PaymentRequirements");

/** The 402 body: our error envelope with the x402 v2 PaymentRequired keys beside it. */
export const X402PaymentRequiredSchema = ErrorEnvelope.extend({
  x402Version: z.literal(2),
  resource: z.object({ url: z.string(), description: z.string().optional(), mimeType: z.string().optional() }),
  accepts: z.array(PaymentRequirementsSchema),
  extensions: z.record(z.string(), z.unknown()).optional(),
}).openapi("X402PaymentRequired");

const json = (schema: z.ZodType) => ({ "application/json": { schema } });

/** OpenAPI responses every paid route adds: the 402 (and 503 for catalog-tier routes). */
export function paidRouteResponses(catalogId: CatalogId) {
  const entry = catalogEntry(catalogId);
  const info = paymentInfo(catalogId);
  const responses = {
    402: {
      description:
        `Payment required (AGENT_TOKEN_REQUIRED, INSUFFICIENT_BALANCE, PAYMENT_INVALID, KEY_CAP_EXCEEDED, ALLOWANCE_EXCEEDED). ` +
        `${info.description} Pay one of \`accepts[]\` and retry with PAYMENT-SIGNATURE, or use a bearer with balance.`,
      headers: z.object({
        "payment-required": z.string().describe("base64 JSON of the x402 PaymentRequired object"),
      }),
      content: json(X402PaymentRequiredSchema),
    },
  };
  if (entry.offlineByDefault !== true) return responses;
  return {
    ...responses,
    503: {
      description: "ROUTE_OFFLINE: this catalog-tier route is not enabled (also VENDOR_UNAVAILABLE)",
      content: json(ErrorSchema),
    },
  };
}
