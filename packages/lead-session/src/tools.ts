import type { BusinessQuery, BusinessResearchResult, CompanyEnrichResult, PersonSearchResult, Vendors } from "@411data/vendors";
import type { Micros } from "@411data/core";
import { businessNameKey, cityKey, personNameKey, streetKey, zip5 } from "./keys.ts";
import type { ToolName } from "./graph-schema.ts";

// The paid tools a round can run. The session only sees this interface, so the Durable Object
// wires real vendor adapters and tests can wire sandboxes or doubles.

export type NameQuery = { name: string; city?: string; state_code?: string; street?: string; zipcode?: string };
export type AddressQuery = { street: string; city?: string; state_code?: string; zipcode?: string };
export type ToolCallOptions = { signal?: AbortSignal };

export interface Tools {
  phone(e164: string, opts?: ToolCallOptions): Promise<PersonSearchResult>;
  personByName(q: NameQuery, opts?: ToolCallOptions): Promise<PersonSearchResult>;
  personByAddress(q: AddressQuery, opts?: ToolCallOptions): Promise<PersonSearchResult>;
  personByEmail?(email: string, opts?: ToolCallOptions): Promise<PersonSearchResult>;
  websearch(q: BusinessQuery, opts?: ToolCallOptions): Promise<BusinessResearchResult>;
  /** Catalog tier; the planner uses it only when the session's catalogEnabled flag is on. */
  company?(q: BusinessQuery, opts?: ToolCallOptions): Promise<BusinessResearchResult>;
}

export type ToolInput =
  | { tool: "reverse_phone"; phone: string }
  | { tool: "person_by_name"; query: NameQuery }
  | { tool: "person_by_address"; query: AddressQuery }
  | { tool: "person_by_email"; email: string }
  | { tool: "websearch"; query: BusinessQuery }
  | { tool: "company"; query: BusinessQuery };

/** Estimated COGS of one run of each tool, µUSD; the budget check uses these before a run. */
export type ToolPrices = Record<ToolName, Micros>;

// Whitepages bills $0.10 a query (one page); OpenAI web research with gpt-5-mini and four searches
// is ~$0.05 and rarely above $0.10. Estimates err high so a session never plans past its budget.
export const DEFAULT_TOOL_PRICES: ToolPrices = {
  reverse_phone: 100_000,
  person_by_name: 100_000,
  person_by_address: 100_000,
  person_by_email: 100_000,
  websearch: 120_000,
  company: 250_000,
};

/** Canonical tool+input, so the same lookup is never paid for twice in a session (or its warm seed). */
export function toolKey(input: ToolInput): string {
  switch (input.tool) {
    case "reverse_phone":
      return `reverse_phone:${input.phone}`;
    case "person_by_email":
      return `person_by_email:${input.email.toLowerCase()}`;
    case "person_by_name": {
      const q = input.query;
      return `person_by_name:${personNameKey(q.name)}|${q.street ? streetKey(q.street) : ""}|${cityKey(q.city)}|${(q.state_code ?? "").toUpperCase()}`;
    }
    case "person_by_address": {
      const q = input.query;
      return `person_by_address:${streetKey(q.street)}|${zip5(q.zipcode) ?? `${cityKey(q.city)}|${(q.state_code ?? "").toUpperCase()}`}`;
    }
    case "websearch":
    case "company": {
      const q = input.query;
      return `${input.tool}:${businessNameKey(q.business_name)}|${cityKey(q.city)}|${(q.state ?? "").toUpperCase()}${q.prompt ? `|${q.prompt.trim().toLowerCase()}` : ""}`;
    }
  }
}

/** Short human form of a tool input, for logs and dig-deeper lists. */
export function describeInput(input: ToolInput): string {
  switch (input.tool) {
    case "reverse_phone":
      return input.phone;
    case "person_by_email":
      return input.email;
    case "person_by_name":
      return [input.query.name, input.query.city, input.query.state_code].filter(Boolean).join(", ");
    case "person_by_address":
      return [input.query.street, input.query.city, input.query.state_code, input.query.zipcode].filter(Boolean).join(", ");
    case "websearch":
    case "company":
      return [input.query.business_name, input.query.city, input.query.state].filter(Boolean).join(", ");
  }
}

/** Tools backed by the vendor adapters (live with keys, in-process sandboxes without). */
export function toolsFromVendors(v: Pick<Vendors, "whitepages" | "webResearch"> & Partial<Pick<Vendors, "pdl">>): Tools {
  const pdl = v.pdl;
  return {
    phone: (e164, o) => v.whitepages.byPhone(e164, o?.signal ? { signal: o.signal } : {}),
    personByName: (q, o) => v.whitepages.byName(q, o?.signal ? { signal: o.signal } : {}),
    personByAddress: (q, o) => v.whitepages.byAddress(q, o?.signal ? { signal: o.signal } : {}),
    personByEmail: (email, o) => v.whitepages.search({ email }, o?.signal ? { signal: o.signal } : {}),
    websearch: (q, o) => v.webResearch.research(q, o?.signal ? { signal: o.signal } : {}),
    ...(pdl
      ? {
          company: async (q: BusinessQuery, o?: ToolCallOptions) =>
            companyAsBusiness(
              await pdl.enrichCompany(
                { name: q.business_name, ...(q.city ? { city: q.city } : {}), ...(q.state ? { state_code: q.state } : {}), ...(q.domain ? { website: q.domain } : {}) },
                o?.signal ? { signal: o.signal } : {},
              ),
            ),
        }
      : {}),
  };
}

/**
 * Firmographics in the shape the graph merges businesses from: the headquarters as an address, the
 * website and profile as sources. Values keep the vendor's provenance.
 */
export function companyAsBusiness(r: CompanyEnrichResult): BusinessResearchResult {
  const c = r.company;
  const usage = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_tokens: 0, web_searches: 0 };
  const sources = c
    ? [
        ...(c.domain ? [{ url: `https://${c.domain.value}`, title: c.name.value }] : []),
        ...(c.linkedin_url ? [{ url: c.linkedin_url.value.startsWith("http") ? c.linkedin_url.value : `https://${c.linkedin_url.value}`, title: `${c.name.value} profile` }] : []),
      ]
    : [];
  return {
    matched: r.matched && c !== null,
    data: {
      business_name: c?.name.value ?? null,
      phones: [],
      people: [],
      addresses: c?.location ? [{ value: { full: c.location.value.full, label: "headquarters" }, provenance: c.location.provenance }] : [],
      legal_associates: [],
      sources,
    },
    vendor: r.vendor,
    model: "company_enrich",
    response_id: null,
    usage,
    cost_micro_usd: r.cost_micro_usd,
    latency_ms: r.latency_ms,
  };
}
