import { type OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { AppEnv } from "../context.ts";
import type { Capability } from "./registry.ts";

/** A capability's REST operation as a door needs it: where to send it, what goes in, what comes out. */
export interface Operation {
  method: "GET" | "POST";
  /** OpenAPI path template, e.g. `/api/v1/enrich/jobs/{job_id}`. */
  path: string;
  operationId: string;
  /** The arguments: the JSON body, or the path and query parameters of a GET, as one object. */
  input: z.ZodType;
  /** The success body (200 or 202). */
  output: z.ZodType | undefined;
}

type AnyApp = OpenAPIHono<AppEnv>;

const cache = new WeakMap<Capability, Operation>();

/** Reads the operation from the route definition itself, so no door restates a path or a schema. */
export function operationOf(cap: Capability, app: AnyApp): Operation {
  const known = cache.get(cap);
  if (known) return known;
  const route = "method" in cap.route ? cap.route : registeredRoute(app, cap.route.operationId);
  const op = fromRoute(route);
  cache.set(cap, op);
  return op;
}

function registeredRoute(app: AnyApp, operationId: string): RouteConfig {
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type === "route" && def.route.operationId === operationId) return def.route;
  }
  throw new Error(`no route with operationId ${operationId}`);
}

function fromRoute(route: RouteConfig): Operation {
  const method = route.method.toUpperCase();
  if (method !== "GET" && method !== "POST") throw new Error(`${route.operationId}: doors run GET and POST operations only`);
  const body = jsonSchemaOf(route.request?.body?.content);
  let input: z.ZodType;
  if (method === "POST") {
    if (!(body instanceof z.ZodType)) throw new Error(`${route.operationId}: no JSON body schema`);
    input = body;
  } else {
    // A GET takes path and query parameters; a tool takes them as one object.
    const parts = [route.request?.params, route.request?.query].filter((s): s is z.ZodObject => s instanceof z.ZodObject);
    input = z.object(Object.assign({}, ...parts.map((p) => p.shape)));
  }
  const ok = route.responses[200] ?? route.responses[202];
  const schema = ok && "content" in ok ? jsonSchemaOf(ok.content) : undefined;
  return {
    method,
    path: route.path,
    operationId: route.operationId ?? route.path,
    input,
    output: schema instanceof z.ZodType ? schema : undefined,
  };
}

function jsonSchemaOf(content: Record<string, unknown> | undefined): unknown {
  const media = content?.["application/json"];
  return media && typeof media === "object" && "schema" in media ? media.schema : undefined;
}
