import { z } from "@hono/zod-openapi";
import { catalogEntry, ErrorEnvelope, formatUsd, type CatalogEntry, type CatalogId, type Micros } from "@411data/core";
import { ErrorSchema } from "./openapi-errors.ts";

// OpenAPI pieces for paid operations, from the one price catalog: the `x-payment-info` extension
// and the documented 402.
//
// `x-payment-info` speaks two readers' dialects at once, each ignoring the other's keys: the MPP
// payment-discovery draft (`offers[]`, amounts in USDC base units; mppx validates it) and
// @agentcash/discovery's (`price` in USD, `protocols` naming x402 and MPP). Our own keys
// (`billing`, `scheme`, `ceiling`) say how the price behaves.

/** One draft-payment-discovery offer. */
export interface PaymentOffer {
  intent: "charge";
  /** `evm`: an MPP challenge (EIP-3009 authorization) is offered too; `x402` otherwise. */
  method: "evm" | "x402";
  /** Base units of USDC (6 decimals); null when the amount depends on the call. */
  amount: string | null;
  currency: "USDC";
  description: string;
}

export type Price =
  | { mode: "fixed"; currency: "USD"; amount: string }
  | { mode: "dynamic"; currency: "USD"; min: string; max: string };

export interface PaymentInfo {
  offers: [PaymentOffer];
  price: Price;
  protocols: Array<{ x402: { scheme: "exact" | "upto" } } | { mpp: { method: "evm"; intent: "charge"; currency: "USDC" } }>;
  /** Our billing rule. */
  billing: CatalogEntry["rule"];
  /** x402 scheme the runtime 402 offers. */
  scheme: "exact" | "upto";
  /** Bounds on a caller-chosen ceiling (metered and upto routes), in base units. */
  ceiling?: { default: string; min: string; max: string };
}

export interface PaymentInfoOptions {
  /** MPP is on for this deployment and offered on this route (default: what the catalog allows). */
  mpp?: boolean;
  /** Deposit bounds (configuration), for the amount the caller names. */
  deposit?: { min: Micros; max: Micros };
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

/** Decimal USD with cents, "0.33" / "1.50": what `price` readers expect. */
function usdDecimal(micros: Micros): string {
  return usdText(micros).slice(1);
}

function priceOf(entry: CatalogEntry, deposit: PaymentInfoOptions["deposit"]): Price {
  const c = entry.ceiling;
  switch (entry.rule) {
    case "on_match":
    case "fixed":
      return { mode: "fixed", currency: "USD", amount: usdDecimal(entry.price) };
    case "metered_on_match":
    case "upto":
      return { mode: "dynamic", currency: "USD", min: usdDecimal(c?.min ?? entry.price), max: usdDecimal(c?.max ?? entry.price) };
    case "amount":
      return { mode: "dynamic", currency: "USD", min: usdDecimal(deposit?.min ?? DEFAULT_DEPOSIT.min), max: usdDecimal(deposit?.max ?? DEFAULT_DEPOSIT.max) };
  }
}

/** The deposit bounds wrangler.jsonc ships with, for documents built without a config. */
const DEFAULT_DEPOSIT = { min: 1_000_000, max: 500_000_000 } as const;

/** MPP pays fixed-price sync calls; jobs (upto) and the caller's-amount deposits stay x402. */
export function mppPayable(entry: CatalogEntry): boolean {
  // Account operations are one wallet's; a route with no price of its own (the chat agent: bearer
  // only, its tools bill) has nothing a stranger could pay per call.
  if (entry.path.startsWith("/api/v1/agents/") || entry.price <= 0) return false;
  return entry.rule === "on_match" || entry.rule === "metered_on_match" || entry.rule === "fixed";
}

/** `x-payment-info` for a paid operation; spread as `"x-payment-info": paymentInfo(id)` in createRoute. */
export function paymentInfo(catalogId: CatalogId, opts: PaymentInfoOptions = {}): PaymentInfo {
  const entry = catalogEntry(catalogId);
  const ceiling = ceilingOf(entry);
  const scheme = entry.rule === "upto" ? "upto" : "exact";
  const mpp = (opts.mpp ?? true) && mppPayable(entry);
  return {
    offers: [
      {
        intent: "charge",
        method: mpp ? "evm" : "x402",
        // upto: the caller picks the ceiling and the actual cost is settled later, so there is no one
        // amount; amount routes: the caller names it. Metered routes' 402 asks for the minimum.
        amount: entry.rule === "upto" || entry.rule === "amount" ? null : String(entry.price),
        currency: "USDC",
        description: `${entry.summary}: ${priceText(entry)}.`,
      },
    ],
    price: priceOf(entry, opts.deposit),
    protocols: [{ x402: { scheme } }, ...(mpp ? [{ mpp: { method: "evm" as const, intent: "charge" as const, currency: "USDC" as const } }] : [])],
    billing: entry.rule,
    scheme,
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

/** The 402 body: an x402 v2 PaymentRequired (string `error`) with our error envelope beside it. */
export const X402PaymentRequiredSchema = z
  .object({
    x402Version: z.literal(2),
    error: z.string().describe("Our error code on a first 402 (AGENT_TOKEN_REQUIRED, …); the x402 reason when a payment was refused"),
    resource: z.object({ url: z.string(), description: z.string().optional(), mimeType: z.string().optional() }),
    accepts: z.array(PaymentRequirementsSchema),
    extensions: z.record(z.string(), z.unknown()).optional().describe("`bazaar`: how to call this route and what it answers"),
    api_error: ErrorEnvelope.shape.error.describe("Our error envelope (code, message, details, request_id)"),
  })
  .openapi("X402PaymentRequired");

const json = (schema: z.ZodType) => ({ "application/json": { schema } });

/** OpenAPI responses every paid route adds: the 402 (and 503 for catalog-tier routes). */
export function paidRouteResponses(catalogId: CatalogId) {
  const entry = catalogEntry(catalogId);
  const info = paymentInfo(catalogId);
  const responses = {
    402: {
      description:
        `Payment required (AGENT_TOKEN_REQUIRED, INSUFFICIENT_BALANCE, PAYMENT_INVALID, KEY_CAP_EXCEEDED, ALLOWANCE_EXCEEDED). ` +
        `${info.offers[0].description} Pay one of \`accepts[]\` and retry with PAYMENT-SIGNATURE, answer the WWW-Authenticate challenge with Authorization: Payment (MPP), or use a bearer with balance.`,
      headers: z.object({
        "payment-required": z.string().describe("base64 JSON of the x402 PaymentRequired object"),
        "www-authenticate": z.string().optional().describe("MPP `Payment` challenge (method evm, intent charge) on routes MPP pays"),
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
