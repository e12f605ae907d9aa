import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { catalogEntry, parseUsd, type CatalogId, type Micros } from "@411data/core";
import type { AppEnv } from "../../context.ts";
import type { ChatCapability, Dispatch } from "./tools.ts";

// Which capabilities the enrich agent offers, with their input schemas taken from the REST
// routes' own definitions in the app's OpenAPI registry (never restated here).

interface ChatToolSpec {
  tool: string;
  method: "GET" | "POST";
  path: string;
  catalogId?: CatalogId;
  description: string;
  /** The caller's own ceiling field on metered routes (websearch max_usd, lead session budget_usd). */
  ceilingField?: string;
}

const SPECS: readonly ChatToolSpec[] = [
  { tool: "enrich_phone", method: "POST", path: "/api/v1/enrich/phone", catalogId: "enrich.phone", description: "Reverse phone lookup: the people behind a US number." },
  { tool: "enrich_person", method: "POST", path: "/api/v1/enrich/person", catalogId: "enrich.person", description: "Find a person by name with city and state_code, by phone, or by street address." },
  { tool: "enrich_websearch", method: "POST", path: "/api/v1/enrich/websearch", catalogId: "enrich.websearch", description: "Web research on a business: phones, people with titles, addresses, legal associates, sources.", ceilingField: "max_usd" },
  { tool: "enrich_lead_session", method: "POST", path: "/api/v1/enrich/lead-session", catalogId: "enrich.lead_session", description: "Enrich one CRM row (`lead`) into a graph of phones, contacts and entities.", ceilingField: "budget_usd" },
  { tool: "get_balance", method: "GET", path: "/api/v1/agents/balance", description: "The user's balance and holds. Free." },
  { tool: "open_support_ticket", method: "POST", path: "/api/v1/support/tickets", catalogId: "support.tickets", description: "Open a support ticket for the user ($0.01)." },
];

function inputSchema(app: OpenAPIHono<AppEnv>, spec: ChatToolSpec): z.ZodType | null {
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== "route" || def.route.path !== spec.path || def.route.method.toUpperCase() !== spec.method) continue;
    const media = def.route.request?.body?.content?.["application/json"];
    return media && "schema" in media ? (media.schema as z.ZodType) : null;
  }
  return null;
}

function maxCharge(spec: ChatToolSpec, input: unknown): Micros {
  if (!spec.catalogId) return 0;
  const entry = catalogEntry(spec.catalogId);
  if (!spec.ceilingField || !entry.ceiling) return entry.price;
  const asked = (input as Record<string, unknown> | null)?.[spec.ceilingField];
  try {
    return asked === undefined ? entry.ceiling.default : parseUsd(asked);
  } catch {
    return entry.ceiling.default;
  }
}

let cached: ChatCapability[] | undefined;

export function chatCapabilities(app: OpenAPIHono<AppEnv>): readonly ChatCapability[] {
  cached ??= SPECS.flatMap((spec) => {
    const schema = spec.method === "GET" ? null : inputSchema(app, spec);
    const input = schema ?? z.object({});
    return [{ tool: spec.tool, description: spec.description, input, maxCharge: (i: unknown) => maxCharge(spec, i) }];
  });
  return cached;
}


export function chatDispatch(app: OpenAPIHono<AppEnv>, c: Context<AppEnv>): Dispatch {
  return async (tool, input) => {
    const spec = SPECS.find((s) => s.tool === tool)!;
    const headers = new Headers({ accept: "application/json", authorization: c.req.header("authorization") ?? "" });
    for (const h of ["cf-connecting-ip", "user-agent"]) {
      const v = c.req.header(h);
      if (v) headers.set(h, v);
    }
    let body: string | undefined;
    if (spec.method === "POST") {
      headers.set("content-type", "application/json");
      body = JSON.stringify(input ?? {});
    }
    const res = await app.fetch(new Request(new URL(spec.path, c.req.url), { method: spec.method, headers, body }), c.env, c.executionCtx);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed };
  };
}
