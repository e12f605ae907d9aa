import type { OpenAPIHono } from "@hono/zod-openapi";
import { CATALOG, type CatalogEntry, type CatalogId } from "@411data/core";
import type { Config } from "../config.ts";
import type { AppEnv } from "../context.ts";
import { EXAMPLES } from "../routes/discovery/examples.ts";
import { enabledCatalogRoutes } from "../services/catalog-routes.ts";
import { mppEnabled, mppOffered } from "../services/billing/mpp-payment.ts";
import { paymentInfo, priceText } from "./payment-info.ts";
import { exampleOf } from "./schema-example.ts";

// /openapi.json: the routes' own zod-generated document, finished with what only the whole
// deployment knows: which catalog routes are live (an offline one is not advertised as payable),
// whether MPP is on, the deposit bounds, and the rules every operation shares — who may call it
// (security), every status it can answer, and a request example. Summaries of paid operations come
// from the catalog, so they cannot drift from /pricing.

type Json = Record<string, unknown>;
type Operation = Json & { responses?: Json; security?: Json[]; requestBody?: Json; summary?: string; description?: string };

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const ERROR_REF = { $ref: "#/components/schemas/Error" };
const errorJson = { "application/json": { schema: ERROR_REF } };

/** Statuses every operation of a kind can answer, with what each means here. */
const SHARED_STATUSES: Record<string, { when: (op: OperationFacts) => boolean; description: string }> = {
  "400": { when: () => true, description: "Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …)" },
  "401": { when: (f) => f.bearer || f.operator, description: "Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID)" },
  "403": { when: (f) => f.bearer, description: "The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes)" },
  "409": { when: (f) => f.method === "post", description: "Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT)" },
  "429": { when: () => true, description: "Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After" },
  "500": { when: () => true, description: "Internal error (INTERNAL_ERROR)" },
  "502": { when: (f) => f.paid, description: "The payment facilitator could not be reached (FACILITATOR_UNAVAILABLE); nothing was charged unless the answer names a transaction" },
  "503": {
    when: (f) => f.vendor,
    description: "A vendor is down after retries and fallbacks (VENDOR_UNAVAILABLE), or a catalog-tier route is offline (ROUTE_OFFLINE); nothing charged",
  },
};

interface OperationFacts {
  method: string;
  bearer: boolean;
  operator: boolean;
  paid: boolean;
  vendor: boolean;
}

const byPath = new Map<string, CatalogEntry>((CATALOG as readonly CatalogEntry[]).map((e) => [e.path, e]));

/** Routes whose work calls a data vendor (the others only move money or write a ticket). */
function callsVendor(entry: CatalogEntry): boolean {
  return entry.path.startsWith("/api/v1/enrich/") || entry.path.startsWith("/api/v1/leads/");
}

/** Anyone may pay these per call (x402, or MPP where offered) without a bearer. */
function anonymousPayable(entry: CatalogEntry): boolean {
  return !entry.path.startsWith("/api/v1/agents/") && entry.price > 0;
}

export interface DocumentContext {
  config: Config;
  enabled: ReadonlySet<string>;
  mpp: boolean;
  origin: string;
}

interface Finishing extends DocumentContext {
  /** components.schemas, for examples of referenced schemas. */
  schemas: Json;
}

/** Finishes a generated document in place (a fresh copy per call). */
export function finishDocument(doc: Json, ctx: DocumentContext): Json {
  const components = (doc.components ??= {}) as Json;
  const hasOperatorRoutes = Object.keys(doc.paths ?? {}).some((p) => p.startsWith("/api/v1/operator/"));
  const finishing: Finishing = { ...ctx, schemas: (components.schemas ?? {}) as Json };
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) finishOperation(op, method, path, finishing);
    }
  }
  doc.servers = [{ url: ctx.origin }];
  const schemes = (components.securitySchemes ??= {}) as Json;
  if (hasOperatorRoutes) schemes.Operator = { type: "apiKey", in: "header", name: "X-Operator-Secret", description: "Operator secret (operator routes only)" };
  const at = (p: string) => new URL(p, ctx.origin).toString();
  const info = doc.info as Json;
  info.contact = { name: "411data support", url: at("/skill.md") };
  info["x-guidance"] =
    "Pay per call: send an agent bearer with balance, or answer the 402 with x402 (PAYMENT-SIGNATURE) or MPP (Authorization: Payment). " +
    "Enrichment is billed only on a match. Read /skill.md for the flow and /pricing for live prices.";
  doc["x-service-info"] = {
    categories: ["data", "enrichment", "people-search", "business-data"],
    docs: { homepage: at("/skill.md"), llms: at("/llms.txt"), apiReference: at("/openapi.json") },
  };
  doc["x-agentcash-guidance"] = { llmsTxtUrl: at("/llms.txt") };
  return doc;
}

function finishOperation(op: Operation, method: string, path: string, ctx: Finishing): void {
  const entry = byPath.get(path);
  const paid = entry !== undefined && op["x-payment-info"] !== undefined && entry.method.toLowerCase() === method;
  const operator = path.startsWith("/api/v1/operator/");
  if (paid) finishPaid(op, entry, ctx);
  if (operator) op.security = [{ Operator: [] }];
  // An operation that names no security is public; `[]` says so explicitly (linters and crawlers
  // read a missing key as "unknown").
  op.security ??= [];
  const bearer = op.security.some((s) => "Bearer" in s);
  const facts: OperationFacts = { method, bearer, operator, paid, vendor: paid && callsVendor(entry) };
  const responses = (op.responses ??= {});
  for (const [status, rule] of Object.entries(SHARED_STATUSES)) {
    if (responses[status] === undefined && rule.when(facts)) responses[status] = { description: rule.description, content: errorJson };
  }
  addRequestExample(op, paid ? entry : undefined, ctx.schemas);
}

function finishPaid(op: Operation, entry: CatalogEntry, ctx: DocumentContext): void {
  const offline = entry.offlineByDefault === true && !ctx.enabled.has(entry.id);
  op.summary = `${entry.summary} (${priceText(entry)})`;
  if (offline) {
    // Not payable now: no offer to advertise, and the 503 says why.
    delete op["x-payment-info"];
    op.description = `${op.description ? `${op.description}\n\n` : ""}Offline: answers 503 ROUTE_OFFLINE (nothing charged) until enabled.`;
  } else {
    op["x-payment-info"] = paymentInfo(entry.id as CatalogId, {
      mpp: ctx.mpp && mppOffered(entry),
      deposit: { min: ctx.config.DEPOSIT_MIN_USD, max: ctx.config.DEPOSIT_MAX_USD },
    });
  }
  // A bearer with balance pays first; without one (or short), the 402 takes a per-call payment.
  if (anonymousPayable(entry)) op.security = [{ Bearer: [] }, {}];
}

function addRequestExample(op: Operation, entry: CatalogEntry | undefined, schemas: Json): void {
  const content = (op.requestBody?.content ?? {}) as Record<string, Json>;
  const media = content["application/json"];
  if (!media || media.example !== undefined || media.examples !== undefined) return;
  const example = entry ? EXAMPLES[entry.id as keyof typeof EXAMPLES]?.requestExample : undefined;
  media.example = example ?? exampleOf(media.schema as Json | undefined, schemas);
}

type DocumentBase = Parameters<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>[0];

/** Serves /openapi.json: the app's document, generated once per isolate and finished per request. */
export function registerOpenApiDocument(app: OpenAPIHono<AppEnv>, base: DocumentBase) {
  let generated: string | undefined;
  app.get("/openapi.json", async (c) => {
    // Routes are fixed once the app is built, so the generated part never changes in an isolate.
    generated ??= JSON.stringify(app.getOpenAPI31Document(base));
    const doc = JSON.parse(generated) as Json;
    const config = c.get("config");
    const enabled = await enabledCatalogRoutes(c.env.DB, config);
    return c.json(finishDocument(doc, { config, enabled, mpp: mppEnabled(c.env), origin: new URL(config.PUBLIC_BASE_URL).origin }));
  });
}
