import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import type { PaymentInfo } from "../../http/payment-info.ts";

// The guides list routes from the same OpenAPI document /openapi.json serves, so a route any
// surface registers (with its summary and description) reaches /skill.md and /llms.txt unedited.

export interface RouteDoc {
  method: string;
  /** As OpenAPI spells it, `{param}` unencoded: the text an agent substitutes into. */
  path: string;
  tag: string;
  summary: string;
  description: string | undefined;
  /** Whether the operation declares a bearer; paid routes also take x402 without one. */
  bearer: boolean;
  payment: PaymentInfo | undefined;
}

export interface RouteIndex {
  routes: RouteDoc[];
  /** Tag descriptions, when a surface registered its tag with one. */
  tags: Map<string, string | undefined>;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  "x-payment-info"?: PaymentInfo;
}

const cache = new WeakMap<object, { size: number; index: RouteIndex }>();

export function routeIndex(app: OpenAPIHono<AppEnv>): RouteIndex {
  const hit = cache.get(app);
  if (hit && hit.size === app.routes.length) return hit.index;
  const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "411data", version: "1.0.0" } });
  const routes: RouteDoc[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      routes.push({
        method: method.toUpperCase(),
        path,
        tag: op.tags?.[0] ?? "other",
        summary: op.summary ?? "",
        description: op.description,
        bearer: (op.security?.length ?? 0) > 0,
        payment: op["x-payment-info"],
      });
    }
  }
  const tags = new Map<string, string | undefined>();
  for (const r of routes) tags.set(r.tag, undefined);
  for (const t of doc.tags ?? []) if (tags.has(t.name)) tags.set(t.name, t.description);
  const index = { routes, tags };
  cache.set(app, { size: app.routes.length, index });
  return index;
}
