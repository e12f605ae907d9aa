import { z } from "zod";
import { UsdAmount, type CatalogId } from "@411data/core";

// Request and response shapes that discovery advertises for each paid route, plus a worked example
// of each. The enrich routes' own zod schemas do not exist yet; until they land these stand in,
// and when they do, replace each `request`/`response` here with the route's schema so discovery
// cannot drift from what the route validates. Examples come from the public developer guide.

export interface RouteExample {
  /** Validates the JSON body the route accepts. */
  request: z.ZodType;
  /** Describes the 2xx JSON body (loosely: routes may add fields). */
  response: z.ZodType;
  requestExample: Record<string, unknown>;
  responseExample: Record<string, unknown>;
}

const Billing = z
  .object({
    price_usd: z.number(),
    charged_usd: z.number(),
    payment_mode: z.enum(["virtual_balance", "x402"]),
  })
  .loose();

const Person = z
  .object({
    name: z.string(),
    phones: z.array(z.object({ number: z.string(), line_type: z.string().nullable() }).loose()).optional(),
    emails: z.array(z.string()).optional(),
    addresses: z.array(z.object({ full: z.string() }).loose()).optional(),
  })
  .loose();

const PeopleResult = z
  .object({
    matched: z.boolean(),
    data: z.object({ people: z.array(Person) }).loose(),
    metadata: z.object({ query_mode: z.string() }).loose(),
    billing: Billing.optional(),
  })
  .loose();

const PhoneRequest = z.object({
  phone: z.string().min(7).max(32).describe("Phone number; normalized to E.164, US numbers may omit +1"),
});

const PersonRequest = z
  .object({
    name: z.string().min(1).max(200).optional(),
    phone: z.string().min(7).max(32).optional(),
    address: z.string().min(1).max(500).optional(),
    city: z.string().max(100).optional(),
    state_code: z.string().length(2).optional(),
    zip: z.string().max(10).optional(),
  })
  .refine((b) => b.name !== undefined || b.phone !== undefined || b.address !== undefined, {
    message: "give at least one of name, phone or address",
  });

const WebsearchRequest = z.object({
  business_name: z.string().min(1).max(300),
  city: z.string().max(100).optional(),
  state: z.string().max(100).optional(),
  domain: z.string().max(253).optional(),
  prompt: z.string().max(2000).optional().describe("What to look for beyond the defaults"),
});

const WebsearchResult = z
  .object({
    matched: z.boolean(),
    data: z
      .object({
        phones: z.array(z.object({ number: z.string() }).loose()),
        people: z.array(z.object({ name: z.string(), title: z.string().nullable() }).loose()),
        addresses: z.array(z.object({ full: z.string() }).loose()),
        legal_associates: z.array(z.object({ name: z.string() }).loose()),
        sources: z.array(z.object({ url: z.string(), title: z.string().nullable() }).loose()),
      })
      .loose(),
    billing: Billing.optional(),
  })
  .loose();

const LeadSessionRequest = z.object({
  lead: z
    .record(z.string(), z.unknown())
    .describe("A CRM row with whatever column names your export uses (company, street, city, state, zip, number1, …)"),
  budget_usd: UsdAmount.optional().describe("Ceiling on the session charge; default 2.00, at most 20.00 on the sync route"),
  max_rounds: z.number().int().min(1).max(10).default(5),
  mode: z.enum(["auto", "interactive"]).default("auto"),
});

const LeadSessionResult = z
  .object({
    matched: z.boolean(),
    schema: z.literal("lead_enrichment_v1"),
    phones: z.array(z.object({ number: z.string() }).loose()),
    contacts: z.array(z.object({ name: z.string() }).loose()),
    entities: z.array(z.object({ name: z.string() }).loose()),
    summary_markdown: z.string(),
    rounds_used: z.number().int(),
    billing: Billing.optional(),
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

const peopleExample = (queryMode: string) => ({
  matched: true,
  data: {
    people: [
      {
        name: "James W Cole Sr",
        phones: [{ number: "+17242060094", line_type: "landline" }],
        emails: [],
        addresses: [{ full: "Ridgway, PA" }],
      },
    ],
  },
  metadata: { query_mode: queryMode },
  billing: { price_usd: 0.33, charged_usd: 0.33, payment_mode: "virtual_balance" },
});

export const EXAMPLES: Partial<Record<CatalogId, RouteExample>> = {
  "enrich.phone": {
    request: PhoneRequest,
    response: PeopleResult,
    requestExample: { phone: "+17242060094" },
    responseExample: peopleExample("reverse_phone"),
  },
  "enrich.person": {
    request: PersonRequest,
    response: PeopleResult,
    requestExample: { name: "Joseph B Manno", city: "Ridgway", state_code: "PA" },
    responseExample: {
      ...peopleExample("name"),
      data: { people: [{ name: "Joseph B Manno", addresses: [{ full: "5 Tannery Rd, Ridgway, PA 15853" }] }] },
      billing: { price_usd: 0.5, charged_usd: 0.5, payment_mode: "virtual_balance" },
    },
  },
  "enrich.websearch": {
    request: WebsearchRequest,
    response: WebsearchResult,
    requestExample: websearchExample,
    responseExample: {
      matched: true,
      data: {
        phones: [{ number: "+17275550123" }],
        people: [{ name: "Jane Doe", title: "Owner" }],
        addresses: [{ full: "Dunedin, FL" }],
        legal_associates: [],
        sources: [{ url: "https://example.com/finicky-window-cleaning", title: "Company site" }],
      },
      billing: { price_usd: 1, charged_usd: 1, payment_mode: "virtual_balance" },
    },
  },
  "enrich.lead_session": {
    request: LeadSessionRequest,
    response: LeadSessionResult,
    requestExample: leadExample,
    responseExample: {
      matched: true,
      schema: "lead_enrichment_v1",
      phones: [{ number: "+18147761310" }],
      contacts: [{ name: "Joseph B Manno" }],
      entities: [{ name: "JOSEPH B MANNO" }],
      summary_markdown: "Owner-operated business at 5 Tannery Rd, Ridgway, PA.",
      rounds_used: 3,
      billing: { price_usd: 1.5, charged_usd: 1.5, payment_mode: "virtual_balance" },
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
