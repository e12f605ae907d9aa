import { z } from "zod";
import { UsdAmount, type CatalogId } from "@411data/core";
import { BusinessResearchData } from "@411data/vendors";
import { CompanyBody, CompanyResult } from "../enrich/company.ts";
import { EmailBody } from "../enrich/email.ts";
import { Billing as RouteBilling, PeopleResult } from "../enrich/schemas.ts";
import { LeadsResult, LeadsSearchBody } from "../leads/search.ts";

// Request and response shapes that discovery advertises for each paid route, plus a worked example
// of each (examples from the public developer guide). Responses use the enrich routes' exported
// schemas where they exist, so an example that drifts from the real answer fails the tests. The
// request bodies are module-private in the routes, so the ones here mirror them; replace each with
// the route's own schema once it is exported (and the lead-session, jobs and support stand-ins
// when those routes land).

export interface RouteExample {
  /** Validates the JSON body the route accepts. */
  request: z.ZodType;
  /** Describes the 2xx JSON body. */
  response: z.ZodType;
  requestExample: Record<string, unknown>;
  responseExample: Record<string, unknown>;
}

const text = (max: number) => z.string().trim().min(1).max(max);

const PhoneRequest = z.object({
  phone: z.string().min(3).max(40).describe("Phone number; normalized to E.164, US numbers may omit +1"),
});

const PersonRequest = z
  .object({
    name: text(120).optional(),
    city: text(80).optional(),
    state_code: z.string().trim().regex(/^[A-Za-z]{2}$/).optional(),
    street: text(160).optional(),
    zip: z.string().trim().regex(/^\d{5}(-\d{4})?$/).optional(),
    phone: z.string().min(3).max(40).optional(),
  })
  .refine((b) => b.name || b.phone || b.street, { message: "send a name (with city/state_code), a phone, or a street" });

const WebsearchRequest = z.object({
  business_name: text(200),
  city: text(80).optional(),
  state: text(40).optional(),
  domain: text(253).optional(),
  prompt: text(2000).optional().describe("What to look for beyond the defaults"),
  max_usd: UsdAmount.optional().describe("Most this call may charge; held up front, the actual is captured"),
});

const PeopleResponse = PeopleResult.extend({ billing: RouteBilling });

const WebsearchResponse = z.object({
  matched: z.boolean(),
  data: BusinessResearchData,
  metadata: z.object({ query_mode: z.literal("websearch") }).loose(),
  billing: RouteBilling,
});

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

const LeadSessionRequest = z.object({
  lead: z
    .record(z.string(), z.unknown())
    .describe("A CRM row with whatever column names your export uses (company, street, city, state, zip, number1, …)"),
  budget_usd: UsdAmount.optional().describe("Ceiling on the session charge; default 2.00, at most 20.00 on the sync route"),
  max_rounds: z.number().int().min(1).max(10).default(5),
  mode: z.enum(["auto", "interactive"]).default("auto"),
});

// Mirrors the top of lead_enrichment_v1 (packages/lead-session) loosely: nodes carry more fields.
const LeadSessionResult = z
  .object({
    schema: z.literal("lead_enrichment_v1"),
    session_id: z.string(),
    matched: z.boolean(),
    status: z.enum(["running", "awaiting_input", "completed"]),
    mode: z.enum(["auto", "interactive"]),
    graph: z.object({
      phones: z.array(z.object({ e164: z.string() }).loose()),
      contacts: z.array(z.object({ full_name: z.string() }).loose()),
      entities: z.array(z.object({ name: z.string() }).loose()),
      summary_markdown: z.string(),
    }),
    rounds_used: z.number().int(),
    max_rounds: z.number().int(),
    cost: z.object({ charge_usd: z.number() }).loose(),
    billing: RouteBilling,
  })
  .loose();

const JobRequest = z.object({
  route: z.enum(["enrich/websearch", "enrich/lead-session"]),
  payload: z.record(z.string(), z.unknown()).describe("The body the sync route would take"),
  bill_up_to_usd: UsdAmount.optional().describe("Spending ceiling; default 1.50, from 0.05 to 50.00"),
  callback_url: z.url().optional(),
});

const JobAccepted = z.object({
  job_id: z.string(),
  poll_bearer: z.string(),
  poll_interval_sec: z.number().int(),
  billing_mode: z.enum(["virtual_balance", "x402_upto"]),
  bill_up_to_usd: z.number(),
  max_timeout_seconds: z.number().int(),
});

const TicketRequest = z.object({
  category: z.enum(["bug", "billing", "account", "other"]),
  subject: z.string().min(1).max(200),
  body: z.string().min(1).max(10_000),
});

const TicketCreated = z.object({ ticket_id: z.string(), status: z.string() }).loose();

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
    request: PhoneRequest,
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
    request: PersonRequest,
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
    request: WebsearchRequest,
    response: WebsearchResponse,
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
    request: LeadSessionRequest,
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
    request: TicketRequest,
    response: TicketCreated,
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
