import type { RouteConfig } from "@hono/zod-openapi";
import { type CatalogId, catalogEntry, type Micros, parseUsd } from "@411data/core";
import { balance as balanceRoute, me as meRoute } from "../routes/agents/me.ts";
import { route as requestsRoute } from "../routes/agents/requests.ts";
import { route as companyRoute } from "../routes/enrich/company.ts";
import { route as emailRoute } from "../routes/enrich/email.ts";
import { route as jobPollRoute } from "../routes/enrich/jobs/poll.ts";
import { route as jobSubmitRoute } from "../routes/enrich/jobs/submit.ts";
import { route as leadSessionRoute } from "../routes/enrich/lead-session/start.ts";
import { route as personRoute } from "../routes/enrich/person.ts";
import { route as phoneRoute } from "../routes/enrich/phone.ts";
import { route as websearchRoute } from "../routes/enrich/websearch.ts";
import { route as leadsSearchRoute } from "../routes/leads/search.ts";
import { route as ticketsRoute } from "../routes/support/tickets.ts";

// One entry per capability. Every door (MCP, the chat agent, the SDK, the playground, CSV batch)
// derives its tool from an entry here, and runs it through the REST route the entry names: the
// route's zod schemas are the tool's input and output, the catalog is its price.

export interface ToolHints {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface Capability {
  /** The tool name every door uses. */
  tool: string;
  title: string;
  /**
   * The REST operation behind the tool. Its request and 200/202 schemas are the tool's input and
   * output. A bare operationId names a route whose module exports no definition; it is found in the
   * app's OpenAPI registry, which holds the same zod objects.
   */
  route: RouteConfig | { operationId: string };
  /** Priced capabilities: the catalog entry (price, billing rule, catalog tier). */
  catalogId?: CatalogId;
  /** What the capability does, for a model choosing a tool; the price sentence is added from the catalog. */
  description: string;
  annotations: ToolHints;
  /** `required`: the tool refuses anonymous use before calling the route (no x402 path). */
  bearer: "optional" | "required";
  /**
   * Metered and upto routes: the input field that sets the call's ceiling (what it holds), when the
   * caller names one; otherwise the catalog's default ceiling is held. A door that guards spend
   * (the chat agent) reads it to know the most a call can charge.
   */
  ceilingField?: string;
}

const LOOKUP: ToolHints = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const READ: ToolHints = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const WRITE: ToolHints = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

export const CAPABILITIES: readonly Capability[] = [
  {
    tool: "enrich_phone",
    title: "Reverse phone lookup",
    route: phoneRoute,
    catalogId: "enrich.phone",
    description: "The people behind a US phone number: names, phones with line type, emails, addresses, age range, relatives.",
    annotations: LOOKUP,
    bearer: "optional",
  },
  {
    tool: "enrich_person",
    title: "Person lookup",
    route: personRoute,
    catalogId: "enrich.person",
    description: "Find a person by name (best with city and state_code), by phone, or by street address.",
    annotations: LOOKUP,
    bearer: "optional",
  },
  {
    tool: "enrich_websearch",
    title: "Business web research",
    route: websearchRoute,
    catalogId: "enrich.websearch",
    ceilingField: "max_usd",
    description: "LLM web research on a business (business_name, optionally city, state, domain, prompt): phones, people with titles, addresses, legal associates, sources.",
    annotations: LOOKUP,
    bearer: "optional",
  },
  {
    tool: "enrich_lead_session",
    title: "Lead session",
    route: leadSessionRoute,
    catalogId: "enrich.lead_session",
    ceilingField: "budget_usd",
    description:
      "Enrich one CRM row (`lead`, any columns) with several lookups into a lead_enrichment_v1 graph. " +
      "With mode \"interactive\", continue the same session later with `session_id` and a `prompt` (e.g. one of suggested_user_prompts).",
    annotations: WRITE,
    bearer: "optional",
  },
  {
    tool: "submit_enrich_job",
    title: "Submit an async enrich job",
    route: jobSubmitRoute,
    catalogId: "enrich.jobs",
    ceilingField: "bill_up_to_usd",
    description:
      "Run a websearch or lead session on the queue (`route`: enrich/websearch or enrich/lead-session, `payload`: that tool's arguments). " +
      "Returns job_id; poll it with get_enrich_job. Needs a bearer.",
    annotations: WRITE,
    bearer: "required",
  },
  {
    tool: "get_enrich_job",
    title: "Poll an async enrich job",
    route: jobPollRoute,
    description: "Status, billing and (once completed) the result of a job you submitted. Free.",
    annotations: READ,
    bearer: "required",
  },
  {
    tool: "get_balance",
    title: "Balance",
    route: balanceRoute,
    description: "Your virtual USD balance, in-flight holds, x402 allowance and drawn amount (and a usage key's cap). Free.",
    annotations: READ,
    bearer: "required",
  },
  {
    tool: "get_agent",
    title: "Who am I",
    route: meRoute,
    description: "The agent behind this bearer: id, wallets, allowance, which kind of key is calling. Free.",
    annotations: READ,
    bearer: "required",
  },
  {
    tool: "list_requests",
    title: "Stored calls",
    route: requestsRoute,
    description: "Your stored calls, newest first, with request, response, cost and the door they came through; page with next_cursor. Free.",
    annotations: READ,
    bearer: "required",
  },
  {
    tool: "get_pricing",
    title: "Prices",
    route: { operationId: "pricing" },
    description: "Live prices of every paid capability and how each is billed. Free, no bearer needed.",
    annotations: READ,
    bearer: "optional",
  },
  {
    tool: "open_support_ticket",
    title: "Open a support ticket",
    route: ticketsRoute,
    catalogId: "support.tickets",
    description: "Report a bug, a billing or account problem (quote request ids); a bug an operator confirms earns a $1.00 credit.",
    annotations: { ...WRITE, openWorldHint: false },
    bearer: "optional",
  },
  {
    tool: "enrich_email",
    title: "Email enrichment",
    route: emailRoute,
    catalogId: "enrich.email",
    description: "The person behind an email address.",
    annotations: LOOKUP,
    bearer: "optional",
  },
  {
    tool: "enrich_company",
    title: "Company firmographics",
    route: companyRoute,
    catalogId: "enrich.company",
    description: "Firmographics of a business by name (with city/state) or domain.",
    annotations: LOOKUP,
    bearer: "optional",
  },
  {
    tool: "search_leads",
    title: "Lead search",
    route: leadsSearchRoute,
    catalogId: "leads.search",
    description: "Search businesses by state, city, industry, name prefix and headcount; page with next_cursor.",
    annotations: LOOKUP,
    bearer: "optional",
  },
];

const BY_TOOL = new Map(CAPABILITIES.map((c) => [c.tool, c]));

export function capability(tool: string): Capability | undefined {
  return BY_TOOL.get(tool);
}

/** The most one call can charge (its hold): the catalog price, or the ceiling it names or defaults to. */
export function maxChargeOf(cap: Capability, args: unknown): Micros {
  if (!cap.catalogId) return 0;
  const entry = catalogEntry(cap.catalogId);
  if (!entry.ceiling) return entry.price;
  const asked = cap.ceilingField ? (args as Record<string, unknown> | null)?.[cap.ceilingField] : undefined;
  if (asked === undefined) return entry.ceiling.default;
  try {
    return Math.max(entry.price, parseUsd(asked));
  } catch {
    // The route refuses a malformed amount with a free 400; nothing is held for it.
    return 0;
  }
}

/** Catalog-tier capabilities are offered only while their route is switched on. */
export function isCatalogTier(cap: Capability): boolean {
  return cap.catalogId !== undefined && catalogEntry(cap.catalogId).offlineByDefault === true;
}
