import { z } from "zod";
import type { CatalogId } from "@411data/core";
import { CompanyBody, CompanyResult } from "../enrich/company.ts";
import { EmailBody } from "../enrich/email.ts";
import { JobAccepted, JobRequest } from "../enrich/jobs/schemas.ts";
import { LeadSessionBody, LeadSessionResult } from "../enrich/lead-session/schemas.ts";
import { Body as PersonBody } from "../enrich/person.ts";
import { Body as PhoneBody } from "../enrich/phone.ts";
import { Billing as RouteBilling, PeopleResult } from "../enrich/schemas.ts";
import { WebsearchBody, WebsearchResult } from "../enrich/websearch.ts";
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
      metadata: { query_mode: "websearch" },
      billing: billingExample(1),
    },
  },
  "enrich.lead_session": {
    request: LeadSessionBody,
    response: LeadSessionResult,
    requestExample: leadExample,
    responseExample: {
      schema: "lead_enrichment_v1",
      session_id: "ls_8HcQ2nVt5LmZ0pWk3RbYx7Js",
      matched: true,
      status: "completed",
      mode: "auto",
      graph: {
        phones: [{ e164: "+18147761310" }],
        contacts: [{ full_name: "Joseph B Manno" }],
        entities: [{ name: "JOSEPH B MANNO" }],
        summary_markdown: "Owner-operated business at 5 Tannery Rd, Ridgway, PA.",
      },
      rounds_used: 3,
      max_rounds: 5,
      cost: { charge_usd: 1.5 },
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
      poll_interval_sec: 2,
      billing_mode: "x402_upto",
      bill_up_to_usd: 1.5,
      max_timeout_seconds: 1200,
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
    responseExample: { ticket_id: "tkt_…", status: "open" },
  },
};

/** JSON Schema of a zod schema, without the `$schema` key so it can be nested inside another. */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  // `unrepresentable: "any"` keeps the documents servable if a route schema gains a transform.
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}
