import { z } from "zod";
import { exampleOf } from "../../http/schema-example.ts";
import type { CatalogId } from "@411data/core";
import { CompanyBody, CompanyResult } from "../enrich/company.ts";
import { EmailBody } from "../../schemas/email.ts";
import { JobAccepted, JobRequest } from "../../schemas/jobs.ts";
import { LeadSessionBody, LeadSessionResult } from "../../schemas/lead-session.ts";
import { PersonBody } from "../../schemas/person.ts";
import { PhoneBody } from "../../schemas/phone.ts";
import { Billing as RouteBilling } from "../../schemas/billing.ts";
import { PeopleResult } from "../../schemas/people.ts";
import { WebsearchBody, WebsearchResult } from "../../schemas/websearch.ts";
import { LeadsResult, LeadsSearchBody } from "../leads/search.ts";
import { Body as TicketBody, Ticket } from "../support/tickets.ts";

// What discovery advertises for each paid route: the route's own request and response schemas
// (imported, never restated) and a worked example of each, which the tests parse with those
// schemas so an example cannot drift from what the route accepts and answers.

export interface RouteExample {
  /** The route's body schema. */
  request: z.ZodType;
  /** The route's 2xx body schema. */
  response: z.ZodType;
  requestExample: Record<string, unknown>;
  responseExample: Record<string, unknown>;
}

const PeopleResponse = PeopleResult.extend({ billing: RouteBilling });

const OBSERVED = "2026-11-01T00:00:00.000Z";
const wp = { source: "whitepages", observed_at: OBSERVED, confidence: 0.9 };

const billingExample = (price: number) => ({
  price_usd: price,
  charged_usd: price,
  refunded_usd: 0,
  balance_after_usd: 4.2,
  mode: "virtual_balance",
  matched: true,
  x402_transaction: null,
});

const personExample = (full: string, first: string, middle: string | null, last: string, phone: string | null) => ({
  vendor: "whitepages",
  vendor_id: "P1234567890",
  match_score: 0.9,
  matched_by: phone ? ["phone"] : ["name", "city", "state_code"],
  names: [{ value: { full, first, middle, last, kind: "primary" }, provenance: wp }],
  phones: phone ? [{ value: { e164: phone, line_type: "landline" }, provenance: wp }] : [],
  emails: [],
  addresses: [
    {
      value: {
        full: "5 Tannery Rd, Ridgway, PA 15853",
        line1: "5 Tannery Rd",
        city: "Ridgway",
        state_code: "PA",
        zip: "15853",
        kind: "current",
        first_seen: null,
        last_seen: "2026-11-01",
        vendor_id: null,
      },
      provenance: wp,
    },
  ],
  age_range: { value: { min: 60, max: 64, date_of_birth: null }, provenance: wp },
  associated_people: [],
  employment: null,
  compliance: { is_dead: null, litigator_risk: null },
});

const peopleMetadata = (queryMode: string, phone: string | null) => ({
  query_mode: queryMode,
  vendor: "whitepages",
  vendor_mode: "live",
  latency_ms: 412,
  total_available: 1,
  phone_e164: phone,
  vendor_hops: [{ vendor: "whitepages", outcome: "match", latency_ms: 412, error_kind: null }],
});

const pdl = { source: "peopledatalabs", observed_at: OBSERVED, confidence: 0.9 };
const companyExample = {
  vendor: "peopledatalabs",
  vendor_id: "bsx0000001",
  name: { value: "Haney Furniture Co", provenance: pdl },
  domain: { value: "haneyfurniture.example.com", provenance: pdl },
  industry: { value: "furniture", provenance: pdl },
  employee_count: { value: 8, provenance: pdl },
  size: { value: "1-10", provenance: pdl },
  founded: { value: 1962, provenance: pdl },
  location: {
    value: { full: "30 N Beaver St, New Castle, PA 16101", line1: "30 N Beaver St", city: "New Castle", state_code: "PA", zip: "16101", country: "United States" },
    provenance: pdl,
  },
  linkedin_url: null,
  summary: { value: "Haney Furniture Co is a furniture business in New Castle, PA.", provenance: pdl },
  tags: [{ value: "furniture", provenance: pdl }],
};
const pdlHop = [{ vendor: "peopledatalabs", outcome: "match", latency_ms: 230, error_kind: null }];

const WEB_SOURCE = "https://example.com/finicky-window-cleaning";
const web = { source: WEB_SOURCE, observed_at: OBSERVED, confidence: 0.8 };

const websearchExample = { business_name: "Finicky Window Cleaning, Inc.", city: "Dunedin", state: "FL" };
const leadExample = {
  lead: {
    contact_id: 81551343,
    company: "JOSEPH B MANNO",
    street: "5 TANNERY RD",
    city: "RIDGWAY",
    state: "PA",
    zip: "15853",
    number1: "8147761310",
  },
  budget_usd: 2.0,
  max_rounds: 5,
  mode: "auto",
};

function leadResultOutline(): Record<string, unknown> {
  const schema = jsonSchema(LeadSessionResult, "output");
  return exampleOf(schema, (schema.$defs ?? {}) as Record<string, unknown>) as Record<string, unknown>;
}

export const EXAMPLES: Partial<Record<CatalogId, RouteExample>> = {
  "enrich.phone": {
    request: PhoneBody,
    response: PeopleResponse,
    requestExample: { phone: "+17242060094" },
    responseExample: {
      matched: true,
      data: { people: [personExample("James W Cole Sr", "James", "W", "Cole", "+17242060094")] },
      metadata: peopleMetadata("reverse_phone", "+17242060094"),
      billing: billingExample(0.33),
    },
  },
  "enrich.person": {
    request: PersonBody,
    response: PeopleResponse,
    requestExample: { name: "Joseph B Manno", city: "Ridgway", state_code: "PA" },
    responseExample: {
      matched: true,
      data: { people: [personExample("Joseph B Manno", "Joseph", "B", "Manno", null)] },
      metadata: peopleMetadata("name", null),
      billing: billingExample(0.5),
    },
  },
  "enrich.websearch": {
    request: WebsearchBody,
    response: WebsearchResult.extend({ billing: RouteBilling }),
    requestExample: websearchExample,
    responseExample: {
      matched: true,
      data: {
        business_name: "Finicky Window Cleaning, Inc.",
        phones: [{ value: { e164: "+17275550123", label: "main" }, provenance: web }],
        people: [{ value: { name: "Jane Doe", title: "Owner" }, provenance: web }],
        addresses: [{ value: { full: "Dunedin, FL", label: "office" }, provenance: web }],
        legal_associates: [],
        sources: [{ url: WEB_SOURCE, title: "Company site" }],
      },
      metadata: { query_mode: "websearch", vendor: "openai", vendor_mode: "live", model: "gpt-5-mini", web_searches: 2, latency_ms: 5400, cogs_usd: 0.06 },
      billing: billingExample(1),
    },
  },
  "enrich.lead_session": {
    request: LeadSessionBody,
    response: LeadSessionResult,
    requestExample: leadExample,
    // The graph's node shapes are many and strict: the example is built from the result schema
    // itself, with the headline fields a reader looks at set by hand.
    responseExample: {
      ...leadResultOutline(),
      session_id: "ls_8HcQ2nVt5LmZ0pWk3RbYx7Js",
      matched: true,
      status: "completed",
      mode: "auto",
      rounds_used: 3,
      max_rounds: 5,
      billing: billingExample(1.5),
    },
  },
  "enrich.jobs": {
    request: JobRequest,
    response: JobAccepted,
    requestExample: { route: "enrich/websearch", payload: websearchExample, bill_up_to_usd: 1.5 },
    responseExample: {
      job_id: "ej_4rXq9ZpL2mNc8TgB1vYwK3sD",
      poll_bearer: "411j_ej_4rXq9ZpL2mNc8TgB1vYwK3sD_…",
      poll_url: "https://api.411data.example/api/v1/enrich/jobs/ej_4rXq9ZpL2mNc8TgB1vYwK3sD",
      poll_interval_sec: 2,
      status: "queued",
      route: "enrich/websearch",
      billing_mode: "x402_upto",
      bill_up_to_usd: 1.5,
      max_timeout_seconds: 1200,
      callback: null,
    },
  },
  "enrich.email": {
    request: EmailBody,
    response: PeopleResponse,
    requestExample: { email: "jbmanno@example.com" },
    responseExample: {
      matched: true,
      data: { people: [personExample("Joseph B Manno", "Joseph", "B", "Manno", null)] },
      metadata: peopleMetadata("email", null),
      billing: billingExample(0.1),
    },
  },
  "enrich.company": {
    request: CompanyBody,
    response: CompanyResult.extend({ billing: RouteBilling }),
    requestExample: { name: "Haney Furniture Co", city: "New Castle", state: "PA" },
    responseExample: {
      matched: true,
      data: { company: companyExample },
      metadata: { query_mode: "company", vendor: "peopledatalabs", vendor_mode: "live", latency_ms: 230, match_score: 0.9, vendor_hops: pdlHop },
      billing: billingExample(0.25),
    },
  },
  "leads.search": {
    request: LeadsSearchBody,
    response: LeadsResult.extend({ billing: RouteBilling }),
    requestExample: { state: "PA", industry: "furniture", limit: 10 },
    responseExample: {
      matched: true,
      data: { leads: [companyExample] },
      metadata: {
        query_mode: "leads_search",
        vendor: "peopledatalabs",
        vendor_mode: "live",
        latency_ms: 310,
        filters: { state_code: "PA", industry: "furniture" },
        limit: 10,
        returned: 1,
        total_available: 1,
        vendor_hops: pdlHop,
      },
      next_cursor: null,
      billing: billingExample(0.05),
    },
  },
  "support.tickets": {
    request: TicketBody,
    response: Ticket.extend({ billing: RouteBilling }),
    requestExample: { category: "bug", subject: "Short title", body: "Steps to reproduce…" },
    responseExample: { ticket_id: "tk_4Jx0aQ7LrWm2c9TbE1sZ", status: "open", category: "bug", created_at: "2026-12-01T00:00:00.000Z", billing: billingExample(0.01) },
  },
};

/** JSON Schema of a zod schema, without the `$schema` key so it can be nested inside another. */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  // `unrepresentable: "any"` keeps the documents servable if a route schema gains a transform.
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

/**
 * The top levels of a JSON Schema: properties (and array items) down to `depth`, deeper values
 * only by type, no descriptions. A 402 carries this in PAYMENT-REQUIRED and the paying client
 * echoes it in PAYMENT-SIGNATURE, so it must stay a few kilobytes; /openapi.json has the rest.
 */
export function outline(schema: Record<string, unknown>, depth: number): Record<string, unknown> {
  const { description: _d, examples: _e, ...rest } = schema;
  const out: Record<string, unknown> = { ...rest };
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    if (Array.isArray(rest[key])) out[key] = (rest[key] as Record<string, unknown>[]).map((s) => outline(s, depth));
  }
  if (rest.properties && typeof rest.properties === "object") {
    if (depth <= 0) {
      delete out.properties;
      delete out.required;
      delete out.additionalProperties;
    } else {
      out.properties = Object.fromEntries(
        Object.entries(rest.properties as Record<string, Record<string, unknown>>).map(([k, v]) => [k, outline(v, depth - 1)]),
      );
    }
  }
  if (rest.items && typeof rest.items === "object") {
    if (depth <= 0) delete out.items;
    else out.items = outline(rest.items as Record<string, unknown>, depth - 1);
  }
  return out;
}
