import type { Micros } from "./money.ts";

// The one price catalog. /pricing, /.well-known/x402, /discovery/resources, the x402 `accepts[]`
// and the OpenAPI `x-payment-info` blocks are all derived from this table.

/**
 * How a route is billed:
 * - `on_match`: the price is held before the vendor call and captured only on a match.
 * - `metered_on_match`: like on_match, but the capture is the actual cost (≥ the price) up to a
 *   ceiling the caller may lower or raise within bounds.
 * - `fixed`: charged whenever the call succeeds.
 * - `upto`: an async ceiling pre-charged (or authorized via x402 `upto`) and trued up later.
 * - `amount`: the caller names the amount (deposits).
 */
export type BillingRule = "on_match" | "metered_on_match" | "fixed" | "upto" | "amount";

export interface CatalogEntry {
  id: string;
  method: "POST" | "GET";
  path: string;
  price: Micros;
  rule: BillingRule;
  summary: string;
  /** Catalog-tier routes answer ROUTE_OFFLINE until configuration enables them. */
  offlineByDefault?: boolean;
  /** Bounds on a caller-chosen ceiling (metered and upto routes). */
  ceiling?: { default: Micros; min: Micros; max: Micros };
  /** Markup on cost of goods, in basis points (13000 = ×1.30), for metered routes. */
  marginBps?: number;
  /** Paid from the virtual balance only (a bearer is required): never offered through x402. */
  balanceOnly?: boolean;
}

export const CATALOG = [
  {
    id: "enrich.phone",
    method: "POST",
    path: "/api/v1/enrich/phone",
    price: 330_000,
    rule: "on_match",
    summary: "Reverse phone lookup: the people, emails and addresses behind a number",
  },
  {
    id: "enrich.person",
    method: "POST",
    path: "/api/v1/enrich/person",
    price: 500_000,
    rule: "on_match",
    summary: "Person lookup by name and location, phone, or address",
  },
  {
    id: "enrich.websearch",
    method: "POST",
    path: "/api/v1/enrich/websearch",
    price: 1_000_000,
    rule: "metered_on_match",
    summary: "LLM web research on a business: phones, people, addresses, legal associates, sources",
    // By default a call holds only the price; a caller who wants deeper research raises `max_usd`.
    ceiling: { default: 1_000_000, min: 1_000_000, max: 20_000_000 },
    marginBps: 13_000,
  },
  {
    id: "enrich.lead_session",
    method: "POST",
    path: "/api/v1/enrich/lead-session",
    price: 1_500_000,
    rule: "metered_on_match",
    summary: "Agentic multi-tool enrichment of one CRM lead into a lead_enrichment_v1 graph",
    ceiling: { default: 2_000_000, min: 1_500_000, max: 50_000_000 },
    marginBps: 13_000,
  },
  {
    id: "enrich.jobs",
    method: "POST",
    path: "/api/v1/enrich/jobs",
    price: 1_500_000,
    rule: "upto",
    summary: "Async websearch or lead-session job, billed up to a ceiling and trued up on completion",
    ceiling: { default: 1_500_000, min: 50_000, max: 50_000_000 },
  },
  {
    id: "support.tickets",
    method: "POST",
    path: "/api/v1/support/tickets",
    price: 10_000,
    rule: "fixed",
    summary: "Open a support ticket; a confirmed bug earns a $1.00 credit",
  },
  {
    id: "agents.deposits",
    method: "POST",
    path: "/api/v1/agents/deposits",
    price: 0,
    rule: "amount",
    summary: "Top up the virtual balance with an x402 payment",
  },
  {
    id: "agents.wallet_recover",
    method: "POST",
    path: "/api/v1/agents/wallet-recover/complete",
    price: 1_000_000,
    rule: "fixed",
    summary: "Wallet recovery fee (non-refundable): rotates a lost bearer",
  },
  {
    id: "enrich.email",
    method: "POST",
    path: "/api/v1/enrich/email",
    price: 100_000,
    rule: "on_match",
    summary: "Email enrichment (catalog tier)",
    offlineByDefault: true,
  },
  {
    id: "enrich.company",
    method: "POST",
    path: "/api/v1/enrich/company",
    price: 250_000,
    rule: "on_match",
    summary: "Company firmographics (catalog tier)",
    offlineByDefault: true,
  },
  {
    id: "leads.search",
    method: "POST",
    path: "/api/v1/leads/search",
    price: 50_000,
    rule: "fixed",
    summary: "Search leads by filters, cursor-paginated (catalog tier)",
    offlineByDefault: true,
  },
  {
    id: "agent.chat",
    method: "POST",
    path: "/api/v1/agent/chat",
    price: 0,
    rule: "metered_on_match",
    summary: "A turn with the hosted enrich agent: model tokens at cost ×1.30; the tools it runs bill at their own prices",
    // The turn's model tokens are held up to this ceiling and captured at cost × margin.
    ceiling: { default: 50_000, min: 10_000, max: 500_000 },
    marginBps: 13_000,
    balanceOnly: true,
  },
] as const satisfies readonly CatalogEntry[];

export type CatalogId = (typeof CATALOG)[number]["id"];

/** The entries x402 can pay, per call: every one but the balance-only (the chat agent's turns). */
export const X402_CATALOG: readonly CatalogEntry[] = (CATALOG as readonly CatalogEntry[]).filter((e) => e.balanceOnly !== true);

const BY_ID = new Map<string, CatalogEntry>(CATALOG.map((e) => [e.id, e]));

export function catalogEntry(id: CatalogId): CatalogEntry {
  const entry = BY_ID.get(id);
  if (!entry) throw new Error(`unknown catalog id ${id}`);
  return entry;
}

/** Starting credit granted at first mint. */
export const STARTING_CREDIT: Micros = 200_000;
/** USDC a wallet must hold to mint (balance check only). */
export const MINT_MIN_WALLET_BALANCE: Micros = 1_000_000;
/** Credit for a bug ticket an operator confirms. */
export const CONFIRMED_BUG_CREDIT: Micros = 1_000_000;
